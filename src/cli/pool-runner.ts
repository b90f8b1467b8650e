/**
 * Runs a comparison's features across worker threads when the tables are
 * big enough to pay for them.
 *
 *   main thread                              piscina workers (one per core)
 *   ───────────                              ──────────────────────────────
 *   file ──read──▶ SharedArrayBuffer ─┐
 *                                     ├──▶ task {bytes view, column, plan}
 *   plan: one task per feature ───────┘        decode that column (a view)
 *                                              sort, KS, PSI, JS, Wasserstein
 *   report ◀── FeatureReport / {code,message} ◀┘
 *
 * Nothing is cloned: the bytes are shared, each worker decodes only its
 * column, and results are small JSON.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { ColumnarTable } from '../arrow/columns.js';
import type { ComparisonRunner } from '../engine/compare.js';
import type { ModelReport, FeatureReport } from '../engine/report.js';
import { fromWire } from '../errors.js';
import type { CompareTask, CompareTaskResult } from '../pool/compare-task.js';
import { workerPath } from '../pool/worker-path.js';

/** Below this many values in both tables together, threads cost more than they save. */
export const POOL_MIN_VALUES = 2_000_000;

export interface PoolRunner {
  runner: ComparisonRunner;
  close(): Promise<void>;
}

function sharedBytes(table: ColumnarTable): Uint8Array | null {
  const bytes = table.bytes;
  return bytes && bytes.buffer instanceof SharedArrayBuffer ? bytes : null;
}

/**
 * A worker-thread runner, or null to run in-process: when `threads` is 0,
 * the tables are small, or their bytes are not shared.
 */
export async function poolRunnerFor(ref: ColumnarTable, cur: ColumnarTable, threads?: number): Promise<PoolRunner | null> {
  const refBytes = sharedBytes(ref);
  const curBytes = sharedBytes(cur);
  const values = (ref.rows + cur.rows) * ref.columns.length;
  const size = threads ?? Math.min(availableParallelism(), ref.columns.length);
  if (size <= 0 || !refBytes || !curBytes || (threads === undefined && values < POOL_MIN_VALUES)) return null;
  const pool = new Piscina({ filename: workerPath('compare'), minThreads: size, maxThreads: size });
  const reference = { bytes: refBytes, source: ref.source };
  const current = { bytes: curBytes, source: cur.source };
  const run = async (task: CompareTask) => {
    const result = (await pool.run(task)) as CompareTaskResult;
    if (result.error) throw fromWire(result.error);
    return result.ok;
  };
  return {
    runner: {
      feature: async (plan, psiBins) =>
        (await run({ kind: 'feature', reference, current, columns: [plan.name], plan, psiBins })) as FeatureReport,
      model: async (plan) => {
        const columns = [plan.target, plan.prediction, plan.score].filter((c): c is string => c !== undefined);
        return (await run({ kind: 'model', reference, current, columns, plan })) as ModelReport;
      },
    },
    close: () => pool.destroy(),
  };
}
