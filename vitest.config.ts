import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The longest files, longest first (measured on 2 December 2026, decision 010): they start before the
 * many short ones, so that the two workers end together instead of one running the fuzz alone at the
 * end (without a cache of past durations, as in CI's fresh clone, Vitest starts the largest files first,
 * and the fuzz file is small). A file missing from this list only runs later.
 */
const LONGEST_FIRST = [
  'tests/api/fuzz-write-routes.test.ts',
  'tests/cli/shutdown.test.ts',
  'tests/api/access/access-matrix.test.ts',
  'tests/cli/backup.test.ts',
  'tests/api/memoire-record.test.ts',
  'tests/cli/cli.test.ts',
  'tests/api/fuzz-auth-routes.test.ts',
  'src/features/memoire/ateliers/ateliers.solver.test.ts',
  'tests/api/admissions.test.ts',
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]) {
    const rank = (f: TestSpecification) => {
      const i = LONGEST_FIRST.findIndex((p) => f.moduleId.replaceAll('\\', '/').endsWith(`/${p}`));
      return i === -1 ? LONGEST_FIRST.length : i;
    };
    const sorted = await super.sort(files);
    return sorted.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f);
  }
}

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
    sequence: { sequencer: LongestFirst },
    // Caps that catch a hang, not speed targets: with the other core fully busy a slow API test
    // takes about twice its idle time (docs/decisions/010-test-speed.md).
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
