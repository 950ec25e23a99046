// Mutation testing of the domain rules (npm run mutate). Not part of `npm test` or CI: it is slow.
// One file at a time: npm run mutate -- --mutate src/domain/status.ts
// Paths are relative to the repo root, where npm runs the script.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: ['src/domain/**/*.ts'],
  testRunner: 'vitest',
  // tests/vitest.config.ts narrowed to tests/unit: the API tests start servers and child processes,
  // and would make every run depend on whatever src/server looks like that minute.
  vitest: { configFile: 'tests/stryker.vitest.config.ts' },
  coverageAnalysis: 'perTest',
  // The machine has two cores and other tests may be running beside this.
  concurrency: 1,
  incremental: true,
  incrementalFile: 'tests/.stryker/incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'tests/.stryker/mutation.html' },
  jsonReporter: { fileName: 'tests/.stryker/mutation.json' },
  // Outside tests/ so a left-over sandbox is never type-checked by `astro check` (tsconfig includes tests).
  tempDirName: '.stryker-tmp',
  // Sandbox copies need only what the unit and API tests import.
  ignorePatterns: ['dist', '.astro', 'data', 'public', 'tests/e2e', 'tests/bench', 'tests/.output', 'tests/.stryker', 'test-results', 'playwright-report', '*.db', '*.db-wal', '*.db-shm'],
  cleanTempDir: true,
};
