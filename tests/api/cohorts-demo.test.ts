import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cohorts } from '../../src/features/cohorts/cohorts.tables.js';
import { DEMO_PASSWORD, seedDemo } from '../../src/seed/demo.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';

let t: TTestContext;
beforeAll(async () => {
  // The demo loads only into a database without users: this test needs one of its own.
  t = await createTestContext({ freshDatabase: true });
});
afterAll(() => t.close());

describe('demo data', () => {
  it('loads the 33rd promotion (Paris, November 2024) with its calendar of 490 h and past attendance', async () => {
    expect(await seedDemo(t.db, t.clock.now())).toBe(true);
    const [cohort] = await t.db.select().from(cohorts).where(eq(cohorts.number, 33));
    expect(cohort!.startsOn).toBe('2024-11-04');
    const cookie = await t.signIn('responsable@movsc.demo', DEMO_PASSWORD);
    const cal = await t.call('GET', `/api/cohorts/${cohort!.id}/calendar`, { cookie });
    expect(cal.body.totals.totalHours).toBe(490);
    const gestion = await t.signIn('gestion@movsc.demo', DEMO_PASSWORD);
    const report = await t.call('GET', `/api/cohorts/${cohort!.id}/attendance`, { cookie: gestion });
    expect(report.body.learners).toHaveLength(6);
    expect(report.body.cohort.rate).toBeGreaterThan(80);
    const justifications = await t.call('GET', `/api/cohorts/${cohort!.id}/justifications`, { cookie: gestion });
    expect(justifications.body.items).toHaveLength(1);
  });
});
