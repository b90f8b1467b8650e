/**
 * A cumulative explicit-bucket histogram that takes a whole column per call.
 * The SDK records one value per call (about 1.5 µs each here), which would
 * cost 150 ms for a 100k-row latency column; this loop bins the column in
 * one pass and offers one exemplar per bucket touched (the latest value in
 * it: what the aligned reservoir would keep had each value been offered).
 *
 *   column ──one pass──▶ counts[i] += 1, sum, min, max ──▶ HistogramMetricData (bulk-histogram-producer.ts)
 *                   └──▶ last value per touched bucket ──▶ AlignedHistogramReservoir.offerInBucket
 *
 * NaN, negative and infinite values are skipped, as the SDK histogram skips
 * NaN and negatives.
 */
import type { HrTime } from '@opentelemetry/api';
import { millisToHrTime } from '@opentelemetry/core';
import { AlignedHistogramReservoir, bucketIndex } from './aligned-histogram-reservoir.js';
import type { FilteredAttributes } from './exemplar.js';
import type { ExemplarSpan } from './exemplar-filter.js';
import type { Series } from './series-table.js';

/** Cumulative state of one bulk-histogram series (counts per bucket, sum, count, min, max). */
export interface BulkHistogramState {
  readonly counts: Float64Array;
  sum: number;
  count: number;
  min: number;
  max: number;
  readonly startTime: HrTime;
}

/** Empty state for a histogram of `buckets` boundaries (buckets + 1 counts), started now. */
export function createBulkHistogramState(buckets: number): BulkHistogramState {
  return {
    counts: new Float64Array(buckets + 1),
    sum: 0,
    count: 0,
    min: Number.POSITIVE_INFINITY,
    max: Number.NEGATIVE_INFINITY,
    startTime: millisToHrTime(Date.now()),
  };
}

/**
 * A column binned where it was decoded (a piscina worker), to be merged on
 * the main thread: structured-clone friendly, O(buckets) to send and merge.
 */
export interface HistogramBins {
  /** Count per bucket: boundaries.length + 1 entries. */
  counts: Float64Array;
  sum: number;
  count: number;
  min: number;
  max: number;
  /** Latest value seen in each bucket (NaN for none): the exemplar candidates. */
  lastInBucket: Float64Array;
}

/** Bins `values` against `boundaries`, skipping NaN, negatives and infinities. O(n log buckets). */
export function binValues(boundaries: readonly number[], values: ArrayLike<number>): HistogramBins {
  const counts = new Float64Array(boundaries.length + 1);
  const lastInBucket = new Float64Array(boundaries.length + 1).fill(Number.NaN);
  let sum = 0;
  let count = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v >= 0) || v === Number.POSITIVE_INFINITY) continue;
    const b = bucketIndex(boundaries, v);
    counts[b] += 1;
    lastInBucket[b] = v;
    sum += v;
    count++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { counts, sum, count, min, max, lastInBucket };
}

/** Bins columns into a series' state; one instance per instrument (it owns a scratch row). */
export class BulkHistogramRecorder {
  readonly boundaries: readonly number[];
  readonly #lastInBucket: Float64Array;

  constructor(boundaries: readonly number[]) {
    this.boundaries = boundaries;
    this.#lastInBucket = new Float64Array(boundaries.length + 1);
  }

  /** Adds every valid value of `values` to the series; returns how many were counted. */
  recordMany(
    series: Series<BulkHistogramState>,
    values: ArrayLike<number>,
    span: ExemplarSpan | null,
    timeMs: number,
    filtered: FilteredAttributes | null,
  ): number {
    const bounds = this.boundaries;
    let st = series.state;
    if (st === null) {
      st = createBulkHistogramState(bounds.length);
      series.state = st;
    }
    const { counts } = st;
    const last = this.#lastInBucket;
    const track = span !== null;
    if (track) last.fill(Number.NaN);
    let n = 0;
    let sum = 0;
    let min = st.min;
    let max = st.max;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!(v >= 0) || v === Number.POSITIVE_INFINITY) continue;
      const b = bucketIndex(bounds, v);
      counts[b] += 1;
      sum += v;
      n++;
      if (v < min) min = v;
      if (v > max) max = v;
      if (track) last[b] = v;
    }
    st.sum += sum;
    st.count += n;
    st.min = min;
    st.max = max;
    if (track && n > 0) {
      let reservoir = series.reservoir as AlignedHistogramReservoir | null;
      if (reservoir === null) {
        reservoir = new AlignedHistogramReservoir(bounds);
        series.reservoir = reservoir;
      }
      for (let b = 0; b < last.length; b++) {
        if (!Number.isNaN(last[b])) reservoir.offerInBucket(b, last[b], timeMs, span, filtered);
      }
    }
    return n;
  }

  /** Merges bins made elsewhere (binValues, same boundaries); returns how many values they counted. */
  recordBins(
    series: Series<BulkHistogramState>,
    bins: HistogramBins,
    span: ExemplarSpan | null,
    timeMs: number,
    filtered: FilteredAttributes | null,
  ): number {
    const bounds = this.boundaries;
    if (bins.counts.length !== bounds.length + 1 || bins.lastInBucket.length !== bounds.length + 1) {
      throw new RangeError(`bins have ${bins.counts.length} buckets; this histogram has ${bounds.length + 1}`);
    }
    if (!(bins.count > 0)) return 0;
    let st = series.state;
    if (st === null) {
      st = createBulkHistogramState(bounds.length);
      series.state = st;
    }
    for (let b = 0; b < st.counts.length; b++) st.counts[b] += bins.counts[b];
    st.sum += bins.sum;
    st.count += bins.count;
    if (bins.min < st.min) st.min = bins.min;
    if (bins.max > st.max) st.max = bins.max;
    if (span !== null) {
      let reservoir = series.reservoir as AlignedHistogramReservoir | null;
      if (reservoir === null) {
        reservoir = new AlignedHistogramReservoir(bounds);
        series.reservoir = reservoir;
      }
      for (let b = 0; b < bins.lastInBucket.length; b++) {
        const v = bins.lastInBucket[b];
        if (!Number.isNaN(v)) reservoir.offerInBucket(b, v, timeMs, span, filtered);
      }
    }
    return bins.count;
  }
}
