/**
 * AlignedHistogramBucketExemplarReservoir (OTel metrics SDK spec): one
 * exemplar per histogram bucket, the latest measurement that fell in it.
 * Buckets are those of the histogram, upper bound inclusive, as the SDK and
 * Prometheus' `le` count them: bucket i holds (b[i-1], b[i]], the last one
 * (b[n-1], +Inf). So a bucket's exemplar always lies within its `le`.
 *
 * Worked example, boundaries [1, 5]: offers 0.5, 3, 0.7, 9 keep
 * [0.7, 3, 9] in buckets le=1, le=5, le=+Inf.
 */
import { copyExemplar, type Exemplar, type ExemplarReservoir, emptyExemplar, type FilteredAttributes, writeExemplar } from './exemplar.js';
import type { ExemplarSpan } from './exemplar-filter.js';

/** Index of the bucket holding `value`: the first boundary >= value, else the overflow bucket. */
export function bucketIndex(boundaries: readonly number[], value: number): number {
  let lo = 0;
  let hi = boundaries.length - 1;
  let found = boundaries.length;
  while (hi >= lo) {
    const mid = (lo + hi) >>> 1;
    if (boundaries[mid] < value) lo = mid + 1;
    else {
      found = mid;
      hi = mid - 1;
    }
  }
  return found;
}

/** One exemplar per bucket of the histogram's boundaries: the latest measurement in it. */
export class AlignedHistogramReservoir implements ExemplarReservoir {
  readonly #boundaries: readonly number[];
  /** Cells are created on a bucket's first offer, then overwritten in place. */
  readonly #cells: (Exemplar | null)[];

  constructor(boundaries: readonly number[]) {
    this.#boundaries = boundaries;
    this.#cells = new Array<Exemplar | null>(boundaries.length + 1).fill(null);
  }

  offer(value: number, timeMs: number, span: ExemplarSpan, filtered: FilteredAttributes | null): void {
    this.offerInBucket(bucketIndex(this.#boundaries, value), value, timeMs, span, filtered);
  }

  /** For callers that already binned the value (the bulk histogram). */
  offerInBucket(bucket: number, value: number, timeMs: number, span: ExemplarSpan, filtered: FilteredAttributes | null): void {
    let cell = this.#cells[bucket];
    if (cell === null) {
      cell = emptyExemplar();
      this.#cells[bucket] = cell;
    }
    writeExemplar(cell, value, timeMs, span, filtered);
  }

  collect(): (Exemplar | null)[] {
    return this.#cells.map((c) => (c === null ? null : copyExemplar(c)));
  }
}
