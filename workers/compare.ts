/**
 * Piscina entry point for exact comparisons.
 *
 * Numerical features arrive as their two columns, views on the
 * SharedArrayBuffers the main thread read the files into (FeatureColumnsTask):
 * nothing to decode, nothing copied. Categorical features and the model
 * section arrive as the shared Arrow bytes of both tables, and the worker
 * decodes only the columns of its task; apache-arrow and the model metrics
 * are loaded on the first such task, so a worker that only sees numerical
 * features starts without them. At start the worker warms up the numerical
 * kernels (warm-up.ts) while the main thread reads. Errors return as `{ error: { code, message } }`
 * and are rebuilt from the catalogue on the main thread.
 */

import { computeFeature } from '../src/engine/feature.js';
import type { FeatureColumnsTask } from '../src/engine/feature-task.js';
import { warmUpNumericFeature } from '../src/engine/warm-up.js';
import { toWire } from '../src/errors.js';
import type { CompareTask, CompareTaskResult } from '../src/pool/compare-task.js';

// Tasks arrive once the main thread has read the files: meanwhile, compile the kernels.
warmUpNumericFeature();

export default async function compareTask(task: CompareTask | FeatureColumnsTask): Promise<CompareTaskResult> {
  try {
    if (task.kind === 'feature-columns') return { ok: computeFeature(task.plan, task.psiBins, task.reference, task.current) };
    const { readTable } = await import('../src/arrow/read-table.js');
    const ref = readTable(task.reference.bytes, task.reference.source, { columns: task.columns });
    const cur = readTable(task.current.bytes, task.current.source, { columns: task.columns });
    if (task.kind === 'feature') {
      const r = ref.byName.get(task.plan.name);
      const c = cur.byName.get(task.plan.name);
      if (!r || !c) throw new Error(`column '${task.plan.name}' missing in worker`);
      return { ok: computeFeature(task.plan, task.psiBins, r, c) };
    }
    const { modelReport } = await import('../src/engine/model-metrics.js');
    return { ok: modelReport(ref, cur, task.plan) };
  } catch (err) {
    return { error: toWire(err) };
  }
}
