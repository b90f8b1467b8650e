import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startComparePool } from '../../src/cli/pool-runner.js';

const dir = mkdtempSync(join(tmpdir(), 'driftgauge-pool-'));
const small = join(dir, 'small.arrow');
writeFileSync(small, new Uint8Array(1000));

describe('startComparePool', () => {
  it('starts nothing for --threads 0', () => {
    expect(startComparePool([small, small], 0)).toBeNull();
  });

  it('starts nothing for files below POOL_MIN_VALUES doubles unless threads are asked for', () => {
    expect(startComparePool([small, small])).toBeNull();
  });

  it('starts nothing when a file is missing (the read names it)', () => {
    expect(startComparePool([small, join(dir, 'nope.arrow')], 2)).toBeNull();
  });

  it('starts the threads asked for, before any file is read', async () => {
    const pool = startComparePool([small, small], 1);
    expect(pool).not.toBeNull();
    expect(pool?.options.maxThreads).toBe(1);
    await pool?.destroy();
  });
});
