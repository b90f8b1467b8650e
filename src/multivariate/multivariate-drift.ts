/**
 * Multivariate drift: what per-feature tests miss, a change in how features
 * move together. Two methods on the numeric features, both seeded and
 * deterministic:
 *
 *   ref, cur columns ──▶ standardise on ref ──┬─▶ PCA reconstruction error (band from reference chunks)
 *                                              └─▶ domain classifier (MLP, held-out ROC AUC)
 *
 * Not an exact statistic (CONTRACT.md's exact definitions are univariate):
 * TF.js computes in float32, which is fine for these drift scores.
 */
import { createError } from '../errors.js';
import { fitScaling } from './column-scaling.js';
import { domainClassifierDrift } from './domain-classifier.js';
import type { MultivariateOptions, MultivariateResult } from './multivariate-types.js';
import { pcaReconstructionDrift } from './pca-reconstruction.js';
import { deriveSeed, mulberry32 } from './seeded-random.js';

/** Rows per side below which neither method means much. */
export const MIN_ROWS = 100;

function checkColumns(cols: readonly Float64Array[], what: string, d: number): number {
  if (cols.length !== d) throw new RangeError(`multivariateDrift: ${what} has ${cols.length} features, expected ${d}`);
  const n = cols[0].length;
  cols.forEach((c, j) => {
    if (c.length !== n) throw new RangeError(`multivariateDrift: ${what} feature ${j} has ${c.length} rows, feature 0 has ${n}`);
    for (let i = 0; i < n; i++) {
      const v = c[i];
      if (v - v !== 0) throw new RangeError(`multivariateDrift: ${what} feature ${j} row ${i} is ${v}; drop rows with missing values first`);
    }
  });
  return n;
}

/**
 * PCA reconstruction error and domain classifier drift between two samples
 * of the same numeric features.
 *
 * Cost: O(n·d²) for the covariance (TF.js) and O(n·d·k) for the
 * reconstruction errors over all rows; the classifier trains on at most
 * 2 × 0.7 × maxRows rows for at most 1,500 steps.
 *
 * @param ref reference numeric feature columns, equal lengths, finite values only
 *   (the caller drops rows with any missing value: completeRows)
 * @param cur current columns, the same features in the same order
 * @returns the report's `multivariate` section
 * @throws {DriftgaugeError} DRIFTGAUGE_ERR_STAT_UNDEFINED with fewer than 2 features or fewer
 *   than 100 rows on a side; then DRIFTGAUGE_ERR_TF_UNAVAILABLE when `tf` is (or loads) null
 * @throws {RangeError} on mismatched shapes or non-finite values (a caller bug)
 * @example
 * const { tf } = await loadTfBackend();
 * await multivariateDrift([x1, x2], [y1, y2], { tf, seed: 1 });
 * // { pca_reconstruction: { components: 1, reference_error: 0.32, current_error: 1.2, lower: 0.3, upper: 0.34, detected: true, ... },
 * //   domain_classifier: { roc_auc: 0.81, threshold: 0.55, detected: true, rows: 5000, held_out: 3000, steps: 300 } }
 */
export async function multivariateDrift(ref: readonly Float64Array[], cur: readonly Float64Array[], opts: MultivariateOptions): Promise<MultivariateResult> {
  const d = ref.length;
  if (d < 2) throw createError('DRIFTGAUGE_ERR_STAT_UNDEFINED', 'multivariate drift', `it needs at least 2 numeric features, got ${d}`);
  const nRef = checkColumns(ref, 'reference', d);
  const nCur = checkColumns(cur, 'current', d);
  if (Math.min(nRef, nCur) < MIN_ROWS) {
    throw createError('DRIFTGAUGE_ERR_STAT_UNDEFINED', 'multivariate drift', `it needs at least ${MIN_ROWS} complete rows on each side, got ${nRef} and ${nCur}`);
  }
  const tf = typeof opts.tf === 'function' ? await opts.tf() : opts.tf;
  if (tf === null) throw createError('DRIFTGAUGE_ERR_TF_UNAVAILABLE', 'multivariate drift', 'DRIFTGAUGE_TF_BACKEND=off, or no backend loads');
  const seed = opts.seed ?? 0;
  const scaling = fitScaling(ref);
  const pca = pcaReconstructionDrift(tf, ref, cur, scaling, {
    share: opts.varianceShare ?? 0.65,
    chunks: opts.chunks ?? 10,
    sigmas: opts.sigmas ?? 3,
    rand: mulberry32(deriveSeed(seed, 1)),
  });
  const classifier = await domainClassifierDrift(tf, ref, cur, scaling, {
    seed: deriveSeed(seed, 2),
    maxRows: opts.maxRows ?? 50_000,
    threshold: opts.aucThreshold ?? 0.55,
  });
  return { pca_reconstruction: pca, domain_classifier: classifier };
}
