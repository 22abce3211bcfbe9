/** The demo's milestones (decision 022): promotion 33 has its six due dates in its calendar; the demo learner sees them, the first done. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../src/seed/demo.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext({ freshDatabase: true });
});
afterAll(() => t.close());

describe('demo milestones', () => {
  it('the demo learner’s « Mon mémoire » lists six milestones with due dates, the autobiographie raisonnée done', async () => {
    expect(await seedDemo(t.db, t.clock.now())).toBe(true);
    const learner = await t.signIn('auditeur@movsc.demo', DEMO_PASSWORD);
    const res = await t.call('GET', '/api/me/memoire', { cookie: learner });
    expect(res.status).toBe(200);
    const entry = res.body.cohorts.find((c: { milestones: { dueOn: string | null }[] }) => c.milestones.every((m) => m.dueOn));
    expect(entry.milestones).toHaveLength(6);
    expect(entry.milestones[0]).toMatchObject({ kind: 'autobiography', status: 'done' });
    const responsable = await t.signIn('responsable@movsc.demo', DEMO_PASSWORD);
    const calendar = await t.call('GET', `/api/cohorts/${entry.cohort.id}/calendar`, { cookie: responsable });
    expect(calendar.body.markers).toHaveLength(6);
  });
});
