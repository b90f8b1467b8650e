/** A real runtime (SQLite file in a temp dir, real worker pool) for app.inject() tests. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { SYNTHETIC_SPEC, syntheticArrow, syntheticBatch } from '../../src/demo/synthetic.js';
import { createRuntime, type Runtime, type RuntimeOptions } from '../../src/service/runtime.js';

export const ARROW_STREAM = 'application/vnd.apache.arrow.stream';
export const ARROW_FILE = 'application/vnd.apache.arrow.file';

export async function startRuntime(env: Record<string, string> = {}, opts: RuntimeOptions = {}): Promise<Runtime & { dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'driftgauge-http-'));
  const config = loadConfig({ DRIFTGAUGE_DATA_DIR: dataDir, DRIFTGAUGE_POOL_SIZE: '2', ...env });
  const runtime = await createRuntime(config, opts);
  return Object.assign(runtime, { dataDir });
}

export { SYNTHETIC_SPEC };

/** Arrow bytes of the synthetic dataset: rows in the hour starting at `startMs`. */
export function batchBytes(rows: number, seed: number, drift = 0, startMs = Date.UTC(2026, 10, 25, 10), format: 'file' | 'stream' = 'stream'): Buffer {
  return Buffer.from(syntheticArrow(syntheticBatch(rows, seed, drift, startMs), format));
}
