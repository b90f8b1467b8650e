/**
 * A lookup table on a uniform grid over [e0, e(k−1)] that narrows the
 * `searchsorted(edges, x, 'right')` search for x to the few edges in x's grid
 * cell (PERFORMANCE.md: ~10× fewer comparisons than a plain binary search
 * with 1,024 edges).
 *
 * Why it is exact: `cell(v) = min(floor((v − e0) · scale), cells)` is
 * monotone in v (each floating-point step is), so every edge whose cell is
 * below x's cell is < x and every edge whose cell is above x's is > x.
 * `start[g]` counts the edges in cells below g, so the answer for x in cell g
 * lies in [start[g], start[g + 1]], searched exactly in float64.
 */

/** The table for one sorted, finite edges array. */
export interface BinLookup {
  first: number;
  last: number;
  scale: number;
  cells: number;
  /** start[g]: number of edges in cells < g, for g = 0 … cells + 1 */
  start: Int32Array;
}

/** Grid cells per edge; at least MIN_CELLS (the table is a few KiB, it stays in L1). */
const CELLS_PER_EDGE = 4;
const MIN_CELLS = 1024;

/** Grid cells the table for k edges has. */
export function lookupCells(k: number): number {
  return Math.max(MIN_CELLS, CELLS_PER_EDGE * k);
}

/**
 * Whether a table pays for itself on `rows` values: building it touches
 * every cell once, each value it serves saves most of a binary search.
 * Measured break-even (bench/RESULTS.md): about one value per ten cells.
 */
export function lookupPays(rows: number, k: number): boolean {
  return k >= 2 && rows * 10 >= lookupCells(k);
}

/**
 * Builds the table, O(k + cells). `null` when the edges span no range (fewer
 * than two distinct edges), where a plain comparison is as fast.
 */
export function buildBinLookup(edges: Float64Array): BinLookup | null {
  const k = edges.length;
  if (k < 2) return null;
  const first = edges[0];
  const last = edges[k - 1];
  const cells = lookupCells(k);
  const scale = cells / (last - first);
  if (!(last > first) || !Number.isFinite(scale)) return null;
  const start = new Int32Array(cells + 2);
  for (let j = 0; j < k; j++) {
    const g = Math.min(Math.floor((edges[j] - first) * scale), cells);
    start[g + 1]++;
  }
  for (let g = 1; g < cells + 2; g++) start[g] += start[g - 1];
  return { first, last, scale, cells, start };
}
