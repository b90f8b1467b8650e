/**
 * The mergeable state of a window's model quality: what each metric of
 * CONTRACT.md needs, in O(bins) memory whatever the rows.
 *
 * - binary: confusion counts [tn, fp, fn, tp]; per label, counts per score
 *   bin (the profile's score edges: a uniform 2^-14 grid on [0, 1] merged
 *   with the reference scores' fine quantiles, below-0 and above-1 scores in
 *   the end bins) for ROC AUC and average precision; running sums of the
 *   per-row log loss and squared error, and the score extremes (sklearn's
 *   brier range check) — log loss and Brier are exact up to summation order.
 *   The three smallest label keys seen keep exact mode's label checks.
 * - multiclass: counts per (true, predicted) label pair over at most
 *   `maxLabels` labels (past that: gone for good, an error in the report).
 * - regression: n, Σ|e|, Σe², Σ|e|/max(|y|, eps), and the target's mean and
 *   M2 (Chan's merge) and extremes: MAE, MSE, RMSE, MAPE, R² exact up to
 *   float rounding.
 *
 * Worked by hand (binary, positive "1", score edges [0, 0.5, 1]):
 *   target [1, 0, 1], prediction [1, 1, 0], score [0.9, 0.6, 0.2]
 *   confusion: (1,1) tp, (0,1) fp, (1,0) fn → [tn 0, fp 1, fn 1, tp 1]
 *   positive scores 0.9 → bin 2, 0.2 → bin 1; negative 0.6 → bin 2
 *   brierSum = 0.1² + 0.6² + 0.8² = 1.01; rows 3.
 */
import { type BinLookup, binIndex } from './bin-lookup.js';
import { type ColumnInput, type Label, labelAt, labelKey } from './column-input.js';
import { mergeMoments, mergeShiftedSums } from './merge-moments.js';

/** Default: a multiclass window keeps its confusion counts for at most this many labels. */
export const DEFAULT_MAX_LABELS = 64;

export type ModelTask = 'binary' | 'multiclass' | 'regression';

/** What a model sketch needs from the reference profile; never serialized with the sketch. */
export interface ModelLayout {
  task: ModelTask;
  hasPrediction: boolean;
  hasScore: boolean;
  /** Binary: the positive class as a label key. */
  positiveKey: string;
  /** Multiclass: target and prediction differ in column kind, so labels compare as keys. */
  mixedLabels: boolean;
  maxLabels: number;
  /** Binary with a score column: the score bins. */
  scores: BinLookup | null;
}

export interface BinaryModelSketch {
  task: 'binary';
  /** Rows with a target label. */
  rows: number;
  /** The (up to) three smallest label keys seen in target and prediction. */
  labels: string[];
  /** [tn, fp, fn, tp] over rows with target and prediction. */
  confusion: Float64Array;
  /** Rows with target and a finite score. */
  scored: number;
  /** Counts per score bin of positive / negative rows (empty without a score column). */
  scorePositive: Float64Array;
  scoreNegative: Float64Array;
  logLossSum: number;
  brierSum: number;
  scoreMin: number;
  scoreMax: number;
}

export interface MulticlassModelSketch {
  task: 'multiclass';
  rows: number;
  /** Rows with target and prediction. */
  pairs: number;
  /** Label key → label; null once there were more than `maxLabels`. */
  classes: Map<string, Label> | null;
  /** "true key \u0001 predicted key" → rows; null with `classes`. */
  cells: Map<string, number> | null;
}

export interface RegressionModelSketch {
  task: 'regression';
  rows: number;
  /** Rows with a finite target and prediction. */
  pairs: number;
  absSum: number;
  sqSum: number;
  pctSum: number;
  targetMean: number;
  targetM2: number;
  targetMin: number;
  targetMax: number;
}

export type ModelSketch = BinaryModelSketch | MulticlassModelSketch | RegressionModelSketch;

/** The columns a model sketch reads from one batch. */
export interface ModelColumns {
  target: ColumnInput;
  prediction?: ColumnInput;
  score?: ColumnInput;
}

/** An empty sketch for a layout. */
export function createModelSketch(layout: ModelLayout): ModelSketch {
  if (layout.task === 'binary') {
    const bins = layout.scores ? layout.scores.edges.length + 1 : 0;
    return {
      task: 'binary',
      rows: 0,
      labels: [],
      confusion: new Float64Array(4),
      scored: 0,
      scorePositive: new Float64Array(bins),
      scoreNegative: new Float64Array(bins),
      logLossSum: 0,
      brierSum: 0,
      scoreMin: Number.POSITIVE_INFINITY,
      scoreMax: Number.NEGATIVE_INFINITY,
    };
  }
  if (layout.task === 'multiclass') return { task: 'multiclass', rows: 0, pairs: 0, classes: new Map(), cells: new Map() };
  return {
    task: 'regression',
    rows: 0,
    pairs: 0,
    absSum: 0,
    sqSum: 0,
    pctSum: 0,
    targetMean: 0,
    targetM2: 0,
    targetMin: Number.POSITIVE_INFINITY,
    targetMax: Number.NEGATIVE_INFINITY,
  };
}

/**
 * Records one batch's model columns, in place.
 *
 * Cost: O(n) (one label key per distinct label, one bin lookup per score).
 *
 * @param sketch the state to update (its task must be the layout's)
 * @param layout the model layout from the profile
 * @param cols target, and prediction / score when the layout has them
 * @returns `sketch`
 * @throws RangeError when a column the layout needs is absent or lengths differ
 * @example
 * addModel(createModelSketch(layout), layout, { target, prediction, score });
 */
export function addModel(sketch: ModelSketch, layout: ModelLayout, cols: ModelColumns): ModelSketch {
  const n = cols.target.length;
  for (const [name, col] of [['prediction', cols.prediction], ['score', cols.score]] as const) {
    if (col && col.length !== n) throw new RangeError(`model ${name} column has ${col.length} rows, target ${n}`);
  }
  if (layout.hasPrediction && !cols.prediction) throw new RangeError('the model sketch needs the prediction column');
  if (layout.hasScore && !cols.score) throw new RangeError('the model sketch needs the score column');
  if (sketch.task === 'binary') addBinary(sketch, layout, cols);
  else if (sketch.task === 'multiclass') addMulticlass(sketch, layout, cols);
  else addRegression(sketch, cols);
  return sketch;
}

/** -1 missing, 0 negative, 1 positive, per row. */
function binaryCodes(col: ColumnInput, positiveKey: string): Int8Array {
  const out = new Int8Array(col.length);
  if (col.kind === 'categorical') {
    const pos = col.categories.map((c) => (c === positiveKey ? 1 : 0));
    for (let i = 0; i < col.length; i++) {
      const c = col.codes[i];
      out[i] = c < 0 ? -1 : pos[c];
    }
    return out;
  }
  const asNumber = Number(positiveKey);
  const numeric = positiveKey !== '' && String(asNumber) === positiveKey;
  for (let i = 0; i < col.length; i++) {
    const v = col.values[i];
    if (v - v !== 0 || (col.valid !== null && col.valid[i] !== 1)) out[i] = -1;
    else out[i] = numeric && v === asNumber ? 1 : 0;
  }
  return out;
}

/** Distinct label keys of a column in this batch. */
function labelKeys(col: ColumnInput): Set<string> {
  const keys = new Set<string>();
  if (col.kind === 'categorical') {
    const used = new Uint8Array(col.categories.length);
    for (let i = 0; i < col.length; i++) if (col.codes[i] >= 0) used[col.codes[i]] = 1;
    used.forEach((u, c) => {
      if (u) keys.add(col.categories[c]);
    });
    return keys;
  }
  const values = new Set<number>();
  for (let i = 0; i < col.length; i++) {
    const v = col.values[i];
    if (v - v === 0 && (col.valid === null || col.valid[i] === 1)) values.add(v);
  }
  for (const v of values) keys.add(String(v));
  return keys;
}

/** The three smallest keys of a ∪ b (code unit order): enough for exact mode's "more than two labels" check. */
function smallestThree(a: Iterable<string>, b: Iterable<string>): string[] {
  return [...new Set([...a, ...b])].sort().slice(0, 3);
}

function addBinary(s: BinaryModelSketch, layout: ModelLayout, cols: ModelColumns): void {
  const t = binaryCodes(cols.target, layout.positiveKey);
  const p = cols.prediction ? binaryCodes(cols.prediction, layout.positiveKey) : null;
  const seen = labelKeys(cols.target);
  if (cols.prediction) for (const k of labelKeys(cols.prediction)) seen.add(k);
  s.labels = smallestThree(s.labels, seen);
  const score = cols.score && cols.score.kind === 'numerical' ? cols.score : null;
  const lookup = layout.scores;
  const eps = Number.EPSILON;
  let logLoss = 0;
  let brier = 0;
  for (let i = 0; i < t.length; i++) {
    const y = t[i];
    if (y < 0) continue;
    s.rows++;
    if (p !== null && p[i] >= 0) s.confusion[2 * y + p[i]]++;
    if (score === null || lookup === null) continue;
    const v = score.values[i];
    if (v - v !== 0 || (score.valid !== null && score.valid[i] !== 1)) continue;
    s.scored++;
    const b = binIndex(lookup, v);
    if (y === 1) s.scorePositive[b]++;
    else s.scoreNegative[b]++;
    if (v < s.scoreMin) s.scoreMin = v;
    if (v > s.scoreMax) s.scoreMax = v;
    // sklearn 1.2 log_loss: clip to [eps, 1 - eps], renormalise the two columns
    const pp = Math.min(Math.max(v, eps), 1 - eps);
    const q = 1 - pp;
    logLoss += -Math.log((y === 1 ? pp : q) / (q + pp));
    const d = y - v;
    brier += d * d;
  }
  s.logLossSum += logLoss;
  s.brierSum += brier;
}

function addMulticlass(s: MulticlassModelSketch, layout: ModelLayout, cols: ModelColumns): void {
  const target = cols.target;
  const prediction = cols.prediction;
  for (let i = 0; i < target.length; i++) if (labelAt(target, i) !== null) s.rows++;
  if (!prediction) return;
  const batch = new Map<string, number>();
  const classes = new Map<string, Label>();
  for (let i = 0; i < target.length; i++) {
    const t = labelAt(target, i);
    const p = labelAt(prediction, i);
    if (t === null || p === null) continue;
    s.pairs++;
    const tk = labelKey(t);
    const pk = labelKey(p);
    if (!classes.has(tk)) classes.set(tk, layout.mixedLabels ? tk : t);
    if (!classes.has(pk)) classes.set(pk, layout.mixedLabels ? pk : p);
    const cell = `${tk}\u0001${pk}`;
    batch.set(cell, (batch.get(cell) ?? 0) + 1);
  }
  mergeClasses(s, classes, batch, layout.maxLabels);
}

function mergeClasses(s: MulticlassModelSketch, classes: ReadonlyMap<string, Label> | null, cells: ReadonlyMap<string, number> | null, maxLabels: number): void {
  if (s.classes === null || s.cells === null) return;
  if (classes === null || cells === null) {
    s.classes = null;
    s.cells = null;
    return;
  }
  for (const [k, l] of classes) if (!s.classes.has(k)) s.classes.set(k, l);
  if (s.classes.size > maxLabels) {
    s.classes = null;
    s.cells = null;
    return;
  }
  for (const [cell, rows] of cells) s.cells.set(cell, (s.cells.get(cell) ?? 0) + rows);
}

function addRegression(s: RegressionModelSketch, cols: ModelColumns): void {
  const target = cols.target;
  const prediction = cols.prediction;
  for (let i = 0; i < target.length; i++) if (labelAt(target, i) !== null) s.rows++;
  if (!prediction || target.kind !== 'numerical' || prediction.kind !== 'numerical') return;
  let shift = Number.NaN; // the batch's first target: sums around it do not cancel
  let n = 0;
  let abs = 0;
  let sq = 0;
  let pct = 0;
  let y1 = 0;
  let y2 = 0;
  let min = s.targetMin;
  let max = s.targetMax;
  for (let i = 0; i < target.length; i++) {
    const y = target.values[i];
    const f = prediction.values[i];
    if (y - y !== 0 || f - f !== 0) continue;
    if ((target.valid !== null && target.valid[i] !== 1) || (prediction.valid !== null && prediction.valid[i] !== 1)) continue;
    if (n === 0) shift = y;
    n++;
    const e = y - f;
    const a = Math.abs(e);
    abs += a;
    sq += e * e;
    pct += a / Math.max(Math.abs(y), Number.EPSILON);
    const d = y - shift;
    y1 += d;
    y2 += d * d;
    if (y < min) min = y;
    if (y > max) max = y;
  }
  if (n === 0) return;
  s.absSum += abs;
  s.sqSum += sq;
  s.pctSum += pct;
  s.targetMin = min;
  s.targetMax = max;
  const m = mergeShiftedSums(s.pairs, s.targetMean, s.targetM2, n, shift, y1, y2);
  s.pairs = m.count;
  s.targetMean = m.mean;
  s.targetM2 = m.m2;
}

/**
 * Merges `other` into `target`, in place.
 *
 * Cost: O(score bins) binary; O(labels²) multiclass; O(1) regression.
 *
 * @throws RangeError when the tasks or bin counts differ
 */
export function mergeModelInto(target: ModelSketch, other: ModelSketch, layout: ModelLayout): ModelSketch {
  if (target.task !== other.task) throw new RangeError(`cannot merge ${target.task} and ${other.task} model sketches`);
  target.rows += other.rows;
  if (target.task === 'binary') {
    const o = other as BinaryModelSketch;
    if (o.scorePositive.length !== target.scorePositive.length) throw new RangeError('model sketches differ in score bins');
    target.labels = smallestThree(target.labels, o.labels);
    for (let i = 0; i < 4; i++) target.confusion[i] += o.confusion[i];
    for (let b = 0; b < target.scorePositive.length; b++) {
      target.scorePositive[b] += o.scorePositive[b];
      target.scoreNegative[b] += o.scoreNegative[b];
    }
    target.scored += o.scored;
    target.logLossSum += o.logLossSum;
    target.brierSum += o.brierSum;
    target.scoreMin = Math.min(target.scoreMin, o.scoreMin);
    target.scoreMax = Math.max(target.scoreMax, o.scoreMax);
  } else if (target.task === 'multiclass') {
    const o = other as MulticlassModelSketch;
    target.pairs += o.pairs;
    mergeClasses(target, o.classes, o.cells, layout.maxLabels);
  } else {
    const o = other as RegressionModelSketch;
    target.absSum += o.absSum;
    target.sqSum += o.sqSum;
    target.pctSum += o.pctSum;
    target.targetMin = Math.min(target.targetMin, o.targetMin);
    target.targetMax = Math.max(target.targetMax, o.targetMax);
    const m = mergeMoments(target.pairs, target.targetMean, target.targetM2, o.pairs, o.targetMean, o.targetM2);
    target.pairs = m.count;
    target.targetMean = m.mean;
    target.targetM2 = m.m2;
  }
  return target;
}

/** A deep copy. */
export function cloneModel(s: ModelSketch): ModelSketch {
  if (s.task === 'binary') {
    return { ...s, labels: [...s.labels], confusion: s.confusion.slice(), scorePositive: s.scorePositive.slice(), scoreNegative: s.scoreNegative.slice() };
  }
  if (s.task === 'multiclass') {
    return { ...s, classes: s.classes === null ? null : new Map(s.classes), cells: s.cells === null ? null : new Map(s.cells) };
  }
  return { ...s };
}

/** merge(a, b) without touching a or b. */
export function mergeModel(a: ModelSketch, b: ModelSketch, layout: ModelLayout): ModelSketch {
  return mergeModelInto(cloneModel(a), b, layout);
}

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** JSON form: typed arrays as arrays, maps as sorted entries, empty extremes as null. */
export function modelSketchToJSON(s: ModelSketch): Record<string, unknown> {
  if (s.task === 'binary') {
    return {
      ...s,
      labels: [...s.labels],
      confusion: Array.from(s.confusion),
      scorePositive: Array.from(s.scorePositive),
      scoreNegative: Array.from(s.scoreNegative),
      scoreMin: finiteOrNull(s.scoreMin),
      scoreMax: finiteOrNull(s.scoreMax),
    };
  }
  if (s.task === 'multiclass') {
    const byKey = <V>(m: Map<string, V>) => [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return { ...s, classes: s.classes === null ? null : byKey(s.classes), cells: s.cells === null ? null : byKey(s.cells) };
  }
  return { ...s, targetMin: finiteOrNull(s.targetMin), targetMax: finiteOrNull(s.targetMax) };
}

/**
 * @throws RangeError when the task or score bins do not match the layout
 */
export function modelSketchFromJSON(json: Record<string, unknown>, layout: ModelLayout): ModelSketch {
  if (json.task !== layout.task) throw new RangeError(`model sketch is ${String(json.task)}; the profile is ${layout.task}`);
  const num = (k: string, empty: number) => (json[k] === null ? empty : (json[k] as number));
  if (layout.task === 'binary') {
    const s = createModelSketch(layout) as BinaryModelSketch;
    const pos = json.scorePositive as number[];
    if (pos.length !== s.scorePositive.length) throw new RangeError(`model sketch has ${pos.length} score bins; the profile has ${s.scorePositive.length}`);
    return {
      ...s,
      rows: json.rows as number,
      labels: [...(json.labels as string[])],
      confusion: Float64Array.from(json.confusion as number[]),
      scored: json.scored as number,
      scorePositive: Float64Array.from(pos),
      scoreNegative: Float64Array.from(json.scoreNegative as number[]),
      logLossSum: json.logLossSum as number,
      brierSum: json.brierSum as number,
      scoreMin: num('scoreMin', Number.POSITIVE_INFINITY),
      scoreMax: num('scoreMax', Number.NEGATIVE_INFINITY),
    };
  }
  if (layout.task === 'multiclass') {
    return {
      task: 'multiclass',
      rows: json.rows as number,
      pairs: json.pairs as number,
      classes: json.classes === null ? null : new Map(json.classes as [string, Label][]),
      cells: json.cells === null ? null : new Map(json.cells as [string, number][]),
    };
  }
  return {
    task: 'regression',
    rows: json.rows as number,
    pairs: json.pairs as number,
    absSum: json.absSum as number,
    sqSum: json.sqSum as number,
    pctSum: json.pctSum as number,
    targetMean: json.targetMean as number,
    targetM2: json.targetM2 as number,
    targetMin: num('targetMin', Number.POSITIVE_INFINITY),
    targetMax: num('targetMax', Number.NEGATIVE_INFINITY),
  };
}
