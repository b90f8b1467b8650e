/**
 * Compiles the numerical-feature kernels before the first real column.
 *
 * V8 first runs a function in its interpreter and compiles a hot loop in
 * the middle of its first long call (on-stack replacement), before the code
 * after the loop has run; on a 1e6-row column the first feature of a thread
 * then costs about 1.7 times a later one, and a merge compiled that way can
 * stay about 1.5 times slower than one compiled after a few whole calls. A
 * worker thread calls this once at start, while the main thread is still
 * reading the files: a few dozen features on small synthetic columns make
 * V8 compile every kernel with complete type feedback.
 *
 * Cost: about 100 ms of one core, once per thread; 4 × 32 KiB of data.
 */
import type { NumericColumn } from '../arrow/columns.js';
import { bellValues } from '../sketches/warm-up-sketch.js';
import { computeFeature } from './feature.js';
import type { FeaturePlan } from './plan.js';

/** Rows per synthetic column: above the built-in-sort cut-over (2048), so the radix paths run. */
const ROWS = 4096;
const ROUNDS = 40;

function column(seed: number, shift: number): NumericColumn {
  // Bell-shaped, so the linear-key sort runs as on real data.
  return { kind: 'numerical', name: 'warm-up', arrowType: 'float64', length: ROWS, values: bellValues(ROWS, seed, shift), valid: null };
}

/**
 * Runs computeFeature on small synthetic numerical columns, ROUNDS times.
 *
 * @returns nothing; the report is discarded
 * @throws never
 * @example
 * warmUpNumericFeature(); // at a worker's start
 */
export function warmUpNumericFeature(): void {
  const plan: FeaturePlan = { name: 'warm-up', kind: 'numerical', method: 'auto', threshold: null };
  const reference = column(1, 0);
  const current = column(2, 0.05);
  for (let r = 0; r < ROUNDS; r++) computeFeature(plan, 10, reference, current);
}
