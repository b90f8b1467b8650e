/**
 * Drift methods as registered units (NannyML / Evidently style): a method
 * names the statistic it reads from a feature's report, the kinds it applies
 * to, whether it is a distance (drift when score >= threshold) or a p-value
 * (drift when score < threshold), and its default threshold. Adding a method
 * means one entry here plus the statistic in the feature computation.
 */
import type { DriftVerdict, FeatureReport } from './report.js';
import type { Kind } from './spec.js';

export interface DriftMethod {
  name: string;
  kinds: readonly Kind[];
  test: 'distance' | 'pvalue';
  defaultThreshold: number;
  score(feature: FeatureReport): number | null;
}

const num = (f: FeatureReport) => (f.kind === 'numerical' ? f : null);
const cat = (f: FeatureReport) => (f.kind === 'categorical' ? f : null);

export const DRIFT_METHODS: readonly DriftMethod[] = [
  { name: 'ks', kinds: ['numerical'], test: 'pvalue', defaultThreshold: 0.05, score: (f) => num(f)?.ks?.pvalue ?? null },
  { name: 'chi2', kinds: ['categorical'], test: 'pvalue', defaultThreshold: 0.05, score: (f) => cat(f)?.chi2?.pvalue ?? null },
  { name: 'psi', kinds: ['numerical', 'categorical'], test: 'distance', defaultThreshold: 0.1, score: (f) => f.psi },
  {
    name: 'jensen_shannon',
    kinds: ['numerical', 'categorical'],
    test: 'distance',
    defaultThreshold: 0.1,
    score: (f) => f.jensen_shannon,
  },
  { name: 'wasserstein', kinds: ['numerical'], test: 'distance', defaultThreshold: 0.1, score: (f) => num(f)?.wasserstein ?? null },
  {
    name: 'wasserstein_normed',
    kinds: ['numerical'],
    test: 'distance',
    defaultThreshold: 0.1,
    score: (f) => num(f)?.wasserstein_normed ?? null,
  },
  { name: 'linf', kinds: ['categorical'], test: 'distance', defaultThreshold: 0.1, score: (f) => cat(f)?.linf ?? null },
];

export const DRIFT_METHOD_NAMES: readonly string[] = DRIFT_METHODS.map((m) => m.name);

export function findDriftMethod(name: string): DriftMethod | undefined {
  return DRIFT_METHODS.find((m) => m.name === name);
}

/** Reference at or below this many valid rows: "auto" picks a test (p-value), above it a distance. */
export const AUTO_SMALL_REFERENCE = 1000;

/** The method "auto" stands for, given the kind and the reference's valid rows (CONTRACT.md). */
export function autoMethod(kind: Kind, referenceValidRows: number): string {
  if (referenceValidRows <= AUTO_SMALL_REFERENCE) return kind === 'numerical' ? 'ks' : 'chi2';
  return kind === 'numerical' ? 'wasserstein_normed' : 'jensen_shannon';
}

/**
 * Resolves the method for a column: a named method that does not apply to
 * the column's kind falls back to "auto" (a global `"method": "ks"` still
 * gives categorical columns a verdict); per-column overrides are checked
 * against the kind when the plan is built.
 */
export function resolveMethod(requested: string, kind: Kind, referenceValidRows: number): DriftMethod {
  const named = requested === 'auto' ? undefined : findDriftMethod(requested);
  const method = named?.kinds.includes(kind) ? named : findDriftMethod(autoMethod(kind, referenceValidRows));
  if (!method) throw new Error(`no drift method for ${kind}`);
  return method;
}

/** The verdict for one feature, or null when the method's statistic could not be computed. */
export function verdict(feature: FeatureReport, method: DriftMethod, threshold: number | null): DriftVerdict | null {
  const score = method.score(feature);
  if (score === null || !Number.isFinite(score)) return null;
  const t = threshold ?? method.defaultThreshold;
  const detected = method.test === 'pvalue' ? score < t : score >= t;
  return { method: method.name, score, threshold: t, detected };
}
