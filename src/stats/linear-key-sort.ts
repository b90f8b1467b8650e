/**
 * The key's low digit: 11 bits (2048 counters), written as literals in the
 * hot loops (2047, 2048, >>> 11), which V8 compiles tighter than a variable
 * shift and mask. The high digit takes the remaining 1 to 12 bits.
 */
const LOW_BITS = 11;
const MAX_HIGH_BITS = 12;
/** An insertion that would shift a value further than this sorts its key's whole run instead. */
const LONG_SHIFT = 32;
/** Runs sorted by a nested linear-key sort at most this deep; deeper, by the built-in sort. */
const MAX_DEPTH = 4;
/** Shorter runs go to the built-in sort: a nested level has 2048 low-digit counters to clear and sum. */
const NESTED_MIN = 512;
/** Decline (at the top level) when one high-digit bucket holds more than this share of the values. */
const BUNCHED = 1 / 16;

/**
 * Sorts finite float64 values in place by a linear key, bit for bit as
 * `Float64Array.prototype.sort` (-0 before +0).
 *
 * Each value x gets the key floor((x − min) · 2^b / (max − min)), b ≈
 * log2(n) + 2 bits (12 to 23). The key never decreases when x increases
 * (IEEE subtraction, multiplication by a positive scale and truncation are
 * all monotone), so ordering by key, then by value among equal keys, sorts.
 * Two stable counting passes on the key's low digit (11 bits) and high
 * digit (at most 12 bits; so the scatter targets stay in cache) order the
 * keys; one insertion pass then orders the few values that share a key
 * (equal values never move). When the density is uneven, some keys hold
 * long runs of distinct values: an insertion that would shift a value more
 * than 32 places sorts its whole run instead: by the same method on the
 * run's own range (512 values or more, up to 4 levels deep), else by the
 * built-in sort. When it is very uneven (a heavy tail, a far outlier: more
 * than 1/16 of over 65536 values in one of the high-digit buckets), it
 * declines at the histogram pass, as a second level over most of the values
 * would cost more than the 64-bit radix sort. Finally the zeros are
 * rewritten -0s first.
 *
 * Cost: O(n) time for data with a density, one histogram pass, two scatter
 * passes and one insertion pass (about 40 ms per 1e6 normal values on the
 * 2-core CI machine, against about 70 ms for the 64-bit radix sort); runs
 * add levels over their values; at worst O(n log n) (the built-in sort
 * below the last level); at most 32 KiB of counters per level.
 *
 * @param values finite values, in place
 * @param min the smallest of `values` (exactly)
 * @param max the largest of `values` (exactly)
 * @param scratch a buffer of at least `values.length` doubles (overwritten)
 * @returns true when `values` is sorted; false, with `values` untouched, when
 *   the values are very unevenly spread, the range cannot be scaled
 *   (max − min overflows or is subnormal) or `scratch` is too short
 * @throws never
 * @example
 * const v = Float64Array.of(3, -0, -2, 0, 1.5);
 * linearKeySort(v, -2, 3, new Float64Array(5)); // true; v is [-2, -0, 0, 1.5, 3]
 */
export function linearKeySort(values: Float64Array, min: number, max: number, scratch: Float64Array): boolean {
  const n = values.length;
  if (n < 2) return true;
  if (min === max) {
    if (min === 0) negativeZerosFirst(values, 0, n);
    return true;
  }
  if (!(min < max) || scratch.length < n) return false;
  if (!sortRange(values, min, max, scratch.length === n ? scratch : scratch.subarray(0, n), 0)) return false;
  if (min <= 0 && max >= 0) zerosInOrder(values);
  return true;
}

/**
 * One level: keys on [min, max], two counting passes, the insertion pass.
 * False, nothing moved, if the range cannot be scaled, or (top level only)
 * if one of 256 or more high-digit buckets holds more than 1/16 of the
 * values (an evenly spaced sample may tell before the pass): then most of
 * the work would be a second level over them, and the 64-bit radix sort,
 * whose work does not depend on the distribution, is cheaper.
 */
function sortRange(values: Float64Array, min: number, max: number, scratch: Float64Array, depth: number): boolean {
  const n = values.length;
  const bits = Math.min(Math.max(Math.ceil(Math.log2(n)) + 2, LOW_BITS + 1), LOW_BITS + MAX_HIGH_BITS);
  const keys = 2 ** bits;
  const scale = keys / (max - min);
  if (!(scale > 0 && scale < Number.POSITIVE_INFINITY)) return false; // the range overflows, or is subnormal
  // Both digits' counters in one array (low digit first): one array in the counting loop runs faster.
  const counts = new Int32Array((1 << LOW_BITS) + (1 << (bits - LOW_BITS)));
  const low = counts.subarray(0, 1 << LOW_BITS);
  const high = counts.subarray(1 << LOW_BITS);
  // Top level only, and only with enough high buckets for 1/16 to mean bunched (n > 65536).
  const judge = depth === 0 && high.length >= 256;
  if (judge && sampledBunched(values, min, scale, keys, high)) return false;
  countDigits(values, min, scale, keys, counts);
  if (judge && largest(high) > n * BUNCHED) return false;
  toStarts(low);
  toStarts(high);
  scatterLow(values, scratch, min, scale, keys, low);
  scatterHigh(scratch, values, min, scale, keys, high);
  insertionPass(values, { min, scale, keys, scratch, depth });
  return true;
}

// key(x) = floor((x − min) · scale), clamped to keys − 1 (x = max, or rounding up to `keys`).

/** Counts of the low digit in counts[0, 2048), of the high digit after them. */
function countDigits(v: Float64Array, min: number, scale: number, keys: number, counts: Int32Array): void {
  const top = keys - 1;
  for (let i = 0; i < v.length; i++) {
    const t = (v[i] - min) * scale;
    const key = t < keys ? t | 0 : top;
    counts[key & 2047]++;
    counts[2048 + (key >>> 11)]++;
  }
}

function scatterLow(src: Float64Array, dst: Float64Array, min: number, scale: number, keys: number, starts: Int32Array): void {
  const top = keys - 1;
  for (let i = 0; i < src.length; i++) {
    const x = src[i];
    const t = (x - min) * scale;
    dst[starts[(t < keys ? t | 0 : top) & 2047]++] = x;
  }
}

function scatterHigh(src: Float64Array, dst: Float64Array, min: number, scale: number, keys: number, starts: Int32Array): void {
  const top = keys - 1;
  for (let i = 0; i < src.length; i++) {
    const x = src[i];
    const t = (x - min) * scale;
    dst[starts[(t < keys ? t | 0 : top) >>> 11]++] = x;
  }
}

/** Values sampled (evenly spaced) to foresee a decline before the histogram pass. */
const SAMPLE = 512;

/** Whether an evenly spaced sample already puts more than BUNCHED of the values in one high bucket; `high` is left zeroed. */
function sampledBunched(v: Float64Array, min: number, scale: number, keys: number, high: Int32Array): boolean {
  const n = v.length;
  if (n < 8 * SAMPLE) return false;
  const step = Math.floor(n / SAMPLE);
  const top = keys - 1;
  let most = 0;
  for (let i = 0; i < n; i += step) {
    const t = (v[i] - min) * scale;
    const c = ++high[(t < keys ? t | 0 : top) >>> LOW_BITS];
    if (c > most) most = c;
  }
  high.fill(0);
  return most > (n / step) * BUNCHED * 2;
}

function largest(h: Int32Array): number {
  let most = 0;
  for (let d = 0; d < h.length; d++) if (h[d] > most) most = h[d];
  return most;
}

/** Counts to start offsets, in place. */
function toStarts(h: Int32Array): void {
  let sum = 0;
  for (let d = 0; d < h.length; d++) {
    const c = h[d];
    h[d] = sum;
    sum += c;
  }
}

/** What the insertion pass needs to find a key's run and sort it. */
interface Level {
  min: number;
  scale: number;
  keys: number;
  scratch: Float64Array;
  depth: number;
}

function keyOf(x: number, level: Level): number {
  const t = (x - level.min) * level.scale;
  return t < level.keys ? t | 0 : level.keys - 1;
}

/**
 * Insertion sort of values already ordered by key: a value only moves past
 * greater values of its own key. A value that would move further than
 * LONG_SHIFT is put back, and its key's whole run sorted (sortRun).
 */
function insertionPass(v: Float64Array, level: Level): void {
  for (let i = 1; i < v.length; i++) {
    const x = v[i];
    let j = i - 1;
    if (v[j] > x) {
      const stop = i - LONG_SHIFT;
      do {
        v[j + 1] = v[j];
        j--;
      } while (j >= 0 && v[j] > x && j > stop);
      v[j + 1] = x;
      // Gave up early: every value passed shares x's key (smaller keys hold smaller values), as does
      // v[j]; x sits inside that key's run, which is sorted as a whole.
      if (j >= 0 && v[j] > x) i = sortRun(v, i, level) - 1;
    }
  }
}

/** Sorts the run of values sharing v[at]'s key; returns the index after the run. */
function sortRun(v: Float64Array, at: number, level: Level): number {
  const key = keyOf(v[at], level);
  let from = at;
  while (from > 0 && keyOf(v[from - 1], level) === key) from--;
  let to = at + 1;
  while (to < v.length && keyOf(v[to], level) === key) to++;
  let min = v[from];
  let max = min;
  for (let k = from + 1; k < to; k++) {
    const x = v[k];
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const run = v.subarray(from, to);
  const nested = to - from >= NESTED_MIN && level.depth < MAX_DEPTH;
  if (min < max && !(nested && sortRange(run, min, max, level.scratch.subarray(from, to), level.depth + 1))) run.sort();
  return to;
}

/** In a sorted array, the run of ±0 (equal under `<`) rewritten with its -0s first. */
function zerosInOrder(v: Float64Array): void {
  let lo = 0;
  let hi = v.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v[mid] < 0) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < v.length && v[end] === 0) end++;
  negativeZerosFirst(v, lo, end);
}

/** v[from:to) holds only ±0: put the -0s first. */
function negativeZerosFirst(v: Float64Array, from: number, to: number): void {
  let negative = 0;
  for (let i = from; i < to; i++) if (Object.is(v[i], -0)) negative++;
  if (negative === 0) return;
  v.fill(-0, from, from + negative);
  v.fill(0, from + negative, to);
}
