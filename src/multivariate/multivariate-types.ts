/**
 * The `multivariate` section of exact and window reports (CONTRACT.md
 * extension): field names are part of the report contract.
 */
import type { Tf } from '../../native-bindings/tf-types.js';

/** PCA reconstruction error (NannyML's data reconstruction drift). */
export interface PcaReconstructionResult {
  /** principal components kept: the fewest that explain more than 65% of the reference's variance */
  components: number;
  /** mean reconstruction error over all reference rows (Euclidean, in standardised units) */
  reference_error: number;
  /** mean reconstruction error over all current rows */
  current_error: number;
  /** band: reference chunk mean − 3σ (σ rescaled to the current sample size), at least 0 */
  lower: number;
  /** band: reference chunk mean + 3σ */
  upper: number;
  /** current_error outside [lower, upper] */
  detected: boolean;
  /** share of the reference's variance the kept components explain */
  explained_variance: number;
  /** reference chunks behind the band */
  chunks: number;
  /** rows per reference chunk */
  chunk_size: number;
}

/** Domain classifier: can a small MLP tell reference rows from current rows? */
export interface DomainClassifierResult {
  /** ROC AUC on held-out rows (0.5: indistinguishable) */
  roc_auc: number;
  /** drift when roc_auc > threshold */
  threshold: number;
  detected: boolean;
  /** rows sampled from each side (balanced), training and held out together */
  rows: number;
  /** held-out rows scored for the AUC (both sides together) */
  held_out: number;
  /** optimizer steps taken */
  steps: number;
}

/** `report.multivariate`. */
export interface MultivariateResult {
  pca_reconstruction: PcaReconstructionResult;
  domain_classifier: DomainClassifierResult;
}

/** Options of {@link multivariateDrift}. */
export interface MultivariateOptions {
  /**
   * tfjs-core with a backend active (loadTfBackend().tf); null when TF.js is off. Or a loader,
   * called only once the inputs pass their checks (a window too small for the methods then
   * never loads TF.js); what it throws becomes the error.
   */
  tf: Tf | null | (() => Promise<Tf | null>);
  /** default 0 */
  seed?: number;
  /** rows sampled per side for the domain classifier, default 50,000 */
  maxRows?: number;
  /** variance the kept components must explain, default 0.65 */
  varianceShare?: number;
  /** reference chunks for the PCA band, default 10 */
  chunks?: number;
  /** σ multiplier of the PCA band, default 3 */
  sigmas?: number;
  /** AUC above which the classifier reports drift, default 0.55 */
  aucThreshold?: number;
}
