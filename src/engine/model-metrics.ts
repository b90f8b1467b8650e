/**
 * The report's model section: quality metrics for reference and current,
 * as scikit-learn computes them (CONTRACT.md, "Model metrics"). Labels of
 * any column type are encoded here; the kernels in stats/ see only typed
 * arrays. Rows missing a needed value are left out of that metric.
 */
import type { Column, ColumnarTable } from '../arrow/columns.js';
import { formatMessage } from '../errors.js';
import { averagePrecision } from '../stats/average-precision.js';
import { binaryClassificationMetrics } from '../stats/binary-classification-metrics.js';
import { binaryConfusion } from '../stats/binary-confusion.js';
import { brierScore } from '../stats/brier-score.js';
import { confusionMatrix } from '../stats/confusion-matrix.js';
import { logLoss } from '../stats/log-loss.js';
import { multiclassMetrics } from '../stats/multiclass-metrics.js';
import { regressionMetrics } from '../stats/regression-metrics.js';
import { rocAuc } from '../stats/roc-auc.js';
import { attempt } from './attempt.js';
import { type Label, labelAt, labelKey, positiveKey, sortLabels } from './labels.js';
import type { ModelReport, ModelSideReport, StatError } from './report.js';
import type { Task } from './spec.js';

export interface ModelPlan {
  task: Task;
  target: string;
  prediction?: string;
  score?: string;
  positiveClass?: string | number | boolean;
}

interface SideColumns {
  target: Column;
  prediction?: Column;
  score?: Column;
}

function undefinedMetric(errors: StatError[], metric: string, why: string): null {
  errors.push({ code: 'DRIFTGAUGE_ERR_METRIC_UNDEFINED', message: formatMessage('DRIFTGAUGE_ERR_METRIC_UNDEFINED', metric, why) });
  return null;
}

function countValid(col: Column): number {
  let n = 0;
  for (let i = 0; i < col.length; i++) if (labelAt(col, i) !== null) n++;
  return n;
}

function scoreAt(col: Column, i: number): number | null {
  const v = labelAt(col, i);
  return typeof v === 'number' ? v : null;
}

function binarySide(cols: SideColumns, plan: ModelPlan, out: ModelSideReport, errors: StatError[]): void {
  const { target, prediction, score } = cols;
  const pos = positiveKey(target, plan.positiveClass);
  const seen = new Set<string>();
  for (const col of [target, prediction]) {
    if (!col) continue;
    for (let i = 0; i < col.length && seen.size <= 2; i++) {
      const l = labelAt(col, i);
      if (l !== null) seen.add(labelKey(l));
    }
  }
  if (seen.size > 2) {
    undefinedMetric(errors, 'binary metrics', `task is binary but target and prediction hold more than two labels (${[...seen].slice(0, 3).join(', ')}, ...)`);
    return;
  }
  if (seen.size > 0 && !seen.has(pos)) {
    undefinedMetric(
      errors,
      'binary metrics',
      `positive class '${pos}' does not occur in target or prediction (labels: ${[...seen].join(', ')}); set "positive_class" in the spec`,
    );
    return;
  }
  const isPos = (l: Label) => (labelKey(l) === pos ? 1 : 0);
  if (prediction) {
    const yt: number[] = [];
    const yp: number[] = [];
    for (let i = 0; i < target.length; i++) {
      const t = labelAt(target, i);
      const p = labelAt(prediction, i);
      if (t !== null && p !== null) {
        yt.push(isPos(t));
        yp.push(isPos(p));
      }
    }
    const c = attempt(errors, 'confusion_matrix', 'DRIFTGAUGE_ERR_METRIC_UNDEFINED', () => {
      if (yt.length === 0) throw new RangeError('no rows with both target and prediction');
      return binaryConfusion(Uint8Array.from(yt), Uint8Array.from(yp));
    });
    const m = c ? binaryClassificationMetrics(c) : null;
    out.accuracy = m?.accuracy ?? null;
    out.precision = m?.precision ?? null;
    out.recall = m?.recall ?? null;
    out.f1 = m?.f1 ?? null;
    out.confusion_matrix = c ? [[c.tn, c.fp], [c.fn, c.tp]] : null;
  }
  if (score) {
    const yt: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < target.length; i++) {
      const t = labelAt(target, i);
      const s = scoreAt(score, i);
      if (t !== null && s !== null) {
        yt.push(isPos(t));
        ys.push(s);
      }
    }
    const y = Uint8Array.from(yt);
    const s = Float64Array.from(ys);
    const guard = <T>(name: string, f: () => T) =>
      attempt(errors, name, 'DRIFTGAUGE_ERR_METRIC_UNDEFINED', () => {
        if (y.length === 0) throw new RangeError('no rows with both target and score');
        return f();
      });
    out.roc_auc = guard('roc_auc', () => rocAuc(y, s));
    out.pr_auc = guard('pr_auc', () => averagePrecision(y, s));
    out.log_loss = guard('log_loss', () => logLoss(y, s));
    out.brier = guard('brier', () => brierScore(y, s));
  }
}

function multiclassSide(cols: SideColumns, out: ModelSideReport, errors: StatError[]): void {
  const { target, prediction } = cols;
  if (!prediction) return;
  const pairs: [Label, Label][] = [];
  for (let i = 0; i < target.length; i++) {
    const t = labelAt(target, i);
    const p = labelAt(prediction, i);
    if (t !== null && p !== null) pairs.push([t, p]);
  }
  const mixed = target.kind !== prediction.kind;
  const norm = (l: Label): Label => (mixed ? labelKey(l) : l);
  const labels = sortLabels(new Set(pairs.flatMap(([t, p]) => [norm(t), norm(p)])));
  const index = new Map(labels.map((l, i) => [l, i]));
  const yt = Int32Array.from(pairs, ([t]) => index.get(norm(t)) ?? -1);
  const yp = Int32Array.from(pairs, ([, p]) => index.get(norm(p)) ?? -1);
  const k = labels.length;
  const matrix = attempt(errors, 'confusion_matrix', 'DRIFTGAUGE_ERR_METRIC_UNDEFINED', () => {
    if (pairs.length === 0) throw new RangeError('no rows with both target and prediction');
    return confusionMatrix(yt, yp, k);
  });
  writeMulticlassMetrics(out, matrix, k, labels);
}

/** The multiclass fields of a model side from a k×k confusion matrix (null: every metric null). Exact and sketch mode share it. */
export function writeMulticlassMetrics(out: ModelSideReport, matrix: Float64Array | null, k: number, labels: Label[]): void {
  const m = matrix ? multiclassMetrics(matrix, k) : null;
  out.accuracy = m?.accuracy ?? null;
  out.precision_macro = m?.precision_macro ?? null;
  out.recall_macro = m?.recall_macro ?? null;
  out.f1_macro = m?.f1_macro ?? null;
  out.f1_weighted = m?.f1_weighted ?? null;
  out.labels = labels;
  out.confusion_matrix = matrix ? Array.from({ length: k }, (_, r) => Array.from(matrix.subarray(r * k, r * k + k))) : null;
}

function regressionSide(cols: SideColumns, out: ModelSideReport, errors: StatError[]): void {
  const { target, prediction } = cols;
  if (!prediction) return;
  const yt: number[] = [];
  const yp: number[] = [];
  for (let i = 0; i < target.length; i++) {
    const t = scoreAt(target, i);
    const p = scoreAt(prediction, i);
    if (t !== null && p !== null) {
      yt.push(t);
      yp.push(p);
    }
  }
  const m = attempt(errors, 'regression metrics', 'DRIFTGAUGE_ERR_METRIC_UNDEFINED', () => {
    if (yt.length === 0) throw new RangeError('no rows with both target and prediction');
    return regressionMetrics(Float64Array.from(yt), Float64Array.from(yp));
  });
  for (const key of ['mae', 'mse', 'rmse', 'mape', 'r2'] as const) out[key] = m ? m[key] : null;
  // scikit-learn returns NaN for R² with fewer than two rows (and warns): a null with a reason here.
  if (m && Number.isNaN(m.r2)) out.r2 = undefinedMetric(errors, 'r2', 'R^2 score is not well-defined with less than two samples');
}

function sideColumns(table: ColumnarTable, plan: ModelPlan): SideColumns {
  const get = (name: string | undefined) => (name === undefined ? undefined : table.byName.get(name));
  const target = get(plan.target);
  if (!target) throw new Error(`target column '${plan.target}' missing from ${table.source}`);
  return { target, prediction: get(plan.prediction), score: get(plan.score) };
}

/** The metrics of one table (reference or current). */
export function modelSide(table: ColumnarTable, plan: ModelPlan): ModelSideReport {
  const cols = sideColumns(table, plan);
  const out: ModelSideReport = { rows: countValid(cols.target) };
  const errors: StatError[] = [];
  if (plan.task === 'binary') binarySide(cols, plan, out, errors);
  else if (plan.task === 'multiclass') multiclassSide(cols, out, errors);
  else regressionSide(cols, out, errors);
  if (errors.length > 0) out.errors = errors;
  return out;
}

export function modelReport(ref: ColumnarTable, cur: ColumnarTable, plan: ModelPlan): ModelReport {
  return { task: plan.task, reference: modelSide(ref, plan), current: modelSide(cur, plan) };
}
