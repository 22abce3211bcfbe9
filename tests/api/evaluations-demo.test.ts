/** The demo's marks (decision 024): in promotion 33 the demo learner sees the released case study (15, corrected with its reason), nothing else; the teacher's grid shows the mémoire awaiting a third reading. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../src/seed/demo.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext({ freshDatabase: true });
});
afterAll(() => t.close());

describe('demo evaluations', () => {
  it('the demo learner sees one released mark; the teacher’s grid shows the corrected mark’s history and a third reading due', async () => {
    expect(await seedDemo(t.db, t.clock.now())).toBe(true);
    const learner = await t.signIn('auditeur@movsc.demo', DEMO_PASSWORD);
    const mine = await t.call('GET', '/api/me/evaluations', { cookie: learner });
    expect(mine.status).toBe(200);
    const promo = mine.body.items.find((i: { cohort: { name: string } }) => i.cohort.name.includes('33'));
    const assessments = promo.blocs.flatMap((b: { assessments: Array<{ id: string; released: boolean; outcome: { mark: number | null } }> }) => b.assessments);
    expect(assessments.filter((a: { released: boolean }) => a.released).map((a: { id: string }) => a.id)).toEqual(['cas-pratiques-1']);
    expect(assessments.find((a: { id: string }) => a.id === 'cas-pratiques-1').outcome.mark).toBe(15);
    expect(assessments.filter((a: { id: string; outcome: { mark: number | null } }) => a.id !== 'cas-pratiques-1' && a.outcome.mark !== null)).toEqual([]);

    const teacher = await t.signIn('enseignant@movsc.demo', DEMO_PASSWORD);
    const grid = await t.call('GET', `/api/cohorts/${promo.cohort.id}/evaluations`, { cookie: teacher });
    expect(grid.status).toBe(200);
    const learnerId = grid.body.learners.find((l: { name: string }) => l.name).id as string;
    expect(grid.body.cells.filter((c: { assessmentId: string }) => c.assessmentId === 'cas-pratiques-1')).toHaveLength(grid.body.learners.length);
    expect(grid.body.cells.some((c: { assessmentId: string; outcome: { status: string } }) => c.assessmentId === 'memoire' && c.outcome.status === 'third_reading')).toBe(true);
    expect(learnerId).toBeTruthy();
  });
});
