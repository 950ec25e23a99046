import { configDefaults, defineConfig } from 'vitest/config';
import base from './vitest.config';

// The project's Vitest config, narrowed to the unit tests for mutation runs (tests/stryker.config.mjs).
// Not Stryker's `testFiles` option: in Stryker 10.1 it turns static mutants (module-level constants)
// into runtime ones that can never be activated, so they all "survive".
// MUTATE_API=1 (npm run mutate:api) adds the API tests, less those that spawn processes or a Prism server.
const api = process.env.MUTATE_API === '1';
// MUTATE_TESTS=a.test.ts,b.test.ts narrows the run to the tests that exercise the code mutated (a
// verb behind many API tests otherwise reruns all of them for every mutant).
const only = process.env.MUTATE_TESTS?.split(',').map((f) => f.trim()).filter(Boolean);
const SPAWNING = ['tests/api/sms-outbox-processes.test.ts', 'tests/api/cli.test.ts', 'tests/api/sms-twilio-transport.test.ts'];
// The ZIP-table check compares the committed table with what the generator writes from the source,
// which Stryker's instrumented copy of src/domain/time-zone no longer is.
const INSTRUMENTATION_SENSITIVE = ['tests/unit/time-zone-reference.test.ts'];
export default defineConfig({
  ...base,
  test: { ...base.test, include: only ?? ['tests/unit/**/*.test.ts', ...(api ? ['tests/api/**/*.test.ts'] : [])], exclude: [...configDefaults.exclude, ...INSTRUMENTATION_SENSITIVE, ...(api ? SPAWNING : [])] },
});
