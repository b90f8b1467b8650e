import { describe, expect, it } from 'vitest';
import { countBins, countBinsSorted, numericBinsSorted, type PsiBins } from '../../src/stats/psi-bins.js';
import { f64, loadFixture } from '../helpers/fixtures.js';

interface NumericalCase {
  name: string;
  kind: string;
  a: unknown;
  b: unknown;
  expected: {
    bin_kind: 'edges' | 'values';
    edges?: number[];
    values?: number[];
    counts_a: number[];
    counts_b: number[];
  };
}

// numpy 1.24.2: np.unique(np.quantile(ref, [0.1..0.9])), np.searchsorted(side="right") counts;
// or np.unique(ref ∪ cur) with one bin per value when ref has <= 20 distinct values
const cases = loadFixture<NumericalCase>('drift').cases.filter((c) => c.kind === 'numerical');

const finiteSorted = (values: unknown): Float64Array => f64(values).filter(Number.isFinite).sort();
/** -0 and 0 are one value to np.unique and searchsorted; which sign survives is numpy's selection order. */
const plain = (values: ArrayLike<number>): number[] => Array.from(values, (v) => v + 0);

/** Fisher-Yates with a fixed LCG, for the unsorted counter. */
function shuffled(values: Float64Array): Float64Array {
  const out = values.slice();
  let s = 12345;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out;
}

describe('numericBinsSorted', () => {
  for (const c of cases) {
    it(`builds numpy's bins: ${c.name}`, () => {
      const bins = numericBinsSorted(finiteSorted(c.a), finiteSorted(c.b), 10);
      expect(bins.kind).toBe(c.expected.bin_kind);
      if (bins.kind === 'edges') expect(plain(bins.edges)).toEqual(plain(c.expected.edges ?? []));
      else expect(plain(bins.values)).toEqual(plain(c.expected.values ?? []));
    });
  }

  it('matches the documented example', () => {
    const bins = numericBinsSorted(Float64Array.of(1, 2, 2, 3), Float64Array.of(2, 5));
    expect(bins.kind).toBe('values');
    expect(bins.kind === 'values' && [...bins.values]).toEqual([1, 2, 3, 5]);
  });

  it('switches from value bins to edges between 20 and 21 distinct reference values', () => {
    const twenty = Float64Array.from({ length: 20 }, (_, i) => i);
    const twentyOne = Float64Array.from({ length: 21 }, (_, i) => i);
    expect(numericBinsSorted(twenty, twenty).kind).toBe('values');
    expect(numericBinsSorted(twentyOne, twentyOne).kind).toBe('edges');
  });

  it('honours a bin count other than 10', () => {
    const ref = Float64Array.from({ length: 101 }, (_, i) => i);
    const bins = numericBinsSorted(ref, ref, 4);
    expect(bins.kind === 'edges' && [...bins.edges]).toEqual([25, 50, 75]);
  });

  it('throws RangeError on an empty reference', () => {
    expect(() => numericBinsSorted(new Float64Array(0), Float64Array.of(1))).toThrow(RangeError);
  });

  it('throws RangeError on a bin count that is not an integer >= 1', () => {
    const ref = Float64Array.of(1, 2, 3);
    expect(() => numericBinsSorted(ref, ref, 0)).toThrow(RangeError);
    expect(() => numericBinsSorted(ref, ref, 2.5)).toThrow(RangeError);
  });
});

describe('countBinsSorted', () => {
  for (const c of cases) {
    it(`counts as np.searchsorted: ${c.name}`, () => {
      const a = finiteSorted(c.a);
      const b = finiteSorted(c.b);
      const bins = numericBinsSorted(a, b, 10);
      expect([...countBinsSorted(a, bins)]).toEqual(c.expected.counts_a);
      expect([...countBinsSorted(b, bins)]).toEqual(c.expected.counts_b);
    });
  }

  it('matches the documented example: a value equal to an edge goes up', () => {
    const bins: PsiBins = { kind: 'edges', edges: Float64Array.of(2, 5) };
    expect([...countBinsSorted(Float64Array.of(1, 2, 2, 3, 7), bins)]).toEqual([1, 3, 1]);
  });

  it('counts an empty sample as zeros', () => {
    const bins: PsiBins = { kind: 'edges', edges: Float64Array.of(0) };
    expect([...countBinsSorted(new Float64Array(0), bins)]).toEqual([0, 0]);
    expect([...countBinsSorted(new Float64Array(0), { kind: 'values', values: Float64Array.of(1, 2) })]).toEqual([0, 0]);
  });

  it('skips values that match no value bin', () => {
    const bins: PsiBins = { kind: 'values', values: Float64Array.of(1, 3) };
    expect([...countBinsSorted(Float64Array.of(0, 1, 1, 2, 3, 4), bins)]).toEqual([2, 1]);
  });
});

describe('countBins (unsorted)', () => {
  for (const c of cases) {
    it(`agrees with the sorted counter on shuffled data: ${c.name}`, () => {
      const a = finiteSorted(c.a);
      const b = finiteSorted(c.b);
      const bins = numericBinsSorted(a, b, 10);
      expect([...countBins(shuffled(a), bins)]).toEqual(c.expected.counts_a);
      expect([...countBins(shuffled(b), bins)]).toEqual(c.expected.counts_b);
    });
  }

  it('matches the documented example', () => {
    const bins: PsiBins = { kind: 'edges', edges: Float64Array.of(2, 5) };
    expect([...countBins(Float64Array.of(7, 2, 1, 3, 2), bins)]).toEqual([1, 3, 1]);
  });

  /** np.searchsorted(edges, x, side="right") per value, counted: the definition, one value at a time. */
  function reference(values: Float64Array, edges: Float64Array): number[] {
    const counts = new Array<number>(edges.length + 1).fill(0);
    for (const x of values) counts[edges.filter((e) => e <= x).length]++;
    return counts;
  }

  const edgeSets: [string, number[]][] = [
    ['one edge', [0.5]],
    ['edges spanning more than DBL_MAX (grid scale 0)', [-1e308, 0, 1e308]],
    ['edges a denormal apart (grid scale overflows)', [0, 5e-324, 1e-323]],
    ['clustered and far edges', [-1e6, 0, 1e-12, 2e-12, 3e-12, 1, 1e6]],
    ['negative edges only', [-9, -8.5, -8, -3]],
  ];
  for (const [label, list] of edgeSets) {
    it(`agrees with searchsorted on edges and their neighbours: ${label}`, () => {
      const edges = Float64Array.from(list);
      const probes: number[] = [-Number.MAX_VALUE, Number.MAX_VALUE, -0, 0, -1, 1];
      for (const e of list) probes.push(e, e - Math.abs(e) * 1e-15, e + Math.abs(e) * 1e-15, e * 0.5, e * 2, e + 5e-324, e - 5e-324);
      const values = Float64Array.from(probes);
      expect([...countBins(values, { kind: 'edges', edges })]).toEqual(reference(values, edges));
    });
  }

  it('agrees with searchsorted on 1000 random edges', () => {
    let s = 1;
    const rand = (): number => {
      s = (s * 16807) % 2147483647;
      return s / 2147483647 - 0.5;
    };
    const edges = Float64Array.from({ length: 1000 }, () => rand() * 100).sort();
    const values = Float64Array.from({ length: 20_000 }, (_, i) => (i % 3 === 0 ? edges[i % 1000] : rand() * 120));
    expect([...countBins(values, { kind: 'edges', edges })]).toEqual(reference(values, edges));
  });

  it('puts everything in one bin when there are no edges', () => {
    expect([...countBins(Float64Array.of(1, 2, 3), { kind: 'edges', edges: new Float64Array(0) })]).toEqual([3]);
  });

  it('skips values that match no value bin, and counts -0 as 0', () => {
    const bins: PsiBins = { kind: 'values', values: Float64Array.of(0, 3) };
    expect([...countBins(Float64Array.of(-0, 3, 2, 0, 9), bins)]).toEqual([2, 1]);
  });
});
