/**
 * Seeded data for the kernel benchmark: normal feature columns with their
 * reference quantile edges, dictionary codes, class labels and scores.
 */
import { mulberry32, normals } from '../src/multivariate/seeded-random.js';

/** Quantile edges at 1/(k+1), ..., k/(k+1) of a sorted sample (nearest rank; the kernels only need sorted finite edges). */
export function quantileEdges(sorted: Float64Array, k: number): Float64Array {
  const edges = new Float64Array(k);
  for (let j = 0; j < k; j++) edges[j] = sorted[Math.min(sorted.length - 1, Math.floor(((j + 1) / (k + 1)) * sorted.length))];
  return edges;
}

/** `features` columns of `rows` values (normal, each with its own mean and scale), and `k` edges per column. */
export function numericBatch(features: number, rows: number, k: number, seed: number): { columns: Float64Array[]; edges: Float64Array[] } {
  const rand = mulberry32(seed);
  const columns: Float64Array[] = [];
  const edges: Float64Array[] = [];
  for (let f = 0; f < features; f++) {
    const mean = f * 0.5;
    const scale = 1 + (f % 5);
    const x = normals(rows, rand).map((v) => mean + scale * v);
    const ref = normals(20_000, rand).map((v) => mean + scale * v).sort();
    columns.push(x);
    edges.push(quantileEdges(ref, k));
  }
  return { columns, edges };
}

/** `columns` dictionary-code columns of `rows` codes in [0, categories), 1% null (−1). */
export function codeBatch(columns: number, rows: number, categories: number, seed: number): Int32Array[] {
  const rand = mulberry32(seed);
  return Array.from({ length: columns }, () => {
    const c = new Int32Array(rows);
    for (let i = 0; i < rows; i++) c[i] = rand() < 0.01 ? -1 : Math.floor(categories * rand() ** 2);
    return c;
  });
}

/** True and predicted classes in [0, classes), 80% agreement; probabilities of class 1 for the label histogram. */
export function labelBatch(rows: number, classes: number, seed: number): { yTrue: Int32Array; yPred: Int32Array; scores: Float64Array } {
  const rand = mulberry32(seed);
  const yTrue = new Int32Array(rows);
  const yPred = new Int32Array(rows);
  const scores = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const t = Math.floor(rand() * classes);
    yTrue[i] = t;
    yPred[i] = rand() < 0.8 ? t : Math.floor(rand() * classes);
    const u = rand() || Number.MIN_VALUE;
    scores[i] = 1 / (1 + Math.exp(-(0.6 * Math.log(u / (1 - u)) + (t === 1 ? 1 : -1))));
  }
  return { yTrue, yPred, scores };
}
