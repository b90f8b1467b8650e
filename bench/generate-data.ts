/**
 * Writes the benchmark data: a reference and a current Arrow file of
 * ROWS rows × COLS float64 columns (seeded, so every run sees the same data),
 * and each column as raw little-endian float64 for the scipy side.
 * Half the current columns are shifted or scaled so both code paths see drift.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { mulberry32 } from '../src/multivariate/seeded-random.js';

export { mulberry32 };


export function normals(n: number, rand: () => number, mean = 0, sd = 1): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const u = rand() || Number.MIN_VALUE;
    const v = rand();
    const r = Math.sqrt(-2 * Math.log(u));
    out[i] = mean + sd * r * Math.cos(2 * Math.PI * v);
    if (i + 1 < n) out[i + 1] = mean + sd * r * Math.sin(2 * Math.PI * v);
  }
  return out;
}

export interface BenchData {
  dir: string;
  rows: number;
  cols: number;
  reference: string;
  current: string;
}

export function generateBenchData(dir: string, rows: number, cols: number, seed = 42): BenchData {
  mkdirSync(dir, { recursive: true });
  const rand = mulberry32(seed);
  const ref: Record<string, Float64Array> = {};
  const cur: Record<string, Float64Array> = {};
  for (let c = 0; c < cols; c++) {
    const name = `f${String(c).padStart(2, '0')}`;
    ref[name] = normals(rows, rand, c, 1 + c / 10);
    const drifted = c % 2 === 1;
    cur[name] = normals(rows, rand, c + (drifted ? 0.05 * c : 0), (1 + c / 10) * (drifted ? 1.1 : 1));
    writeFileSync(join(dir, `ref-${name}.f64`), new Uint8Array(ref[name].buffer));
    writeFileSync(join(dir, `cur-${name}.f64`), new Uint8Array(cur[name].buffer));
  }
  const reference = join(dir, 'reference.arrow');
  const current = join(dir, 'current.arrow');
  writeFileSync(reference, tableToIPC(tableFromArrays(ref), 'file'));
  writeFileSync(current, tableToIPC(tableFromArrays(cur), 'file'));
  writeFileSync(join(dir, 'columns.txt'), `${Object.keys(ref).join('\n')}\n`);
  return { dir, rows, cols, reference, current };
}
