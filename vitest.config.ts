import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// One temporary directory per test run, removed at its end (test/global-temp.ts).
const runTmp = join(tmpdir(), `driftgauge-test-${process.pid}`);
process.env.DRIFTGAUGE_TEST_TMPDIR = runTmp;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['./test/global-temp.ts'],
    env: { TMPDIR: runTmp },
  },
});
