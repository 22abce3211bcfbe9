/** The demo's jury (decision 026): promotion 33's June jury, two Cnam teachers and one professional for the demo learner's file — not constituted, one professional missing; the demo jury member finds the case in « Mes jurys ». */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../src/seed/demo.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext({ freshDatabase: true });
});
afterAll(() => t.close());

describe('demo juries', () => {
  it('shows a jury of promotion 33 missing one professional, and its case to the demo jury member', async () => {
    expect(await seedDemo(t.db, t.clock.now())).toBe(true);
    const responsable = await t.signIn('responsable@movsc.demo', DEMO_PASSWORD);
    const cohorts = (await t.call('GET', '/api/cohorts?pageSize=200', { cookie: responsable })).body.items as { id: string; number: number }[];
    const list = await t.call('GET', `/api/cohorts/${cohorts.find((c) => c.number === 33)!.id}/juries`, { cookie: responsable });
    expect(list.status).toBe(200);
    const [jury] = list.body.items;
    expect(jury).toMatchObject({ label: 'Soutenances de juin 2026', constitutedAt: null });
    expect(jury.composition.problems.map((p: { message: string }) => p.message)).toEqual(['il manque 1 professionnel']);
    const member = await t.signIn('jury@movsc.demo', DEMO_PASSWORD);
    const mine = (await t.call('GET', '/api/me/juries', { cookie: member })).body.items;
    expect(mine.map((j: { label: string }) => j.label)).toEqual(['Soutenances de juin 2026']);
    expect(mine[0].cases.map((c: { learner: { name: string }; open: boolean }) => [c.learner.name, c.open])).toEqual([['Aurélie Auditrice', true]]);

    // Two mémoires deposited (decision 027), ready for a jury to be planned and convened.
    const theses = (await t.call('GET', `/api/cohorts/${cohorts.find((c) => c.number === 33)!.id}/theses`, { cookie: responsable })).body.items as { learner: { name: string }; state: string }[];
    expect(theses.filter((x) => x.state === 'deposited').map((x) => x.learner.name).sort()).toEqual(['Bastien Bénévole', 'Chloé Coopérative']);
  });
});
