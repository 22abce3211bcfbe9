/**
 * What a move by hand breaks (decision 020), before anyone confirms it. Pure: it takes the optimiser's
 * input built from the promotion's declarations (its `previousGroups` are the current groups) and the
 * current groups with their numbers.
 * - `blocking`: a « ne doivent pas être ensemble » constraint the move would break — refused.
 * - `constraints`: what `checkGrouping` finds wrong after the move and not before (a group outside 5–6…),
 *   with the groups' real numbers — allowed only with an explicit confirmation.
 * - `wishes`: the wishes the move stops meeting (leader, theme, « ensemble ») — shown, confirmed with it.
 */
import type { TGroup, TGroupingInput } from './ateliers.input.js';
import { checkGrouping, scoreGrouping } from './ateliers.rules.js';

export type TCurrentGroup = { id: string; number: number; leaderId: string; memberIds: string[] };

export type TMoveAnalysis = {
  fromGroupId: string | null;
  blocking: string[];
  constraints: string[];
  wishes: string[];
  objectiveBefore: number;
  objectiveAfter: number;
  /** Nothing broken: the move needs no confirmation. */
  clean: boolean;
};

const asGroups = (groups: TCurrentGroup[]): TGroup[] => groups.map((g) => ({ leaderId: g.leaderId, previousGroupId: g.id, memberIds: [...g.memberIds] }));

export function analyseMove(input: TGroupingInput, current: TCurrentGroup[], learnerId: string, toGroupId: string): TMoveAnalysis {
  const names = new Map<string, string>([...input.learners, ...input.leaders].map((p) => [p.id, p.name ?? p.id]));
  const name = (id: string) => names.get(id) ?? id;
  const from = current.find((g) => g.memberIds.includes(learnerId)) ?? null;
  const to = current.find((g) => g.id === toGroupId);
  if (!to) throw new Error(`Groupe ${toGroupId} absent`);
  const after = current.map((g) => ({
    ...g,
    memberIds: g.id === toGroupId ? [...g.memberIds.filter((m) => m !== learnerId), learnerId] : g.memberIds.filter((m) => m !== learnerId),
  }));

  const relabel = (sentence: string) => sentence.replace(/^Groupe (\d+) :/, (_, i: string) => `Groupe ${current[Number(i) - 1]?.number ?? i} :`);
  const before = new Set(checkGrouping(input, asGroups(current)).map(relabel));
  const constraints = checkGrouping(input, asGroups(after))
    .map(relabel)
    .filter((p) => !before.has(p));

  const blocking: string[] = [];
  for (const [a, b] of input.mustNotBeTogether) {
    const other = a === learnerId ? b : b === learnerId ? a : null;
    if (other && to.memberIds.includes(other) && other !== learnerId)
      blocking.push(`${name(learnerId)} et ${name(other)} ne doivent pas être dans le même groupe (groupe ${to.number}).`);
  }

  const wishes: string[] = [];
  const learner = input.learners.find((l) => l.id === learnerId);
  const leaderOf = (g: TCurrentGroup | null) => input.leaders.find((l) => l.id === g?.leaderId);
  if (learner?.wishedLeaderId && from?.leaderId === learner.wishedLeaderId && to.leaderId !== learner.wishedLeaderId)
    wishes.push(`${name(learnerId)} avait demandé ${name(learner.wishedLeaderId)}, qui anime le groupe ${from.number} et non le groupe ${to.number}.`);
  if (learner?.wishedTheme) {
    const had = leaderOf(from)?.themes.includes(learner.wishedTheme) ?? false;
    const has = leaderOf(to)?.themes.includes(learner.wishedTheme) ?? false;
    if (had && !has) wishes.push(`Le thème demandé par ${name(learnerId)} (« ${learner.wishedTheme} ») n’est pas l’un de ceux de ${name(to.leaderId)}.`);
  }
  for (const [a, b] of input.wishTogether) {
    const other = a === learnerId ? b : b === learnerId ? a : null;
    if (other && from?.memberIds.includes(other) && !to.memberIds.includes(other))
      wishes.push(`${name(learnerId)} et ${name(other)} avaient demandé à être ensemble : ils ne le seront plus.`);
  }

  const objectiveBefore = scoreGrouping(input, asGroups(current)).objective;
  const objectiveAfter = scoreGrouping(input, asGroups(after)).objective;
  return {
    fromGroupId: from?.id ?? null,
    blocking,
    constraints,
    wishes,
    objectiveBefore,
    objectiveAfter,
    clean: blocking.length === 0 && constraints.length === 0 && wishes.length === 0,
  };
}
