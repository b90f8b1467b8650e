import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/multivariate/seeded-random.js';
import { AlignedHistogramReservoir, bucketIndex } from '../../src/telemetry/aligned-histogram-reservoir.js';
import { BulkHistogramRecorder, type BulkHistogramState, binValues } from '../../src/telemetry/bulk-histogram.js';
import type { Exemplar } from '../../src/telemetry/exemplar.js';
import { createMonotonicClock } from '../../src/telemetry/monotonic-clock.js';
import { SeriesTable } from '../../src/telemetry/series-table.js';
import { latestExemplar, SimpleFixedSizeReservoir } from '../../src/telemetry/simple-fixed-size-reservoir.js';

const span = (n: number) => ({ traceId: n.toString(16).padStart(32, '0'), spanId: n.toString(16).padStart(16, '0') });
const values = (kept: (Exemplar | null)[]) => kept.map((e) => (e === null ? null : e.value));

/** Deterministic uniform numbers in [0, 1) (mulberry32). */
const seeded = mulberry32;

describe('AlignedHistogramReservoir', () => {
  it('bins with inclusive upper bounds, as the SDK histogram and Prometheus le do', () => {
    const b = [1, 5];
    expect([0, 1, 1.0000001, 5, 5.1, Number.POSITIVE_INFINITY].map((v) => bucketIndex(b, v))).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it('keeps the latest measurement per bucket (worked example of the doc comment)', () => {
    const r = new AlignedHistogramReservoir([1, 5]);
    r.offer(0.5, 1, span(1), null);
    r.offer(3, 2, span(2), null);
    r.offer(0.7, 3, span(3), null);
    r.offer(9, 4, span(4), null);
    const kept = r.collect();
    expect(values(kept)).toEqual([0.7, 3, 9]);
    expect(kept[0]?.traceId).toBe(span(3).traceId);
    expect(kept[0]?.timeMs).toBe(3);
  });

  it('leaves untouched buckets empty, and keeps exemplars across collections', () => {
    const r = new AlignedHistogramReservoir([1, 5, 10]);
    r.offer(7, 1, span(1), { feature: 'age' });
    expect(values(r.collect())).toEqual([null, null, 7, null]);
    expect(values(r.collect())).toEqual([null, null, 7, null]);
    expect(r.collect()[2]?.filtered).toEqual({ feature: 'age' });
  });

  it('hands out copies: a later offer does not change what was collected', () => {
    const r = new AlignedHistogramReservoir([1]);
    r.offer(0.5, 1, span(1), null);
    const first = r.collect();
    r.offer(0.6, 2, span(2), null);
    expect(first[0]?.value).toBe(0.5);
    expect(r.collect()[0]?.value).toBe(0.6);
  });
});

describe('SimpleFixedSizeReservoir', () => {
  it('fills its slots first, then keeps the size within the limit', () => {
    const r = new SimpleFixedSizeReservoir(3, seeded(1));
    for (let i = 0; i < 100; i++) r.offer(i, i, span(i), null);
    const kept = r.collect();
    expect(kept).toHaveLength(3);
    expect(kept.every((e) => e !== null)).toBe(true);
  });

  it('samples uniformly among the measurements since the last collection (algorithm R)', () => {
    const random = seeded(42);
    const hits = new Array(10).fill(0);
    const trials = 20_000;
    for (let t = 0; t < trials; t++) {
      const r = new SimpleFixedSizeReservoir(1, random);
      for (let i = 0; i < 10; i++) r.offer(i, i, span(i + 1), null);
      hits[r.collect()[0]?.value ?? 0]++;
    }
    // each of 10 measurements kept with p = 0.1: 2000 expected, sd ≈ 42
    for (const h of hits) expect(Math.abs(h - trials / 10)).toBeLessThan(250);
  });

  it('restarts sampling at collection: the first measurement afterwards always gets in', () => {
    const r = new SimpleFixedSizeReservoir(1, () => 0.999_999);
    for (let i = 0; i < 50; i++) r.offer(i, i, span(i + 1), null);
    expect(r.collect()[0]?.value).toBe(0); // later ones never won with random ≈ 1
    r.offer(99, 100, span(100), null);
    expect(r.collect()[0]?.value).toBe(99);
  });

  it('latestExemplar picks the newest kept exemplar', () => {
    const r = new SimpleFixedSizeReservoir(2, () => 0);
    r.offer(1, 10, span(1), null);
    r.offer(2, 20, span(2), null);
    r.offer(3, 30, span(3), null); // replaces slot 0
    expect(latestExemplar(r.collect())?.value).toBe(3);
    expect(latestExemplar([null, null])).toBeNull();
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() => new SimpleFixedSizeReservoir(0)).toThrow(/positive integer/);
  });
});

describe('BulkHistogramRecorder', () => {
  it('matches value-by-value recording: counts, sum, min, max and latest exemplar per bucket', () => {
    const bounds = [0.01, 0.1, 1];
    const table = new SeriesTable<BulkHistogramState>(['model'], 10, () => {});
    const bulk = new BulkHistogramRecorder(bounds);
    const s = table.series('m');
    if (!s) throw new Error('no series');
    const col = new Float64Array([0.005, 0.05, Number.NaN, 0.02, -1, 3, Number.POSITIVE_INFINITY, 0.009]);
    expect(bulk.recordMany(s, col, span(7), 123, null)).toBe(5);
    const st = s.state;
    if (!st) throw new Error('no state');
    expect(Array.from(st.counts)).toEqual([2, 2, 0, 1]);
    expect(st.count).toBe(5);
    expect(st.sum).toBeCloseTo(0.005 + 0.05 + 0.02 + 3 + 0.009, 12);
    expect([st.min, st.max]).toEqual([0.005, 3]);
    const ref = new AlignedHistogramReservoir(bounds);
    for (const v of [0.005, 0.05, 0.02, 3, 0.009]) ref.offer(v, 123, span(7), null);
    expect(values(s.reservoir?.collect() ?? [])).toEqual(values(ref.collect()));
  });

  it('gives the same state and exemplars from bins made elsewhere (worker) as from the column', () => {
    const bounds = [0.01, 0.1, 1];
    const col = new Float64Array([0.005, 0.05, Number.NaN, 0.02, -1, 3, 0.009, 0.07]);
    const table = new SeriesTable<BulkHistogramState>(['model'], 10, () => {});
    const direct = table.series('direct');
    const merged = table.series('merged');
    if (!direct || !merged) throw new Error('no series');
    const bulk = new BulkHistogramRecorder(bounds);
    bulk.recordMany(direct, col, span(1), 5, null);
    const bins = structuredClone(binValues(bounds, col)); // crosses a thread boundary intact
    expect(bulk.recordBins(merged, bins, span(1), 5, null)).toBe(6);
    expect(merged.state).toEqual({ ...direct.state, startTime: merged.state?.startTime });
    expect(merged.reservoir?.collect()).toEqual(direct.reservoir?.collect());
    expect(() => bulk.recordBins(merged, binValues([1], col), null, 0, null)).toThrow(/buckets/);
  });

  it('makes no reservoir when no span is given (exemplars off or filtered out)', () => {
    const table = new SeriesTable<BulkHistogramState>(['model'], 10, () => {});
    const s = table.series('m');
    if (!s) throw new Error('no series');
    new BulkHistogramRecorder([1]).recordMany(s, new Float64Array([0.5]), null, 0, null);
    expect(s?.reservoir).toBeNull();
  });
});

describe('monotonic exemplar clock', () => {
  it('never returns less than before, whatever the source does', () => {
    const readings = [100, 90, 110, 105, 120];
    const clock = createMonotonicClock(() => readings.shift() ?? 0);
    expect([clock.now(), clock.now(), clock.now(), clock.now(), clock.now()]).toEqual([100, 100, 110, 110, 120]);
  });
});
