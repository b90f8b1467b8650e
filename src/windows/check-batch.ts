/**
 * Checks a batch's columns against the model before anything is folded:
 * every reference feature (or, before a reference exists, every feature the
 * spec names) must be there with the same kind, and so must the model's
 * target, prediction and score when the reference profile has a model.
 * Extra columns are ignored. All problems are named in one 422.
 */
import type { ColumnarTable } from '../arrow/columns.js';
import type { ModelSpec } from '../engine/spec.js';
import { createError } from '../errors.js';
import type { ReferenceProfile } from '../sketches/reference-profile.js';

export function checkBatchColumns(table: ColumnarTable, model: string, spec: ModelSpec, profile: ReferenceProfile | null): void {
  const problems: string[] = [];
  const need = (name: string, kind: string | null | undefined, what: string) => {
    const col = table.byName.get(name);
    if (!col) problems.push(`${what} '${name}' is missing`);
    else if (kind && col.kind !== kind) problems.push(`${what} '${name}' is ${col.arrowType} (${col.kind}), the reference's is ${kind}`);
  };
  if (table.rows === 0) throw createError('DRIFTGAUGE_ERR_EMPTY_TABLE', table.source);
  if (profile) {
    for (const f of profile.features) need(f.name, f.kind === 'numerical' ? 'numerical' : f.column, 'feature');
    const m = profile.plan.model;
    if (m && profile.model) {
      need(m.target, profile.model.targetKind, 'target');
      if (m.prediction) need(m.prediction, profile.model.predictionKind, 'prediction');
      if (m.score) need(m.score, profile.model.scoreKind, 'score');
    }
  } else {
    for (const [name, col] of Object.entries(spec.columns)) {
      if (col.role === 'feature') need(name, col.kind === 'numerical' ? 'numerical' : undefined, 'feature');
    }
  }
  for (const [name, col] of Object.entries(spec.columns)) {
    const c = table.byName.get(name);
    if (c && (col.role === 'timestamp' || col.role === 'latency') && c.kind !== 'numerical') {
      problems.push(`${col.role} column '${name}' is ${c.arrowType}, not a number or timestamp`);
    }
  }
  if (problems.length > 0) throw createError('DRIFTGAUGE_ERR_SCHEMA_MISMATCH', table.source, model, problems.join('; '));
}
