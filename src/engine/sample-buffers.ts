/**
 * Buffers for the two numeric samples of one feature, reused from one
 * feature to the next on the same thread.
 *
 * Sorting a 1e6-row column needs 8 MB for the sorted copy and 8 MB of
 * scratch; a fresh 8 MB array costs page faults and zeroing each time (a
 * few ms per array on the CI machine, more under load) and leaves garbage
 * behind, so a thread that computes features one after another keeps one
 * set. Each worker thread (and the main thread) has its own module
 * instance, hence its own set. Columns above MAX_KEPT rows get fresh
 * arrays that are not kept, so a thread never holds more than
 * 3 × 8 × MAX_KEPT bytes after a run.
 */
import type { SortBuffers } from '../stats/sorted-finite-values.js';

/** Largest buffer kept between features, in doubles (64 MiB). */
export const MAX_KEPT = 1 << 23;

let kept: { ref: Float64Array; cur: Float64Array; scratch: Float64Array } | null = null;

function grown(have: Float64Array | undefined, n: number): Float64Array {
  return have !== undefined && have.length >= n ? have : new Float64Array(n);
}

/**
 * Buffers for a reference column of `refRows` rows and a current column of
 * `curRows`: valid until the next call on this thread, so the samples sorted
 * into them must not outlive the feature.
 *
 * @example
 * const { ref, cur } = sampleBuffers(1e6, 1e6); // sortedFiniteValues(refValues, null, ref), ...
 */
export function sampleBuffers(refRows: number, curRows: number): { ref: SortBuffers; cur: SortBuffers } {
  const scratchRows = Math.max(refRows, curRows);
  if (scratchRows > MAX_KEPT) return { ref: {}, cur: {} };
  kept = {
    ref: grown(kept?.ref, refRows),
    cur: grown(kept?.cur, curRows),
    scratch: grown(kept?.scratch, scratchRows),
  };
  return { ref: { out: kept.ref, scratch: kept.scratch }, cur: { out: kept.cur, scratch: kept.scratch } };
}
