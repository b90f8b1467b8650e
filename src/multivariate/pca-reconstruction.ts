/**
 * Multivariate drift by PCA reconstruction error (NannyML's "data
 * reconstruction" method). Standardise on the reference, fit PCA keeping the
 * components for 65% of the variance, and measure how badly those
 * components reconstruct each row (Euclidean distance in standardised
 * units). A change in how features move together (a correlation that flips)
 * moves rows off the reference's principal subspace and raises the error
 * even when every marginal is unchanged.
 *
 * The band, and where it departs from NannyML (measured false alarms of the
 * NannyML-style band judged on a whole current sample: 10% over 40 seeds):
 * - The PCA is fitted on a random half of the reference and the reference
 *   errors come from the other half, so they are out-of-sample like the
 *   current errors. In-sample errors are optimistic (the fit chases that
 *   sample's noise, most when eigenvalues are close) and bias the band low.
 * - The held-out half is split into `chunks` random chunks of m rows; their
 *   mean errors give μ and σ (sample std). NannyML judges each current chunk
 *   of m rows against μ ± 3σ. A report judges the whole current sample of n
 *   rows, whose mean varies by σ·√(m/n), and μ itself varies by σ/√chunks,
 *   so the band is μ ± 3σ·√(m/n + 1/chunks), its lower end at least 0. For
 *   n = m this is NannyML's band widened by √(1 + 1/chunks).
 */
import type { Tf } from '../../native-bindings/tf-types.js';
import type { Scaling } from './column-scaling.js';
import type { PcaReconstructionResult } from './multivariate-types.js';
import { fitPca } from './pca-fit.js';
import { reconstructionErrors } from './reconstruction-errors.js';
import { reconstructionErrorsTf } from './reconstruction-errors-tf.js';
import { shuffleInPlace, type Uniform } from './seeded-random.js';

/** Options of {@link pcaReconstructionDrift}. */
export interface PcaReconstructionOptions {
  share: number;
  chunks: number;
  sigmas: number;
  rand: Uniform;
}

function mean(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s / a.length;
}

/** The PCA reconstruction section of the report. */
export function pcaReconstructionDrift(
  tf: Tf,
  ref: readonly Float64Array[],
  cur: readonly Float64Array[],
  scaling: Scaling,
  opts: PcaReconstructionOptions,
): PcaReconstructionResult {
  const nRef = ref[0].length;
  const order = shuffleInPlace(Int32Array.from({ length: nRef }, (_, i) => i), opts.rand);
  const half = Math.floor(nRef / 2);
  const fitRows = order.subarray(0, half);
  const evalRows = order.subarray(half);
  const model = fitPca(tf, ref, scaling, opts.share, fitRows);
  // On TF.js's plain-JS cpu backend the float64 loop measured ~3× faster (bench/RESULTS.md).
  const errorsOf = (cols: readonly Float64Array[], rows: Int32Array | null) =>
    tf.getBackend() === 'cpu' ? reconstructionErrors(model, cols, rows) : reconstructionErrorsTf(tf, model, cols, rows);
  const refErrors = errorsOf(ref, evalRows);
  const curErrors = errorsOf(cur, null);

  // evalRows are in random order already: consecutive runs are random chunks.
  const chunks = Math.max(2, Math.min(opts.chunks, Math.floor(refErrors.length / 10)));
  const chunkSize = Math.floor(refErrors.length / chunks);
  const chunkMeans = new Float64Array(chunks);
  for (let c = 0; c < chunks; c++) chunkMeans[c] = mean(refErrors.subarray(c * chunkSize, (c + 1) * chunkSize));
  const mu = mean(chunkMeans);
  let ss = 0;
  for (const m of chunkMeans) ss += (m - mu) * (m - mu);
  const sigma = Math.sqrt(ss / (chunks - 1));
  const width = opts.sigmas * sigma * Math.sqrt(chunkSize / curErrors.length + 1 / chunks);
  const currentError = mean(curErrors);
  const lower = Math.max(0, mu - width);
  const upper = mu + width;
  return {
    components: model.k,
    reference_error: mean(refErrors),
    current_error: currentError,
    lower,
    upper,
    detected: currentError < lower || currentError > upper,
    explained_variance: model.explained,
    chunks,
    chunk_size: chunkSize,
  };
}
