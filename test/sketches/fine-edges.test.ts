import { describe, expect, it } from 'vitest';
import { fineEdgesSorted, isolatingEdges } from '../../src/sketches/fine-edges.js';
import { nextUp } from '../../src/sketches/next-up.js';
import { countBinsSorted, numericBinsSorted } from '../../src/stats/psi-bins.js';
import { sortFloat64 } from '../../src/stats/sort-float64.js';
import { DISTRIBUTIONS } from './helpers.js';

describe('nextUp', () => {
  it('steps one ulp up from positives, negatives and zeros', () => {
    expect(nextUp(1)).toBe(1 + Number.EPSILON);
    expect(nextUp(-1)).toBe(-1 + Number.EPSILON / 2);
    expect(nextUp(0)).toBe(Number.MIN_VALUE);
    expect(nextUp(-0)).toBe(Number.MIN_VALUE);
    expect(nextUp(-Number.MIN_VALUE)).toBe(-0);
    expect(nextUp(Number.MAX_VALUE)).toBe(Number.POSITIVE_INFINITY);
    expect(nextUp(Number.NaN)).toBeNaN();
  });
});

describe('fineEdgesSorted', () => {
  it('works the documented example', () => {
    expect(Array.from(fineEdgesSorted(Float64Array.of(1, 2, 2, 3), 2, new Float64Array(0)))).toEqual([1, 2, nextUp(2), 3, nextUp(3)]);
  });

  for (const [name, gen] of Object.entries(DISTRIBUTIONS)) {
    it(`${name}: holds every PSI edge, isolates ties, and caps every other bin at 1/grid + 2/n of the reference`, () => {
      const sorted = sortFloat64(gen(20_000, 7, 0));
      const n = sorted.length;
      const bins = numericBinsSorted(sorted, new Float64Array(0), 10);
      const extra = bins.kind === 'edges' ? bins.edges : new Float64Array(0);
      const grid = 256;
      const edges = fineEdgesSorted(sorted, grid, extra);
      const set = new Set(edges);
      for (const e of extra) expect(set.has(e)).toBe(true);
      for (let i = 1; i < edges.length; i++) expect(edges[i]).toBeGreaterThan(edges[i - 1]);
      expect(edges[0]).toBe(sorted[0]);
      expect(edges[edges.length - 1]).toBe(nextUp(sorted[n - 1]));
      const counts = countBinsSorted(sorted, { kind: 'edges', edges });
      expect(counts[0]).toBe(0);
      expect(counts[edges.length]).toBe(0);
      for (let b = 1; b < edges.length; b++) {
        const single = edges[b] === nextUp(edges[b - 1]);
        if (!single) expect(counts[b] / n).toBeLessThanOrEqual(1 / grid + 2 / n);
      }
    });
  }

  it('gives a low-cardinality reference one bin per value and empty bins between them', () => {
    expect(Array.from(isolatingEdges(Float64Array.of(0, 1)))).toEqual([0, Number.MIN_VALUE, 1, nextUp(1)]);
  });
});
