/**
 * The load benchmark's batches, shared by http-load.ts and machine-probe.ts
 * so both measure the same bytes: `features` normal columns f0, f1, ...
 * (column f has mean `shift` × (f mod 3) and standard deviation 1 + f/50),
 * seeded, written as one Arrow IPC stream.
 */
import { writeTable } from '../src/arrow/write-table.js';
import { mulberry32, normals } from './generate-data.js';

export interface LoadBatchOptions {
  /** Element type of the feature columns (default float64). */
  dtype?: 'float64' | 'float32';
  /**
   * The same batch with another first value of f0 (another sign: another
   * float32 too): where the two differ is where stamp.ts rewrites a value
   * per send.
   */
  twin?: boolean;
  /** A float64 `ts` column holding this time (ms since the epoch) on every row. */
  timestamp?: number;
}

/** The Arrow stream bytes of one batch. */
export function loadBatch(rows: number, features: number, seed: number, shift: number, options: LoadBatchOptions = {}): Uint8Array {
  const rand = mulberry32(seed);
  const cols: Record<string, Float64Array | Float32Array> = {};
  for (let f = 0; f < features; f++) {
    const x = normals(rows, rand, shift * (f % 3), 1 + f / 50);
    if (f === 0 && options.twin) x[0] = x[0] < 0 ? 0.75 : -0.75;
    cols[`f${f}`] = options.dtype === 'float32' ? Float32Array.from(x) : x;
  }
  if (options.timestamp !== undefined) cols.ts = new Float64Array(rows).fill(options.timestamp);
  return writeTable(cols, { format: 'stream' });
}
