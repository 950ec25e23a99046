// Mutation testing of the domain rules (npm run mutate). Not part of `npm test` or CI: it is slow.
// One file at a time: npm run mutate -- --mutate src/domain/status.ts
// Paths are relative to the repo root, where npm runs the script.
// `npm run mutate:api -- --mutate src/domain/events.ts`: the same with the API tests too, for the
// verbs that need a database (orders, events, feedback, opt-in, the outbox); its own state and reports.
const api = process.env.MUTATE_API === '1';
const out = (name) => `tests/.stryker/${api ? `api-${name}` : name}`;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: ['src/domain/**/*.ts'],
  testRunner: 'vitest',
  // tests/vitest.config.ts narrowed to tests/unit: the API tests start servers and child processes,
  // and would make every run depend on whatever src/server looks like that minute.
  // related: vitest's import graph does not link the API tests to the verbs behind the app's routes.
  vitest: { configFile: 'tests/stryker.vitest.config.ts', related: !api },
  // perTest, unless MUTATE_COVERAGE=all: code a suite runs in beforeAll (the demo seed) is covered by
  // no single test, so per-test analysis would leave its mutants untested.
  coverageAnalysis: process.env.MUTATE_COVERAGE === 'all' ? 'all' : 'perTest',
  // With the API tests a static mutant (a module-level constant) reruns all of them (~80 s each).
  ignoreStatic: api && process.env.MUTATE_COVERAGE !== 'all',
  // The machine has two cores and other tests may be running beside this.
  concurrency: 1,
  incremental: true,
  incrementalFile: out('incremental.json'),
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: out('mutation.html') },
  jsonReporter: { fileName: out('mutation.json') },
  // Outside tests/ so a left-over sandbox is never type-checked by `astro check` (tsconfig includes tests).
  tempDirName: api ? '.stryker-tmp-api' : '.stryker-tmp',
  // Sandbox copies need only what the unit and API tests import.
  ignorePatterns: ['dist', '.astro', 'data', 'public', 'tests/e2e', 'tests/bench', 'tests/.output', 'tests/.stryker', 'test-results', 'playwright-report', '*.db', '*.db-wal', '*.db-shm'],
  cleanTempDir: true,
};
