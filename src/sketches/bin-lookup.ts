/**
 * A lookup table on a uniform grid that names, for the grid cell a value
 * falls in, the range of edge indices its bin index can take: the bin index
 * of x (the number of edges <= x) lies in [lut[cell(x)], lut[cell(x) + 1]],
 * so one comparison (a cell holding at most one edge, nearly always) or a
 * short binary search replaces a binary search over every edge
 * (PERFORMANCE.md: ~10x faster for 1,024 quantile bins).
 *
 * Two grids, chosen per feature when the table is built, whichever crowds
 * fewer edges into shared cells:
 * - "linear": uniform in x over [e0, e_last] (most data);
 * - "bits": uniform in the float's high 32 bits read as a signed magnitude,
 *   which is close to uniform in log|x|: heavy tails (incomes, latencies,
 *   exp of anything) whose edges a linear grid would pile into a few cells.
 *
 * Correct for any edges, only slower when they crowd: `cell` is monotone
 * non-decreasing in x on both grids (-0 and 0 share a key), and `lut[c]`
 * counts the edges whose own cell is below c, so those edges are <= x and
 * edges in later cells are > x.
 */
export interface BinLookup {
  /** Ascending distinct edges. */
  edges: Float64Array;
  /** The grid: uniform in x, or in the high-word key of x (see `highKey`). */
  grid: 'linear' | 'bits';
  /** Start of the grid (edges[0], or its key). */
  lo: number;
  /** cells / grid range, or 0 when the range is empty or overflows. */
  scale: number;
  /** Number of grid cells, >= 1. */
  cells: number;
  /**
   * lut[c] = number of edges whose cell is < c; length cells + 1. 16-bit
   * when the edges allow (under 65,536 of them, every profile's default):
   * half the cache lines for the hot loop's most scattered reads.
   */
  lut: Uint16Array | Int32Array;
  /** The most edges sharing one cell: at most `FEW_EDGES` lets a hot loop skip the search (numeric-sketch.ts). */
  crowd: number;
}

/**
 * A cell holding at most this many edges is resolved by as many independent
 * comparisons, summed, with no branch and no search: the edges after the
 * cell's own are greater than any value in it, so comparing against them
 * adds 0 (callers pad the edges with +Infinity sentinels).
 */
export const FEW_EDGES = 3;

const MAX_CELLS = 1 << 20;

/** The bits grid reads the high word of a little-endian float64. */
export const LITTLE_ENDIAN = new Uint8Array(Float64Array.of(1).buffer)[7] === 0x3f;

const word = new Float64Array(1);
const words = new Int32Array(word.buffer);

/**
 * The float's high 32 bits (sign, exponent, 20 mantissa bits) as a signed
 * magnitude: monotone non-decreasing in x, -0 and 0 both 0. The hot loop
 * computes the same from an Int32Array view of the column: branch-free,
 * (hi ^ ((hi >> 31) & 0x7fffffff)) + (hi >>> 31).
 */
export function highKey(x: number): number {
  word[0] = x;
  const hi = words[1];
  return (hi ^ ((hi >> 31) & 0x7fffffff)) + (hi >>> 31);
}

/** The grid cell of a grid coordinate u (x or its key): 0 below lo, `last` at or past the end, NaN → last. */
export function cellOf(u: number, lo: number, scale: number, last: number): number {
  const t = (u - lo) * scale;
  return t < last ? (t > 0 ? t | 0 : 0) : last;
}

function table(edges: Float64Array, grid: 'linear' | 'bits', cellsPerEdge: number): BinLookup {
  const k = edges.length;
  const coord = grid === 'linear' ? (x: number) => x : highKey;
  const lo = k > 0 ? coord(edges[0]) : 0;
  const range = k > 0 ? coord(edges[k - 1]) - lo : 0;
  let cells = 1;
  while (cells < cellsPerEdge * k && cells < MAX_CELLS) cells *= 2;
  let scale = range > 0 ? cells / range : 0;
  if (!(scale < Number.POSITIVE_INFINITY) || !(range < Number.POSITIVE_INFINITY) || scale === 0) {
    cells = 1;
    scale = 0;
  }
  const lut = new Int32Array(cells + 1);
  const last = cells - 1;
  for (let i = 0; i < k; i++) lut[cellOf(coord(edges[i]), lo, scale, last) + 1]++;
  let crowd = 0;
  for (let c = 1; c <= cells; c++) {
    crowd = Math.max(crowd, lut[c]);
    lut[c] += lut[c - 1];
  }
  return { edges, grid, lo, scale, cells, lut: k <= 0xffff ? Uint16Array.from(lut) : lut, crowd };
}

/** Expected search work: Σ over crowded cells of edges · log2(edges + 1). */
function crowding(l: BinLookup): number {
  let cost = 0;
  for (let c = 0; c < l.cells; c++) {
    const e = l.lut[c + 1] - l.lut[c];
    if (e > 1) cost += e * Math.log2(e + 1);
  }
  return cost;
}

/**
 * Builds the lookup table for `edges`, on the grid that crowds them less,
 * then shrinks it to the fewest cells (a power of two, at least one per
 * edge) that still hold at most `FEW_EDGES` edges each, when there is such
 * a size below `cellsPerEdge`: numeric-sketch.ts then bins a value with
 * three comparisons and no branch, and the smaller table stays in L1
 * (1 cell per edge with three comparisons measured ~1.3x faster than 4 cells
 * per edge with one comparison or a search, 2,057 normal quantiles).
 *
 * Cost: O(k + cells) time and memory per table tried, cells = the power of
 * two at or above `cellsPerEdge * k`, at most 2^20.
 *
 * @param edges ascending distinct finite edges
 * @param cellsPerEdge grid cells per edge (default 4)
 * @returns the table
 * @throws never
 * @example
 * const l = buildBinLookup(Float64Array.of(0, 1, 10));
 * binIndex(l, 0.5); // 1
 */
export function buildBinLookup(edges: Float64Array, cellsPerEdge = 4): BinLookup {
  const linear = table(edges, 'linear', cellsPerEdge);
  const bits = !LITTLE_ENDIAN || edges.length < 2 ? null : table(edges, 'bits', cellsPerEdge);
  const chosen = bits !== null && crowding(bits) < crowding(linear) / 2 ? bits : linear;
  for (let perEdge = 1; perEdge < cellsPerEdge; perEdge *= 2) {
    const smaller = table(edges, chosen.grid, perEdge);
    if (smaller.crowd <= FEW_EDGES && smaller.cells < chosen.cells) return smaller;
  }
  return chosen;
}

/**
 * Bin index of one value: the number of edges <= x, so 0 for x < e0 and
 * k for x >= e_last (`numpy.searchsorted(edges, x, side="right")`). The hot
 * path in numeric-sketch.ts inlines the same steps.
 *
 * Cost: O(1) expected, O(log k) worst case.
 *
 * @param lookup the table from `buildBinLookup`
 * @param x a finite value
 * @returns the bin index in [0, k]
 * @throws never
 * @example
 * binIndex(buildBinLookup(Float64Array.of(0, 1, 10)), 10); // 3
 */
export function binIndex(lookup: BinLookup, x: number): number {
  const { edges, lo, scale, cells, lut } = lookup;
  const cell = cellOf(lookup.grid === 'linear' ? x : highKey(x), lo, scale, cells - 1);
  let a = lut[cell];
  let z = lut[cell + 1];
  while (a < z) {
    const mid = (a + z) >>> 1;
    if (edges[mid] <= x) a = mid + 1;
    else z = mid;
  }
  return a;
}
