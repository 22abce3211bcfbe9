/**
 * The pages work under the Content-Security-Policy (issue 9, item 15; decision 016): the SPA and the
 * API docs page render with no CSP violation reported by the browser, and the docs page loads
 * nothing from another host (it works offline: every other host is cut off here). Every other page
 * the suite shows is checked for violations by the shared fixture (e2e/fixtures.ts).
 */
import { expect, type Page } from '@playwright/test';
import { E2E_NOW } from './clock';
import { DEMO, E2E_ORIGIN, loginDirectly, settle, test } from './fixtures';

type TViolation = { directive: string; blocked: string; source: string; sample: string };

/**
 * The one violation we accept: the Zod copy inside Scalar's bundle tries `new Function("")` once, in
 * a try/catch, to learn whether it may compile its parsers; the CSP says no (no 'unsafe-eval') and
 * Zod parses without compiling (decision 016). Anything else, an eval of ours included, fails.
 */
function isScalarEvalProbe(v: { blocked: string; source: string }) {
  return v.blocked === 'eval' && v.source.startsWith(`${E2E_ORIGIN}/api/docs/scalar-`);
}

/** Records every CSP violation of every document of the page, and the console's CSP complaints. */
async function watchViolations(page: Page) {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (!/Content Security Policy|Content-Security-Policy|Permissions-Policy|Refused to/i.test(message.text())) return;
    if (isScalarEvalProbe({ blocked: /evaluate a string as JavaScript/.test(message.text()) ? 'eval' : '', source: message.location().url })) return;
    consoleErrors.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: unknown[] = [];
    (window as unknown as { __violations: unknown[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (e) => {
      seen.push({ directive: e.violatedDirective, blocked: e.blockedURI, source: `${e.sourceFile}:${e.lineNumber}`, sample: e.sample });
    });
  });
  const foreign: string[] = [];
  await page.context().route(
    (url) => url.origin !== E2E_ORIGIN,
    (route) => {
      foreign.push(route.request().url());
      return route.abort('internetdisconnected');
    },
  );
  return {
    async expectNone() {
      const violations = await page.evaluate(() => (window as unknown as { __violations: TViolation[] }).__violations);
      expect(violations.filter((v) => !isScalarEvalProbe(v)), `CSP violations on ${page.url()}`).toEqual([]);
      expect(consoleErrors, `console on ${page.url()}`).toEqual([]);
      expect(foreign, 'requests to another host').toEqual([]);
    },
  };
}

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(new Date(E2E_NOW));
});

// The SPA's own pages: every page any spec shows is checked for violations by the shared fixture
// (e2e/fixtures.ts); here, the header itself, the sign-in page, and nothing fetched from another host.
test('the SPA is served under the CSP and fetches nothing from another host', async ({ page }) => {
  const watch = await watchViolations(page);
  const response = await page.goto('/connexion');
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(page.getByRole('button', { name: 'Se connecter' })).toBeVisible();
  await loginDirectly(page, DEMO.admin);
  await page.goto('/');
  await settle(page);
  await watch.expectNone();
});

test('the API docs page renders our OpenAPI document with its own script, offline, with no violation', async ({ page }) => {
  const watch = await watchViolations(page);
  const response = await page.goto('/api/docs');
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  // Scalar has read /api/openapi.json: the document's title and one of its operations are shown.
  await expect(page.getByRole('heading', { name: 'MOVSC — API' }).first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('Changer son propre nom (consigné au journal)').first()).toBeVisible();
  await settle(page);
  await watch.expectNone();
});
