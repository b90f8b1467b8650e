import { describe, expect, it } from 'vitest';
import { typedBinCounts } from '../../src/kernels/typed-bin-counts.js';
import { typedCategoryCounts } from '../../src/kernels/typed-category-counts.js';
import { typedConfusionCounts } from '../../src/kernels/typed-confusion-counts.js';
import { typedLabelHistogram } from '../../src/kernels/typed-label-histogram.js';
import { messyBatch, naiveBinCounts } from './kernel-test-data.js';

describe('typedBinCounts', () => {
  it('bins as numpy.searchsorted(side="right") with under- and overflow bins', () => {
    // numpy 1.24: np.bincount(np.searchsorted([0, 1], [-1, 0, 0.5, 1, 2], side='right'), minlength=3) -> [1, 2, 2]
    const [counts] = typedBinCounts([Float64Array.of(-1, 0, 0.5, 1, 2, Number.NaN)], [Float64Array.of(0, 1)]);
    expect(Array.from(counts)).toEqual([1, 2, 2]);
  });

  it('sends a value equal to tied edges above all of them', () => {
    // np.searchsorted([1, 2, 2, 3], 2, side='right') -> 3
    const [counts] = typedBinCounts([Float64Array.of(2)], [Float64Array.of(1, 2, 2, 3)]);
    expect(Array.from(counts)).toEqual([0, 0, 0, 1, 0]);
  });

  it('agrees with the definition on skewed data with ties, missing values and masks, with and without the lookup table', () => {
    for (const k of [0, 1, 2, 9, 100, 2049]) {
      const { columns, edges } = messyBatch(4, 5000, k, 11 + k);
      const valid = columns.map((x, f) => (f === 1 ? Uint8Array.from(x, (_, i) => (i % 7 === 0 ? 0 : 1)) : null));
      const expected = columns.map((x, f) => naiveBinCounts(x, edges[f], valid[f]));
      expect(typedBinCounts(columns, edges, valid)).toEqual(expected);
      expect(typedBinCounts(columns, edges, valid, 'search')).toEqual(expected);
      expect(typedBinCounts(columns, edges, valid, 'lookup')).toEqual(expected);
    }
  });

  it('finds values sitting exactly on edges', () => {
    const edges = Float64Array.of(-1e300, -0.5, 0.1, 0.1, 0.30000000000000004, 7, 1e300);
    const x = Float64Array.from([...edges, ...edges.map((e) => e * (1 - 1e-16)), 0, -Number.MAX_VALUE, Number.MAX_VALUE]);
    expect(typedBinCounts([x], [edges])).toEqual([naiveBinCounts(x, edges)]);
  });

  it('refuses unsorted or non-finite edges and ragged batches', () => {
    expect(() => typedBinCounts([Float64Array.of(1)], [Float64Array.of(2, 1)])).toThrow(RangeError);
    expect(() => typedBinCounts([Float64Array.of(1)], [Float64Array.of(0, Number.NaN)])).toThrow(RangeError);
    expect(() => typedBinCounts([Float64Array.of(1), Float64Array.of(1, 2)], [new Float64Array(0), new Float64Array(0)])).toThrow(RangeError);
  });
});

describe('typedCategoryCounts', () => {
  it('counts codes per column and skips nulls (−1) and out-of-range codes', () => {
    expect(typedCategoryCounts([Int32Array.of(0, 2, -1, 2, 3), Int32Array.of(1, 1)], [3, 2])).toEqual([Uint32Array.of(1, 0, 2), Uint32Array.of(0, 2)]);
  });
});

describe('typedConfusionCounts', () => {
  it('counts [[tn, fp], [fn, tp]] row-major', () => {
    // sklearn.metrics.confusion_matrix([0, 0, 1, 1], [0, 1, 1, 1]) -> [[1, 1], [0, 2]]
    expect(typedConfusionCounts(Int32Array.of(0, 0, 1, 1), Int32Array.of(0, 1, 1, 1), 2)).toEqual(Uint32Array.of(1, 1, 0, 2));
  });

  it('skips rows with a class out of range', () => {
    expect(typedConfusionCounts(Int32Array.of(0, 5, -1, 2), Int32Array.of(2, 0, 0, 2), 3)).toEqual(Uint32Array.of(0, 0, 1, 0, 0, 0, 0, 0, 1));
  });
});

describe('typedLabelHistogram', () => {
  it('bins scores per label', () => {
    expect(typedLabelHistogram(Float64Array.of(0.1, 0.7, 0.4, 0.9, 0.5, Number.NaN), Int32Array.of(0, 1, 0, 1, 1, 0), 2, Float64Array.of(0.5))).toEqual([
      Uint32Array.of(2, 0),
      Uint32Array.of(0, 3),
    ]);
  });

  it('agrees with binCounts split by label', () => {
    const { columns, edges } = messyBatch(1, 4000, 19, 5);
    const labels = Int32Array.from(columns[0], (_, i) => i % 3);
    const hist = typedLabelHistogram(columns[0], labels, 3, edges[0]);
    for (let l = 0; l < 3; l++) {
      const mask = Uint8Array.from(labels, (v) => (v === l ? 1 : 0));
      expect(hist[l]).toEqual(naiveBinCounts(columns[0], edges[0], mask));
    }
  });
});
