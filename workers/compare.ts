/**
 * Piscina entry point for exact comparisons. The Arrow bytes of both tables
 * live in SharedArrayBuffers: every worker decodes only the columns of its
 * task as views on those bytes, so no column is cloned across threads.
 * Errors return as `{ error: { code, message } }` and are rebuilt from the
 * catalogue on the main thread.
 */
import { readTable } from '../src/arrow/read-table.js';
import { computeFeature } from '../src/engine/feature.js';
import { modelReport } from '../src/engine/model-metrics.js';
import { toWire } from '../src/errors.js';
import type { CompareTask, CompareTaskResult } from '../src/pool/compare-task.js';

export default function compareTask(task: CompareTask): CompareTaskResult {
  try {
    const ref = readTable(task.reference.bytes, task.reference.source, { columns: task.columns });
    const cur = readTable(task.current.bytes, task.current.source, { columns: task.columns });
    if (task.kind === 'feature') {
      const r = ref.byName.get(task.plan.name);
      const c = cur.byName.get(task.plan.name);
      if (!r || !c) throw new Error(`column '${task.plan.name}' missing in worker`);
      return { ok: computeFeature(task.plan, task.psiBins, r, c) };
    }
    return { ok: modelReport(ref, cur, task.plan) };
  } catch (err) {
    return { error: toWire(err) };
  }
}
