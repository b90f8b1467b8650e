/**
 * Plans a comparison of two tables under a spec: which columns are
 * features, of which kind, judged by which method; which columns feed the
 * model metrics. Every mismatch between the two tables, or between the
 * spec and the data, is found here, before any statistic runs, and named
 * with the file and the column.
 */
import type { Column, ColumnarTable } from '../arrow/columns.js';
import { createError } from '../errors.js';
import { findDriftMethod } from './drift-methods.js';
import type { ModelPlan } from './model-metrics.js';
import type { Kind, ModelSpec, Role } from './spec.js';

export interface FeaturePlan {
  name: string;
  kind: Kind;
  /** A method name or "auto"; resolved against the reference's valid rows when the statistics are in. */
  method: string;
  threshold: number | null;
}

export interface ComparisonPlan {
  features: FeaturePlan[];
  model?: ModelPlan;
  psiBins: number;
  driftShare: number;
}

const OPTIONAL_ROLES: readonly Role[] = ['timestamp', 'latency', 'id'];

/** Timestamps and dates are never features unless the spec says so: they always "drift". */
function inferredRole(col: Column): Role {
  return /^(timestamp|date)/.test(col.arrowType) ? 'timestamp' : 'feature';
}

function roleOf(spec: ModelSpec, col: Column): Role {
  return spec.columns[col.name]?.role ?? inferredRole(col);
}

function checkSameColumns(ref: ColumnarTable, cur: ColumnarTable): void {
  for (const col of ref.columns) {
    const other = cur.byName.get(col.name);
    if (!other) throw createError('DRIFTGAUGE_ERR_COLUMN_MISSING', cur.source, col.name, ref.source);
    if (other.kind !== col.kind) {
      throw createError('DRIFTGAUGE_ERR_COLUMN_TYPE_MISMATCH', cur.source, col.name, other.arrowType, col.arrowType, ref.source);
    }
  }
  for (const col of cur.columns) {
    if (!ref.byName.has(col.name)) throw createError('DRIFTGAUGE_ERR_COLUMN_MISSING', ref.source, col.name, cur.source);
  }
}

function featureKind(col: Column, spec: ModelSpec, source: string): Kind {
  const declared = spec.columns[col.name]?.kind;
  if (declared === 'numerical' && col.kind === 'categorical') {
    throw createError('DRIFTGAUGE_ERR_COLUMN_KIND', source, col.name, col.arrowType, 'a numerical feature');
  }
  return declared ?? col.kind;
}

function modelPlan(ref: ColumnarTable, spec: ModelSpec): ModelPlan | undefined {
  if (!spec.task) return undefined;
  const named = (role: Role) => Object.entries(spec.columns).find(([, c]) => c.role === role)?.[0];
  const plan: ModelPlan = {
    task: spec.task,
    target: named('target') as string,
    prediction: named('prediction'),
    score: named('score'),
    positiveClass: spec.positive_class,
  };
  const mustBeNumeric = (name: string | undefined, use: string) => {
    const col = name === undefined ? undefined : ref.byName.get(name);
    if (col && col.kind !== 'numerical') throw createError('DRIFTGAUGE_ERR_COLUMN_KIND', ref.source, col.name, col.arrowType, use);
  };
  mustBeNumeric(plan.score, 'a score (probability of the positive class)');
  if (plan.task === 'regression') {
    mustBeNumeric(plan.target, 'a regression target');
    mustBeNumeric(plan.prediction, 'a regression prediction');
  }
  if (plan.task !== 'binary' && plan.score !== undefined) plan.score = undefined;
  return plan;
}

/** Checks the tables against each other and the spec, and lists the work. */
export function planComparison(ref: ColumnarTable, cur: ColumnarTable, spec: ModelSpec): ComparisonPlan {
  for (const table of [ref, cur]) {
    if (table.rows === 0) throw createError('DRIFTGAUGE_ERR_EMPTY_TABLE', table.source);
  }
  // Columns the statistics need must be there; timestamp, latency and id columns are optional
  // (a reference often has no timestamps, a service may window by arrival time).
  for (const [name, col] of Object.entries(spec.columns)) {
    if (!ref.byName.has(name) && !OPTIONAL_ROLES.includes(col.role)) throw createError('DRIFTGAUGE_ERR_SPEC_COLUMN', ref.source, name);
  }
  checkSameColumns(ref, cur);
  const features: FeaturePlan[] = [];
  for (const col of ref.columns) {
    if (roleOf(spec, col) !== 'feature') continue;
    const kind = featureKind(col, spec, ref.source);
    const override = spec.columns[col.name]?.drift;
    if (override?.method !== undefined && override.method !== 'auto') {
      const m = findDriftMethod(override.method);
      if (!m?.kinds.includes(kind)) {
        throw createError('DRIFTGAUGE_ERR_SPEC_INVALID', ref.source, `drift method '${override.method}' does not apply to ${kind} column '${col.name}'`);
      }
    }
    features.push({
      name: col.name,
      kind,
      method: override?.method ?? spec.drift.method,
      threshold: override?.threshold !== undefined ? override.threshold : spec.drift.threshold,
    });
  }
  return { features, model: modelPlan(ref, spec), psiBins: spec.drift.psi_bins, driftShare: spec.drift.drift_share };
}
