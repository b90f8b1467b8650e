import { checkSize } from './check-kernel-input.js';

/**
 * Category counts over dictionary codes, per column: `counts[f][c]` is how
 * many rows of column f hold code c. Codes outside [0, sizes[f]) (−1 = null)
 * are skipped. Cost: O(rows + categories) per column.
 *
 * @throws {RangeError} when `sizes` does not match `codes` or holds a non-integer
 * @example
 * typedCategoryCounts([Int32Array.of(0, 2, -1, 2)], [3]); // [Uint32Array [1, 0, 2]]
 */
export function typedCategoryCounts(codes: readonly Int32Array[], sizes: readonly number[]): Uint32Array[] {
  if (sizes.length !== codes.length) throw new RangeError(`categoryCounts: ${codes.length} columns but ${sizes.length} sizes`);
  return codes.map((c, f) => {
    const size = sizes[f];
    checkSize(size, `categoryCounts: size of column ${f}`);
    const counts = new Uint32Array(size);
    for (let i = 0; i < c.length; i++) {
      const code = c[i];
      if (code >= 0 && code < size) counts[code]++;
    }
    return counts;
  });
}
