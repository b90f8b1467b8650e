/** Data and table builders shared by the sketch tests (seeded; every run sees the same rows). */
import type { Column, ColumnarTable, NumericColumn } from '../../src/arrow/columns.js';
import { rng, table } from '../helpers/tables.js';

export { rng, table };

/** Box-Muller normals. */
export function normals(n: number, seed: number, mean = 0, sd = 1): Float64Array {
  const r = rng(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = r() || 1e-300;
    out[i] = mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
  }
  return out;
}

/** Named distributions of the error-bound tests: reference and window draws with a seed each. */
export const DISTRIBUTIONS: Record<string, (n: number, seed: number, drift: number) => Float64Array> = {
  normal: (n, seed, drift) => normals(n, seed, drift * 0.1, 1),
  lognormal: (n, seed, drift) => normals(n, seed, drift * 0.05, 1 + drift * 0.1).map(Math.exp),
  shifted: (n, seed, drift) => normals(n, seed, drift * 0.5, 1 + drift * 0.2),
  bimodal: (n, seed, drift) => {
    const r = rng(seed ^ 0x5bd1);
    const z = normals(n, seed);
    return z.map((v) => (r() < 0.5 + drift * 0.1 ? -2 + 0.5 * v : 2 + 0.5 * v));
  },
  /** Poisson(3 + drift): at most ~20 distinct values (PSI value bins). */
  discrete: (n, seed, drift) => {
    const r = rng(seed);
    const lambda = 3 + drift * 0.3;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let k = 0;
      let p = Math.exp(-lambda);
      let c = p;
      const u = r();
      while (u > c && k < 60) {
        k++;
        p *= lambda / k;
        c += p;
      }
      out[i] = k;
    }
    return out;
  },
  /** Rounded to 0.05 and 30% exact zeros: ~200 distinct values, heavy ties (window keeps no exact values). */
  tied: (n, seed, drift) => {
    const r = rng(seed ^ 0x2c1b);
    return normals(n, seed, drift * 0.2, 2).map((v) => (r() < 0.3 + drift * 0.05 ? 0 : Math.round(v * 20) / 20));
  },
  /** Integers 0..99 uniform-ish: more than 20 distinct values (quantile PSI), more than 64 in a window. */
  integers: (n, seed, drift) => {
    const r = rng(seed);
    return new Float64Array(n).map(() => Math.floor(100 * r() ** (1 + drift * 0.1)));
  },
};

export function numericColumn(name: string, values: Float64Array, valid: Uint8Array | null = null): NumericColumn {
  return { kind: 'numerical', name, arrowType: 'float64', length: values.length, values, valid };
}

/** Rows [start, end) of a table: views, no copies (as the Arrow reader hands out batches). */
export function sliceTable(t: ColumnarTable, start: number, end: number): ColumnarTable {
  const columns: Column[] = t.columns.map((c) =>
    c.kind === 'numerical'
      ? { ...c, length: end - start, values: c.values.subarray(start, end), valid: c.valid ? c.valid.subarray(start, end) : null }
      : { ...c, length: end - start, codes: c.codes.subarray(start, end) },
  );
  return table(`${t.source}[${start}:${end}]`, columns);
}

/** Splits a table into batches of `size` rows. */
export function batches(t: ColumnarTable, size: number): ColumnarTable[] {
  const out: ColumnarTable[] = [];
  for (let at = 0; at < t.rows; at += size) out.push(sliceTable(t, at, Math.min(t.rows, at + size)));
  return out;
}

/** A seeded shuffle (Fisher-Yates). */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const r = rng(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** numpy.searchsorted(edges, x, side="right") by plain binary search. */
export function searchRight(edges: Float64Array, x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
