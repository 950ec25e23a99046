import { defineConfig } from 'vitest/config';
import base from './vitest.config';

// The project's Vitest config, narrowed to the unit tests for mutation runs (tests/stryker.config.mjs).
// Not Stryker's `testFiles` option: in Stryker 10.1 it turns static mutants (module-level constants)
// into runtime ones that can never be activated, so they all "survive".
export default defineConfig({ ...base, test: { ...base.test, include: ['tests/unit/**/*.test.ts'] } });
