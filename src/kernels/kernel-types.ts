/**
 * One interface for the batch counting kernels, two implementations:
 * typed arrays in float64 (`typed-kernels.ts`, exact) and TF.js tensors in
 * float32 (`tf-kernels.ts`, for sketch profiling only).
 *
 * Every kernel returns counts and skips what is missing: non-finite values
 * (NaN, ±Infinity), rows whose validity byte is 0, and codes or labels out of
 * range. Callers count missing values themselves.
 */

/** The kernels, by name (the keys of the default table and the benchmark). */
export type KernelOp = 'binCounts' | 'categoryCounts' | 'confusionCounts' | 'labelHistogram';

/** Which implementation runs a kernel. */
export type KernelImpl = 'typed' | 'tfjs';

/** One validity mask per column (1 = valid, 0 = null), or `null` when a column has no nulls. */
export type ValidityMasks = readonly (Uint8Array | null)[];

/** The batch counting kernels. */
export interface DriftKernels {
  /** `typed`, or `tfjs` */
  readonly impl: KernelImpl;
  /** `typed`, or the TF.js backend (`wasm`, `cpu`, `tensorflow`) */
  readonly backend: string;
  /** true when bin assignment is exact in float64 (the only kind exact mode may run) */
  readonly float64: boolean;

  /**
   * Bins every numeric feature of a batch at once against its own sorted
   * edges. `counts[f][b]` is the number of valid values x of feature f with
   * `b` edges ≤ x: bin 0 is (−∞, e0), bin b is [e(b−1), e(b)), the last bin
   * [e(k−1), +∞), as `numpy.searchsorted(edges, x, side='right')`.
   * All columns have the same length; each counts array has `edges[f].length + 1` entries.
   */
  binCounts(columns: readonly Float64Array[], edges: readonly Float64Array[], valid?: ValidityMasks): Uint32Array[];

  /** Counts dictionary codes per column: `counts[f][c]` for c in [0, sizes[f]); codes outside (−1 = null) are skipped. */
  categoryCounts(codes: readonly Int32Array[], sizes: readonly number[]): Uint32Array[];

  /** Confusion counts, row-major: `counts[t * classes + p]` for true class t and predicted p in [0, classes). */
  confusionCounts(yTrue: Int32Array, yPred: Int32Array, classes: number): Uint32Array;

  /**
   * Score histogram per label: `counts[l][b]` for label l in [0, classes) and
   * bin b of the score against `edges` (same bins as `binCounts`).
   */
  labelHistogram(scores: Float64Array, labels: Int32Array, classes: number, edges: Float64Array): Uint32Array[];
}
