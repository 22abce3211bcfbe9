import { defineConfig } from '@playwright/test';
import { E2E_NOW } from './e2e/clock';

const port = Number(process.env.E2E_PORT ?? 3199);

// Debian's Chromium, never a downloaded browser. The server is the real `npm start` path on a
// fresh data folder (or a fresh PostgreSQL database when TEST_DATABASE_URL is set).
// The CI's second pass (TEST_DATABASE_URL: PostgreSQL) runs again the journeys that write through
// the database across several accounts. Checks of the pages themselves (axe on every page, layouts,
// calendar views, forms' messages, the journal's words) do not depend on the engine: they run in the
// first pass, and the API suites run on both engines (decision 010).
const PAGE_ONLY_SPECS = ['accessibility', 'browser-defences', 'calendar-views', 'cohort-form', 'forms', 'home', 'journal', 'referentiel'].map((name) => `**/${name}.spec.ts`);

export default defineConfig({
  testDir: 'e2e',
  testIgnore: process.env.TEST_DATABASE_URL ? PAGE_ONLY_SPECS : [],
  // A whole journey (the admissions one crosses four accounts) takes 20–60 s on a busy 2-core machine.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: 'node scripts/e2e-server.mjs',
    url: `http://localhost:${port}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    // Journeys sign in many times from one address: the sign-in limit is tested by the API suite.
    env: { PORT: String(port), LOG_LEVEL: 'warn', LOGIN_RATE_LIMIT_MAX: '1000', MOVSC_CLOCK_START: E2E_NOW, MOVSC_CLOCK_MODE: 'fixed' },
  },
});
