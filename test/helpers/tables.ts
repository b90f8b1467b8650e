/** Builds ColumnarTables in memory for engine tests (the Arrow path has its own tests). */

import type { CategoricalColumn, Column, ColumnarTable, NumericColumn } from '../../src/arrow/columns.js';
import { mulberry32 } from '../../src/multivariate/seeded-random.js';

export function numeric(name: string, values: ArrayLike<number | null>, arrowType = 'float64'): NumericColumn {
  const n = values.length;
  const out = new Float64Array(n);
  let valid: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null) {
      valid ??= new Uint8Array(n).fill(1);
      valid[i] = 0;
    } else out[i] = v;
  }
  return { kind: 'numerical', name, arrowType, length: n, values: out, valid };
}

export function categorical(name: string, values: readonly (string | null)[], arrowType = 'utf8'): CategoricalColumn {
  const categories: string[] = [];
  const index = new Map<string, number>();
  const codes = new Int32Array(values.length);
  values.forEach((v, i) => {
    if (v === null) {
      codes[i] = -1;
      return;
    }
    let c = index.get(v);
    if (c === undefined) {
      c = categories.length;
      categories.push(v);
      index.set(v, c);
    }
    codes[i] = c;
  });
  return { kind: 'categorical', name, arrowType, length: values.length, codes, categories };
}

export function table(source: string, columns: Column[]): ColumnarTable {
  return {
    source,
    rows: columns[0]?.length ?? 0,
    columns,
    byName: new Map(columns.map((c) => [c.name, c])),
    skipped: [],
  };
}

/** Deterministic uniform [0, 1) generator (mulberry32). */
export const rng = mulberry32;

export function normalSample(n: number, seed: number, mean = 0, sd = 1): Float64Array {
  const r = rng(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = r() || 1e-300;
    out[i] = mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
  }
  return out;
}
