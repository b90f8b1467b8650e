/**
 * Runs the batch kernels (`addNumeric`: bin pass, count pass) over every
 * path before the first real batch, so V8 compiles them with complete type
 * feedback.
 *
 * A fresh ingest worker otherwise compiles a kernel's hot loop in the middle
 * of its first long call (on-stack replacement), before the code after the
 * loop or a missing row's branch has ever run; that code then deoptimizes
 * at the first such point, again and again until V8 recompiles it
 * (`--trace-deopt` at a cold start under max load: binFewLinear deoptimized
 * 1,649 times in two seconds at the same spot, the loop's tail test). An
 * ingest worker calls this once, before its first batch: small synthetic columns first
 * (every branch taken while still interpreted: a row count that is not a
 * multiple of four, NaN, a validity bitmap), on a linear and a bits grid,
 * then full-size ones until the kernels are optimized.
 *
 * Cost: ~70 ms of one core, once per thread; ~100 KiB of data.
 */
import { DEFAULT_MAX_DISTINCT } from './bounded-distinct.js';
import { addNumeric, createNumericSketch, type NumericLayout, numericLayout } from './numeric-sketch.js';

/** Edges as in a profile with the default resolution: ~1,025 (the lookup table then uses u16 cells). */
const EDGES = 1025;
const ROWS = 2048;
const ROUNDS = 24;

/**
 * n bell-shaped values (each the sum of three xorshift uniforms, plus
 * `shift`), or with `heavy` their exponentials (a heavy tail): synthetic
 * columns for warm-ups, the same for a seed on every run.
 */
export function bellValues(n: number, seed: number, shift = 0, heavy = false): Float64Array {
  const values = new Float64Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    let sum = shift;
    for (let k = 0; k < 3; k++) {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      sum += (s >>> 0) / 4294967296;
    }
    values[i] = heavy ? Math.exp(4 * sum) : sum;
  }
  return values;
}

/** Distinct quantiles of a column as fine edges. */
function layoutOf(heavy: boolean): NumericLayout {
  const sorted = bellValues(8 * EDGES, 7, 0, heavy).sort();
  const edges = new Float64Array(EDGES);
  for (let i = 0; i < EDGES; i++) edges[i] = sorted[8 * i];
  return numericLayout(edges, DEFAULT_MAX_DISTINCT);
}

/** What a warm-up ran through. */
export interface WarmUpCoverage {
  /** The lookup grids of its layouts ('linear' and 'bits': both kernels). */
  grids: string[];
  /** Rows recorded, rows counted missing (NaN or invalid), and calls whose row count was not a multiple of four. */
  rows: number;
  missing: number;
  tails: number;
}

/**
 * Records synthetic columns into throwaway sketches until the kernels are
 * compiled with feedback for every branch.
 *
 * @returns what it ran through; the sketches are discarded
 * @throws never
 * @example
 * warmUpSketchKernels(); // before an ingest worker's first batch
 */
export function warmUpSketchKernels(): WarmUpCoverage {
  const layouts = [layoutOf(false), layoutOf(true)];
  const coverage: WarmUpCoverage = { grids: layouts.map((l) => l.lookup.grid), rows: 0, missing: 0, tails: 0 };
  for (let r = 0; r < ROUNDS; r++) {
    for (const [k, layout] of layouts.entries()) {
      const n = r < 2 ? 23 : ROWS + (r % 4);
      const values = bellValues(n, 11 + r, 0, k === 1);
      let valid: Uint8Array | null = null;
      if (r % 2 === 0) values[5] = Number.NaN;
      if (r % 3 === 0) {
        valid = new Uint8Array(n).fill(1);
        valid[9] = 0;
      }
      const sketch = addNumeric(createNumericSketch(layout), layout, values, valid);
      coverage.rows += n;
      coverage.missing += sketch.missing;
      coverage.tails += +(n % 4 !== 0);
    }
  }
  return coverage;
}
