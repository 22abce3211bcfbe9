/** The demo's ateliers mémoire (decision 020): a promotion of its own has declarations and two accepted groups of six. */
import { eq } from 'drizzle-orm';
import { users } from '../../src/features/auth/auth.tables.js';
import { cohortLearners } from '../../src/features/cohorts/cohorts.tables.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ATELIER_LEADER, DEMO_ATELIER_LEARNER_EMAILS } from '../../src/seed/demo-ateliers.js';
import { DEMO_PASSWORD, seedDemo } from '../../src/seed/demo.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext({ freshDatabase: true });
});
afterAll(() => t.close());

describe('demo ateliers', () => {
  it('a promotion of its own: wishes and pairs declared, two groups of six accepted, each leader reads their own', async () => {
    expect(await seedDemo(t.db, t.clock.now())).toBe(true);
    const [cohort] = await t.db
      .select({ id: cohortLearners.cohortId })
      .from(cohortLearners)
      .innerJoin(users, eq(users.id, cohortLearners.userId))
      .where(eq(users.email, DEMO_ATELIER_LEARNER_EMAILS[0]!));
    const responsable = await t.signIn('responsable@movsc.demo', DEMO_PASSWORD);
    const groups = await t.call('GET', `/api/cohorts/${cohort!.id}/ateliers`, { cookie: responsable });
    expect(groups.body.groups.map((g: { members: unknown[] }) => g.members.length)).toEqual([6, 6]);
    const declarations = await t.call('GET', `/api/cohorts/${cohort!.id}/ateliers/declarations`, { cookie: responsable });
    expect(declarations.body.pairs).toHaveLength(2);
    expect(declarations.body.learners.filter((l: { wishedTheme: string | null }) => l.wishedTheme)).toHaveLength(4);
    const sofia = await t.signIn(DEMO_ATELIER_LEADER.email, DEMO_PASSWORD);
    const led = await t.call('GET', `/api/cohorts/${cohort!.id}/ateliers`, { cookie: sofia });
    expect(led.body.groups).toHaveLength(1);
    expect(led.body.groups[0].leader.name).toBe(DEMO_ATELIER_LEADER.name);
  });
});
