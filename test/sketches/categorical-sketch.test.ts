import { describe, expect, it } from 'vitest';
import {
  addCategoricalCodes,
  addCategoricalNumbers,
  type CategoricalLayout,
  type CategoricalSketch,
  categoricalLayout,
  categoricalSketchFromJSON,
  categoricalSketchToJSON,
  createCategoricalSketch,
  mergeCategorical,
  newCategoryCount,
} from '../../src/sketches/categorical-sketch.js';
import { addHll, createHll, hllEstimate, mergeHllInto } from '../../src/sketches/hyperloglog.js';
import { categorical } from '../helpers/tables.js';
import { rng, shuffled } from './helpers.js';

const sketchOf = (layout: CategoricalLayout, values: (string | null)[]): CategoricalSketch => {
  const col = categorical('c', values);
  return addCategoricalCodes(createCategoricalSketch(), layout, col.codes, col.categories);
};

describe('categorical sketch', () => {
  const byHand = categoricalLayout(new Map([['x', 5], ['y', 3], ['z', 1]]), 2);

  it('works the documented example by hand', () => {
    expect(byHand.tracked).toEqual(['x', 'y']);
    const s = sketchOf(byHand, ['x', 'x', 'w', null]);
    expect(s).toMatchObject({ count: 3, missing: 1, counts: new Map([['x', 2], ['w', 1]]), tracked: null });
    const t = mergeCategorical(s, sketchOf(byHand, ['v']), byHand);
    expect(t).toMatchObject({ count: 4, missing: 1, counts: null, tracked: Float64Array.of(2, 0), otherRows: 0, newRows: 2 });
    expect(newCategoryCount(t, byHand)).toBe(2);
    expect(newCategoryCount(s, byHand)).toBe(1);
  });

  it('reads numbers as categories named String(value), missing = null, NaN, ±Infinity', () => {
    const layout = categoricalLayout(new Map([['1', 1]]));
    const s = addCategoricalNumbers(createCategoricalSketch(), layout, Float64Array.of(1, 1, 2.5, Number.NaN, Number.POSITIVE_INFINITY, -0, 3), Uint8Array.of(1, 1, 1, 1, 1, 1, 0));
    expect(s.counts).toEqual(new Map([['1', 2], ['2.5', 1], ['0', 1]]));
    expect([s.count, s.missing]).toEqual([4, 3]);
  });

  it('merge(a, b) equals the sketch of a ∪ b in every order, before and after collapsing', () => {
    const refCounts = new Map(Array.from({ length: 40 }, (_, i) => [`r${i}`, 40 - i] as [string, number]));
    const r = rng(11);
    const draw = (n: number, spread: number) =>
      Array.from({ length: n }, () => (r() < 0.05 ? null : r() < 0.8 ? `r${Math.floor(r() * 40)}` : `new${Math.floor(r() * spread)}`));
    for (const [k, spread] of [[45, 0], [45, 2], [45, 500], [25, 2]]) {
      const layout = categoricalLayout(refCounts, k);
      const parts = [draw(3000, spread), draw(2000, spread), draw(100, spread)];
      const whole = sketchOf(layout, parts.flat());
      const [a, b, c] = parts.map((p) => sketchOf(layout, p));
      for (const order of [[a, b, c], [c, b, a], [b, a, c]]) {
        const merged = mergeCategorical(mergeCategorical(order[0], order[1], layout), order[2], layout);
        expect(merged).toEqual(whole);
      }
      expect(mergeCategorical(a, mergeCategorical(b, c, layout), layout)).toEqual(whole);
      expect(whole.counts === null).toBe(spread === 500 || k === 25);
    }
  });

  it('stays at K categories with 100,000 distinct values (bounded memory)', () => {
    const layout = categoricalLayout(new Map(Array.from({ length: 1000 }, (_, i) => [`ref${i}`, 1] as [string, number])), 256);
    const values = Array.from({ length: 100_000 }, (_, i) => (i % 10 === 0 ? `ref${i % 1000}` : `id-${i}`));
    const s = sketchOf(layout, values);
    expect(s.counts).toBeNull();
    expect(s.tracked?.length).toBe(256);
    expect(s.newDistinct?.length).toBe(4096);
    expect(s.newRows).toBe(90_000);
    expect(s.otherRows + (s.tracked as Float64Array).reduce((x, y) => x + y, 0)).toBe(10_000);
    expect(Math.abs(newCategoryCount(s, layout) / 90_000 - 1)).toBeLessThan(0.05);
    expect(JSON.stringify(categoricalSketchToJSON(s)).length).toBeLessThan(20_000);
  });

  it('round-trips through JSON, exact and collapsed', () => {
    const layout = categoricalLayout(new Map([['a', 2]]), 3);
    for (const values of [['a', 'b', null], ['a', 'b', 'c', 'd', 'e']]) {
      const s = sketchOf(layout, values);
      expect(categoricalSketchFromJSON(JSON.parse(JSON.stringify(categoricalSketchToJSON(s))), layout)).toEqual(s);
    }
  });
});

describe('HyperLogLog', () => {
  it('estimates distinct counts within 4% from ten to a million, and merges to the union exactly', () => {
    for (const n of [10, 1000, 50_000, 1_000_000]) {
      const h = createHll();
      for (let i = 0; i < n; i++) addHll(h, `k${i}`);
      expect(Math.abs(hllEstimate(h) / n - 1)).toBeLessThan(0.04);
    }
    const a = createHll();
    const b = createHll();
    const u = createHll();
    for (const k of shuffled(Array.from({ length: 5000 }, (_, i) => `v${i}`), 3)) {
      addHll(k < 'v3' ? a : b, k);
      addHll(u, k);
    }
    expect(mergeHllInto(a, b)).toEqual(u);
  });
});
