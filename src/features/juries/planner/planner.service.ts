/** The planner's public face for the rest of the juries feature (soutenance sessions, decision 027). */
export { checkPlan } from './planner.check.js';
export { DEFAULT_COMPOSITIONS, DEFAULT_PLAN_WEIGHTS, ZPlanInputSchema, type TAssignment, type TPlanInput, type TPlanInputRaw, type TPlanResult } from './planner.input.js';
export { planSoutenances } from './planner.propose.js';
