import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const E2E_ORIGIN = `http://localhost:${process.env.E2E_PORT ?? 3199}`;
export const DEMO_PASSWORD = 'movsc-demo-2026';
export const DEMO = {
  admin: 'admin@movsc.demo',
  gestionnaire: 'gestion@movsc.demo',
  responsable: 'responsable@movsc.demo',
  enseignant: 'enseignant@movsc.demo',
  jury: 'jury@movsc.demo',
  auditeur: 'auditeur@movsc.demo',
} as const;

/** Signs in through the API (no form): the cookie lands in the page's context. */
export async function loginDirectly(page: Page, email: string) {
  const res = await page.request.post('/api/auth/sign-in/email', {
    data: { email, password: DEMO_PASSWORD },
    headers: { origin: E2E_ORIGIN },
  });
  expect(res.status()).toBe(200);
}

/** axe-core on the current page: no serious or critical violation. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`),
  ).toEqual([]);
}
