import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Tests hash passwords at a low scrypt cost (docs/decisions/010-test-speed.md). Only the
    // source's own imports are aliased; production never loads tests/helpers/fast-password.ts.
    alias: [{ find: /^better-auth\/crypto$/, replacement: fileURLToPath(new URL('./tests/helpers/fast-password.ts', import.meta.url)) }],
  },
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    pool: 'forks',
    // Files of one worker share its module cache: the app's modules load once per worker instead
    // of once per file (the largest cost of the suite). Test files keep no module state: each
    // makes its own database and app, and restores what it sets in process.env.
    isolate: false,
    maxWorkers: 2,
    // Caps that catch a hang, not speed targets: with the other core fully busy a slow API test
    // takes about twice its idle time (docs/decisions/010-test-speed.md).
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
