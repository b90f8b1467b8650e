/**
 * Typed access to fixtures/metrics.json (scikit-learn 1.2.1 values, written by
 * fixtures/gen/metrics.py), shared by the model-metric kernel tests.
 */
import { f64, loadFixture } from '../helpers/fixtures.js';

interface RawCase {
  name: string;
  task: 'binary' | 'multiclass' | 'regression';
  n: number;
  k?: number;
  y_true: unknown;
  y_pred: unknown;
  scores?: unknown;
  expected: Record<string, number | number[][] | null>;
  errors: Record<string, string>;
}

interface RawFile {
  cases: RawCase[];
  sums: { n: number; values: unknown; numpy_sum: number }[];
  curves: { name: string; y_true: unknown; scores: unknown; fps: number[]; tps: number[]; thresholds: number[] }[];
}

const raw = loadFixture('metrics') as unknown as RawFile;

export interface MetricCase {
  name: string;
  /** sklearn's value per metric; null where sklearn raised. */
  expected: Record<string, number | null>;
  /** sklearn's confusion matrix, rows = true label. */
  matrix: number[][];
  /** sklearn's exception message per metric that raised. */
  errors: Record<string, string>;
}

export interface BinaryCase extends MetricCase {
  yTrue: Uint8Array;
  yPred: Uint8Array;
  scores: Float64Array;
}

export interface MulticlassCase extends MetricCase {
  k: number;
  yTrue: Int32Array;
  yPred: Int32Array;
}

export interface RegressionCase extends MetricCase {
  yTrue: Float64Array;
  yPred: Float64Array;
}

function common(c: RawCase): MetricCase {
  const { confusion_matrix, ...rest } = c.expected;
  return { name: c.name, expected: rest as Record<string, number | null>, matrix: (confusion_matrix ?? []) as number[][], errors: c.errors };
}

export const binaryCases: BinaryCase[] = raw.cases
  .filter((c) => c.task === 'binary')
  .map((c) => ({
    ...common(c),
    yTrue: Uint8Array.from(f64(c.y_true)),
    yPred: Uint8Array.from(f64(c.y_pred)),
    scores: f64(c.scores),
  }));

export const multiclassCases: MulticlassCase[] = raw.cases
  .filter((c) => c.task === 'multiclass')
  .map((c) => ({ ...common(c), k: c.k ?? 0, yTrue: Int32Array.from(f64(c.y_true)), yPred: Int32Array.from(f64(c.y_pred)) }));

export const regressionCases: RegressionCase[] = raw.cases
  .filter((c) => c.task === 'regression')
  .map((c) => ({ ...common(c), yTrue: f64(c.y_true), yPred: f64(c.y_pred) }));

/** numpy's np.sum of float64 arrays. */
export const sumCases = raw.sums.map((s) => ({ n: s.n, values: f64(s.values), numpySum: s.numpy_sum }));

/** sklearn's _binary_clf_curve outputs. */
export const curveCases = raw.curves.map((c) => ({
  name: c.name,
  yTrue: Uint8Array.from(f64(c.y_true)),
  scores: f64(c.scores),
  fps: c.fps,
  tps: c.tps,
  thresholds: c.thresholds,
}));

/** The one case whose name starts with `prefix` + ':'. */
export function caseNamed<C extends MetricCase>(cases: C[], prefix: string): C {
  const found = cases.find((c) => c.name.startsWith(`${prefix}:`));
  if (!found) throw new Error(`no fixture case '${prefix}'`);
  return found;
}

/** Cases where sklearn returned a value for `metric`, and those where it raised. */
export function splitByOutcome<C extends MetricCase>(cases: C[], metric: string): { valued: C[]; raising: C[] } {
  return {
    valued: cases.filter((c) => c.expected[metric] !== null),
    raising: cases.filter((c) => c.expected[metric] === null),
  };
}
