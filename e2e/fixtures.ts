import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

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

/** The rules of WCAG 2.1, levels A and AA, that axe-core implements. */
const WCAG21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Pages already checked by axe, per page: the `test` below checks the others once the test ends. */
const checkedPaths = new WeakMap<Page, Set<string>>();
const pathOf = (url: string) => new URL(url).pathname;

/**
 * axe reads the page, not the database: the PostgreSQL pass (TEST_DATABASE_URL) replays journeys whose
 * pages the PGlite pass has already checked, so it leaves axe out (decision 010). The CSP check stays.
 */
const AXE = !process.env.TEST_DATABASE_URL;

/** axe-core on the current page: no violation of WCAG 2.1 A/AA, whatever its impact (minor and moderate too). */
export async function expectAccessible(page: Page) {
  if (!AXE) return;
  // Not mid-transition: a dialog fading out after its button was clicked fails the contrast rule (seen
  // once in school-holidays.spec.ts under load). Endless animations (a loader) are not waited for.
  await page
    .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity), null, { timeout: 5_000 })
    .catch(() => {});
  const results = await new AxeBuilder({ page }).withTags(WCAG21_AA).analyze();
  checkedPaths.get(page)?.add(pathOf(page.url()));
  expect(
    results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')} — ${pathOf(page.url())}`),
  ).toEqual([]);
}

/**
 * Says that axe checked this page's path under another account (accessibility.spec.ts's NAV_PAGES):
 * the `test` below then does not open it again at the end. The page stays watched for CSP violations.
 */
export function checkedUnderAnotherAccount(page: Page, pathname: string) {
  checkedPaths.get(page)?.add(pathname);
}

/** Waits until the page is still: no request, no loader, no toast or modal half faded in. */
export async function settle(page: Page) {
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
  await expect(page.locator('.mantine-Loader-root')).toHaveCount(0, { timeout: 15_000 });
  await page.waitForTimeout(400);
}

/**
 * The `test` of every spec: its `page` records each path of the app it shows (navigations of the SPA
 * included). When the test has passed, every path that no `expectAccessible` call checked is opened
 * again in the same page (same account) and checked by axe — so every route the suite visits is
 * checked, not only those a spec remembered to check.
 */
export const test = base.extend({
  page: async ({ page }, use, testInfo) => {
    // Every page the suite shows also runs under the Content-Security-Policy with no violation
    // (decision 016): Chromium reports each one on the console. The API docs page has its own,
    // finer check (browser-defences.spec.ts), which allows Scalar's one eval probe.
    const policyViolations: string[] = [];
    page.on('console', (message) => {
      if (!/Content Security Policy|Refused to (load|execute|apply|connect|frame|evaluate)/i.test(message.text())) return;
      if (message.location().url.startsWith(`${E2E_ORIGIN}/api/docs`)) return;
      policyViolations.push(`${page.url()}: ${message.text()}`);
    });
    const visited = new Map<string, string>();
    const checked = new Set<string>();
    checkedPaths.set(page, checked);
    page.on('framenavigated', (frame) => {
      if (frame !== page.mainFrame()) return;
      const url = new URL(frame.url());
      if (url.origin === E2E_ORIGIN && !url.pathname.startsWith('/api/') && !visited.has(url.pathname)) visited.set(url.pathname, url.href);
    });
    await use(page);
    if (testInfo.status !== testInfo.expectedStatus) return;
    const unchecked = AXE ? [...visited].filter(([pathname]) => !checked.has(pathname)) : [];
    // Each page opened again gets its own time, on top of the test's.
    testInfo.setTimeout(testInfo.timeout + unchecked.length * 30_000);
    for (const [pathname, href] of unchecked) {
      if (checked.has(pathname)) continue;
      await page.goto(href);
      await settle(page);
      await expectAccessible(page);
    }
    expect(policyViolations, 'Content-Security-Policy violations').toEqual([]);
  },
});
