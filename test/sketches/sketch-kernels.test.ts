import { describe, expect, it } from 'vitest';
import { averagePrecisionHistogram, rocAucHistogram } from '../../src/sketches/histogram-ranking.js';
import { ksPvalue } from '../../src/sketches/ks-pvalue.js';
import { ksStatisticBins } from '../../src/sketches/ks-statistic-bins.js';
import { ksStatisticWeighted } from '../../src/sketches/ks-statistic-weighted.js';
import { wassersteinBins } from '../../src/sketches/wasserstein-bins.js';
import { wassersteinWeighted } from '../../src/sketches/wasserstein-weighted.js';
import { averagePrecision } from '../../src/stats/average-precision.js';
import { ksStatisticSorted } from '../../src/stats/ks-statistic-sorted.js';
import { ksTwoSampleSorted } from '../../src/stats/ks-two-sample.js';
import { countBinsSorted } from '../../src/stats/psi-bins.js';
import { rocAuc } from '../../src/stats/roc-auc.js';
import { sortFloat64 } from '../../src/stats/sort-float64.js';
import { wassersteinSorted } from '../../src/stats/wasserstein-sorted.js';
import { normals, rng } from './helpers.js';

/** Distinct values and counts of a sorted sample. */
function distinctCounts(sorted: Float64Array): { values: Float64Array; counts: Float64Array } {
  const values: number[] = [];
  const counts: number[] = [];
  for (const v of sorted) {
    if (values.length > 0 && values[values.length - 1] === v) counts[counts.length - 1]++;
    else {
      values.push(v);
      counts.push(1);
    }
  }
  return { values: Float64Array.from(values), counts: Float64Array.from(counts) };
}

function binned(sorted: Float64Array, edges: Float64Array) {
  const counts = countBinsSorted(sorted, { kind: 'edges', edges });
  const offsets = new Float64Array(edges.length + 1);
  let b = 0;
  for (const x of sorted) {
    while (b < edges.length && edges[b] <= x) b++;
    offsets[b] += b === 0 ? edges[0] - x : x - edges[b - 1];
  }
  return { counts, offsets, n: sorted.length };
}

describe('exact kernels on a window of few distinct values', () => {
  it('give ksStatisticSorted and wassersteinSorted bit for bit', () => {
    const r = rng(4);
    for (let trial = 0; trial < 20; trial++) {
      const a = sortFloat64(normals(500 + trial * 37, trial, 0, 2).map((v) => Math.round(v * 4) / 4));
      const b = sortFloat64(Float64Array.from({ length: 300 + trial * 11 }, () => Math.round(r() * 12) / 4 - 1));
      const d = distinctCounts(b);
      expect(ksStatisticWeighted(a, d.values, d.counts, b.length)).toBe(ksStatisticSorted(a, b));
      expect(wassersteinWeighted(a, d.values, d.counts, b.length)).toBe(wassersteinSorted(a, b));
    }
  });

  it('match them with signed zeros on both sides and runs of 100,000 copies', () => {
    const a = sortFloat64(Float64Array.from([...normals(3000, 9).map((v) => Math.round(v)), -0, -0, 0]));
    const r = rng(21);
    const b = sortFloat64(Float64Array.from({ length: 400_000 }, () => (r() < 0.5 ? (r() < 0.5 ? -0 : 0) : Math.round(r() * 3) - 1)));
    const d = distinctCounts(b);
    expect(d.values.length).toBeLessThanOrEqual(4);
    expect(ksStatisticWeighted(a, d.values, d.counts, b.length)).toBe(ksStatisticSorted(a, b));
    expect(wassersteinWeighted(a, d.values, d.counts, b.length)).toBe(wassersteinSorted(a, b));
    expect(wassersteinWeighted(b, Float64Array.from(new Set(a)), distinctCounts(a).counts, a.length)).toBe(wassersteinSorted(b, a));
  });

  it('ksPvalue runs ks_2samp auto: exact up to 10,000 rows, then asymptotic', () => {
    for (const [n1, n2] of [[50, 60], [3000, 10_000], [20_000, 5000], [100_000, 100_000]]) {
      const a = sortFloat64(normals(n1, 1));
      const b = sortFloat64(normals(n2, 2, 0.05));
      const exact = ksTwoSampleSorted(a, b);
      const viaStat = ksPvalue(n1, n2, ksStatisticSorted(a, b));
      expect(viaStat).toEqual(exact);
    }
  });
});

describe('KS and Wasserstein from bins', () => {
  it('bracket the exact values by their certified bounds', () => {
    for (let trial = 0; trial < 30; trial++) {
      const r = rng(trial);
      const a = sortFloat64(normals(2000, trial * 2, 0, 1));
      const b = sortFloat64(normals(1500, trial * 2 + 1, r() - 0.5, 0.5 + r()));
      const k = 5 + Math.floor(r() * 60);
      const edges = Float64Array.from(new Set(Array.from({ length: k }, (_, i) => Math.round((-3 + (6 * i) / k) * 1000) / 1000)));
      const ra = binned(a, edges);
      const rb = binned(b, edges);
      const ks = ksStatisticBins(ra.counts, ra.n, rb.counts, rb.n, edges);
      const d = ksStatisticSorted(a, b);
      expect(ks.statistic).toBeLessThanOrEqual(d + 1e-15);
      expect(d).toBeLessThanOrEqual(ks.upper + 1e-15);
      const w = wassersteinBins(edges, { ...ra, n: ra.n }, rb);
      const exact = wassersteinSorted(a, b);
      // ends: a value below e0 or above e_last in both samples can cross inside an end bin
      if (ra.counts[0] === 0 && ra.counts[edges.length] === 0) {
        expect(w.distance).toBeLessThanOrEqual(exact * (1 + 1e-12));
        expect(exact).toBeLessThanOrEqual((w.distance + w.bound) * (1 + 1e-12));
      }
    }
  });

  it('are exact when every bin holds one value', () => {
    const a = Float64Array.of(1, 2, 2, 5);
    const b = Float64Array.of(2, 3, 5, 5, 5);
    const edges = Float64Array.of(1, 2, 3, 4, 5, 6);
    const ks = ksStatisticBins(binned(a, edges).counts, 4, binned(b, edges).counts, 5, edges);
    expect(ks.statistic).toBe(ksStatisticSorted(a, b));
    expect(wassersteinBins(edges, binned(a, edges), binned(b, edges)).distance).toBeCloseTo(wassersteinSorted(a, b), 14);
  });

  it('work the documented examples', () => {
    expect(ksStatisticBins(Float64Array.of(0, 2, 2, 0), 4, Float64Array.of(0, 0, 2, 2), 4)).toEqual({ statistic: 0.5, upper: 1 });
    const w = wassersteinBins(
      Float64Array.of(0, 1, 2, 3),
      { counts: Float64Array.of(0, 1, 1, 0, 0), offsets: Float64Array.of(0, 0.5, 0.5, 0, 0), n: 2 },
      { counts: Float64Array.of(0, 0, 1, 1, 0), offsets: Float64Array.of(0, 0, 0.5, 0.5, 0), n: 2 },
    );
    expect(w).toEqual({ distance: 1, bound: 0 });
  });
});

describe('ROC AUC and average precision from score histograms', () => {
  it('equal sklearn (rocAuc, averagePrecision) when each bin holds one distinct score', () => {
    const r = rng(12);
    const n = 3000;
    const y = new Uint8Array(n).map(() => (r() < 0.3 ? 1 : 0));
    const s = Float64Array.from(y, (v) => Math.round((r() * 0.6 + v * 0.4) * 50) / 50);
    const pos = new Float64Array(51);
    const neg = new Float64Array(51);
    for (let i = 0; i < n; i++) (y[i] ? pos : neg)[Math.round(s[i] * 50)]++;
    expect(rocAucHistogram(pos, neg).value).toBeCloseTo(rocAuc(y, s), 13);
    expect(averagePrecisionHistogram(pos, neg).value).toBeCloseTo(averagePrecision(y, s), 13);
  });

  it('stay within their bounds when bins merge many scores', () => {
    for (let trial = 0; trial < 20; trial++) {
      const r = rng(100 + trial);
      const n = 2000;
      const y = new Uint8Array(n).map(() => (r() < 0.1 + 0.04 * trial ? 1 : 0));
      const s = Float64Array.from(y, (v) => Math.min(1, r() * 0.7 + v * 0.3 * r()));
      const bins = 5 + trial * 3;
      const pos = new Float64Array(bins);
      const neg = new Float64Array(bins);
      for (let i = 0; i < n; i++) (y[i] ? pos : neg)[Math.min(bins - 1, Math.floor(s[i] * bins))]++;
      const auc = rocAucHistogram(pos, neg);
      const ap = averagePrecisionHistogram(pos, neg);
      expect(Math.abs(auc.value - rocAuc(y, s))).toBeLessThanOrEqual(auc.bound + 1e-12);
      expect(Math.abs(ap.value - averagePrecision(y, s))).toBeLessThanOrEqual(ap.bound + 1e-12);
    }
  });

  it('follow sklearn on one class: AUC undefined, AP -0 without positives', () => {
    expect(() => rocAucHistogram(Float64Array.of(0, 0), Float64Array.of(1, 2))).toThrow('Only one class present in y_true');
    expect(Object.is(averagePrecisionHistogram(Float64Array.of(0, 0), Float64Array.of(1, 2)).value, -0)).toBe(true);
    expect(Object.is(averagePrecision(Uint8Array.of(0, 0), Float64Array.of(0.1, 0.2)), -0)).toBe(true);
  });
});
