import { linearKeySort } from './linear-key-sort.js';
import { radixSortFloat64 } from './radix-sort-float64.js';

/**
 * Below this length the built-in sort wins (measured on the 2-core CI kind
 * of machine against the linear-key sort).
 */
export const SORT_BUILTIN_BELOW = 2048;

/** The radix fallback reads doubles as (lo, hi) Uint32 pairs: little-endian hosts only. */
const LITTLE_ENDIAN = new Uint8Array(Float64Array.of(1).buffer)[7] === 0x3f;

/**
 * Sort float64 values ascending, in place, bit for bit as
 * `Float64Array.prototype.sort` (so -0 before +0).
 *
 * Large arrays of finite values use the linear-key sort (two cache-friendly
 * counting passes on a key proportional to the value, then an insertion pass,
 * see linearKeySort); the 64-bit LSD radix sort (radixSortFloat64) when that
 * declines (heavy tails, far outliers), when the values include ±Infinity or
 * NaN, and when the low 32 bits of every value are zero (small integers:
 * the radix sort then skips its constant digits). Small arrays use the
 * built-in sort, as do big-endian hosts wherever the radix sort would run.
 *
 * Cost: O(n) time for n >= 2048 (per 1e6 values on the 2-core CI machine:
 * about 40 ms for normal values, ~70 ms on the radix path, ~25 ms for small
 * integers; the built-in sort takes ~115 ms), O(n log n) below; one pass to find the range, then 8n bytes of
 * scratch, allocated per call unless `scratch` (a Float64Array of at least
 * n values, or a Uint32Array of at least 2n words at an 8-byte aligned
 * offset) is passed.
 *
 * @param values values (NaN order is undefined); sorted in place
 * @param scratch optional reusable buffer (see Cost)
 * @returns `values`, sorted
 * @throws never
 * @example
 * sortFloat64(Float64Array.of(3, -0, -2, 0, 1e300)); // Float64Array [-2, -0, 0, 3, 1e300]
 */
export function sortFloat64(values: Float64Array, scratch?: Float64Array | Uint32Array): Float64Array {
  if (values.length < SORT_BUILTIN_BELOW) return values.sort();
  const range = finiteRange(values);
  if (range === null) return fallbackSort(values, scratchFloat64(scratch, values.length));
  return sortFiniteInRange(values, range.min, range.max, scratch);
}

/**
 * sortFloat64 for finite values whose smallest and largest value the caller
 * already knows (sortedFiniteValues finds them while copying), saving the
 * pass that finds the range. Same result, cost and scratch as sortFloat64.
 *
 * @param values finite values; sorted in place
 * @param min the smallest of `values`, exactly
 * @param max the largest of `values`, exactly
 * @param scratch optional reusable buffer (as sortFloat64)
 * @returns `values`, sorted
 * @throws never
 * @example
 * sortFiniteInRange(Float64Array.of(2, -1, 0.5), -1, 2); // Float64Array [-1, 0.5, 2]
 */
export function sortFiniteInRange(values: Float64Array, min: number, max: number, scratch?: Float64Array | Uint32Array): Float64Array {
  const n = values.length;
  if (n < SORT_BUILTIN_BELOW) return values.sort();
  const buffer = scratchFloat64(scratch, n);
  if (!(LITTLE_ENDIAN && lowWordsZero(values)) && linearKeySort(values, min, max, buffer)) return values;
  return fallbackSort(values, buffer);
}

/**
 * Whether the low 32 bits of every value are zero (integers below 2^21,
 * halves, quarters, ...): then the radix sort's two low digits are constant
 * and it makes at most two passes, fewer than the linear-key sort. Stops at
 * the first value that says no, which for measured data is the first.
 */
function lowWordsZero(values: Float64Array): boolean {
  if (values.byteOffset % 4 !== 0) return false;
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * values.length);
  for (let i = 0; i < words.length; i += 2) if (words[i] !== 0) return false;
  return true;
}

function fallbackSort(values: Float64Array, buffer: Float64Array): Float64Array {
  if (!LITTLE_ENDIAN) return values.sort();
  return radixSortFloat64(values, new Uint32Array(buffer.buffer, buffer.byteOffset, 2 * values.length));
}

/** The smallest and largest value, or null when a value is NaN or infinite. */
function finiteRange(values: Float64Array): { min: number; max: number } | null {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let bad = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
    if (v - v !== 0) bad++;
  }
  return bad === 0 ? { min, max } : null;
}

/** The caller's scratch as n doubles when it is big enough and aligned, else a new buffer. */
function scratchFloat64(scratch: Float64Array | Uint32Array | undefined, n: number): Float64Array {
  if (scratch instanceof Float64Array && scratch.length >= n) return scratch.subarray(0, n);
  if (scratch instanceof Uint32Array && scratch.length >= 2 * n && scratch.byteOffset % 8 === 0) {
    return new Float64Array(scratch.buffer, scratch.byteOffset, n);
  }
  return new Float64Array(n);
}
