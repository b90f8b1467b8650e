/**
 * Runs a comparison's features across worker threads when the tables are
 * big enough to pay for them.
 *
 *   main thread                                piscina workers (one per core)
 *   ───────────                                ──────────────────────────────
 *   start the pool ─────────────────────────▶  load the feature modules
 *   file ──read──▶ SharedArrayBuffer             (meanwhile)
 *   decode: float64 columns are views on it
 *   numerical feature ──{plan, ref, cur}────▶  the two columns, still views on
 *                                              the same memory: sort, KS, PSI,
 *                                              JS, Wasserstein (thread's buffers)
 *   categorical feature, model ──{bytes}────▶  decode those columns (a view)
 *   report ◀── FeatureReport / {code,message} ◀┘
 *
 * Nothing big is cloned: SharedArrayBuffer views cross by reference, and
 * results are small JSON.
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { ColumnarTable } from '../arrow/columns.js';
import type { ComparisonRunner } from '../engine/compare.js';
import type { FeatureColumnsTask } from '../engine/feature-task.js';
import type { FeatureReport, ModelReport } from '../engine/report.js';
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

function newPool(size: number): Piscina {
  return new Piscina({ filename: workerPath('compare'), minThreads: size, maxThreads: size });
}

/**
 * Starts the worker threads before the files are read, so they load their
 * modules while the main thread reads: when `threads` asks for workers, or
 * (no `threads`) when the files hold at least POOL_MIN_VALUES doubles' worth
 * of bytes. Null otherwise, or when a file cannot be stat'ed (the read will
 * report it). Hand the pool to poolRunnerFor, which keeps or stops it.
 */
export function startComparePool(paths: string[], threads?: number): Piscina | null {
  if (threads === 0) return null;
  let bytes = 0;
  try {
    for (const path of paths) bytes += statSync(path).size;
  } catch {
    return null;
  }
  if (threads === undefined && bytes < 8 * POOL_MIN_VALUES) return null;
  return newPool(threads ?? availableParallelism());
}

/**
 * A worker-thread runner, or null to run in-process: when `threads` is 0,
 * the tables are small, or their bytes are not shared. `started` (from
 * startComparePool) is used when threads pay, and destroyed otherwise.
 */
export async function poolRunnerFor(
  ref: ColumnarTable,
  cur: ColumnarTable,
  threads?: number,
  started: Piscina | null = null,
): Promise<PoolRunner | null> {
  const refBytes = sharedBytes(ref);
  const curBytes = sharedBytes(cur);
  const values = (ref.rows + cur.rows) * ref.columns.length;
  const size = threads ?? Math.min(availableParallelism(), ref.columns.length);
  if (size <= 0 || !refBytes || !curBytes || (threads === undefined && values < POOL_MIN_VALUES)) {
    await started?.destroy();
    return null;
  }
  const pool = started ?? newPool(size);
  const reference = { bytes: refBytes, source: ref.source };
  const current = { bytes: curBytes, source: cur.source };
  const run = async (task: CompareTask | FeatureColumnsTask) => {
    const result = (await pool.run(task)) as CompareTaskResult;
    if (result.error) throw fromWire(result.error);
    return result.ok;
  };
  return {
    runner: {
      feature: async (plan, psiBins) => {
        const r = ref.byName.get(plan.name);
        const c = cur.byName.get(plan.name);
        if (r?.kind === 'numerical' && c?.kind === 'numerical') {
          return (await run({ kind: 'feature-columns', plan, psiBins, reference: r, current: c })) as FeatureReport;
        }
        return (await run({ kind: 'feature', reference, current, columns: [plan.name], plan, psiBins })) as FeatureReport;
      },
      model: async (plan) => {
        const columns = [plan.target, plan.prediction, plan.score].filter((c): c is string => c !== undefined);
        return (await run({ kind: 'model', reference, current, columns, plan })) as ModelReport;
      },
    },
    close: () => pool.destroy(),
  };
}
