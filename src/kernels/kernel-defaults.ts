/**
 * Which implementation each kernel runs by default, by TF.js backend and
 * batch size, filled from the benchmark (bench/kernels.bench.ts, figures in
 * bench/RESULTS.md), not from belief. An entry is the smallest batch, in
 * values, from which the TF.js kernel measured faster than the typed-array
 * kernel on that backend; `Infinity` where it never did. A backend without
 * measurements (`tensorflow`, from tfjs-node, is not installed on the
 * benchmark machine) keeps the typed kernels until someone measures it.
 */
import type { KernelOp } from './kernel-types.js';

/** Smallest batch (values) from which TF.js wins, per TF.js backend and kernel. */
export type KernelDefaults = Readonly<Record<string, Readonly<Record<KernelOp, number>>>>;

const NEVER = Number.POSITIVE_INFINITY;

/**
 * Measured defaults: see bench/RESULTS.md, "TF.js kernels and multivariate
 * drift" (2 cores, Node 20, tfjs 4.22). The typed kernels won every kernel
 * at every size from 10^3 to 10^7 values on both backends. At 10^6 values
 * (10 features × 100,000 rows, 9 edges) the typed kernel took 12–24 ms, the
 * wasm kernel 40–52 ms, of which tfjs-backend-wasm's `searchSorted` alone
 * took 14–27 ms, as long as the whole typed job. TF.js
 * wasm came closest on sketch-size edges (2,049) at 10^4–10^5 values:
 * 1.1–2× the typed time.
 */
export const KERNEL_DEFAULTS: KernelDefaults = {
  wasm: { binCounts: NEVER, categoryCounts: NEVER, confusionCounts: NEVER, labelHistogram: NEVER },
  cpu: { binCounts: NEVER, categoryCounts: NEVER, confusionCounts: NEVER, labelHistogram: NEVER },
};
