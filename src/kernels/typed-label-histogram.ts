import { buildBinLookup, lookupPays } from './bin-lookup.js';
import { checkEdges, checkSameLength, checkSize } from './check-kernel-input.js';

/**
 * Score histogram per label, exact in float64: `counts[l][b]` rows with label
 * l whose score falls in bin b of `edges` (`searchsorted(edges, s, 'right')`,
 * as binCounts). Non-finite scores and labels outside [0, classes) are skipped.
 * Cost: O(rows · log(edges per cell) + classes · k).
 *
 * @throws {RangeError} on arrays of different lengths, a bad class count, or bad edges
 * @example
 * typedLabelHistogram(Float64Array.of(0.1, 0.7, 0.4, 0.9), Int32Array.of(0, 1, 0, 1), 2, Float64Array.of(0.5));
 * // [Uint32Array [2, 0], Uint32Array [0, 2]]
 */
export function typedLabelHistogram(scores: Float64Array, labels: Int32Array, classes: number, edges: Float64Array): Uint32Array[] {
  checkSameLength(scores, labels, 'labelHistogram');
  checkSize(classes, 'labelHistogram: classes');
  checkEdges(edges, 'labelHistogram');
  const k = edges.length;
  const width = k + 1;
  const flat = new Uint32Array(classes * width);
  const table = lookupPays(scores.length, k) ? buildBinLookup(edges) : null;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    const l = labels[i];
    if (s - s !== 0 || l < 0 || l >= classes) continue;
    let lo = 0;
    let hi = k;
    if (table !== null) {
      if (s < table.first) hi = 0;
      else if (s >= table.last) lo = k;
      else {
        const g = Math.min(Math.floor((s - table.first) * table.scale), table.cells);
        lo = table.start[g];
        hi = table.start[g + 1];
      }
    }
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (edges[mid] <= s) lo = mid + 1;
      else hi = mid;
    }
    flat[l * width + lo]++;
  }
  return Array.from({ length: classes }, (_, l) => flat.slice(l * width, (l + 1) * width));
}
