import { describe, expect, it } from 'vitest';
import type { Column } from '../../src/arrow/columns.js';
import { buildBinLookup } from '../../src/sketches/bin-lookup.js';
import {
  addModel,
  createModelSketch,
  type ModelColumns,
  type ModelLayout,
  mergeModel,
  modelSketchFromJSON,
  modelSketchToJSON,
} from '../../src/sketches/model-sketch.js';
import { categorical, numeric } from '../helpers/tables.js';
import { expectSketchEqual } from './expect-sketch.js';
import { rng } from './helpers.js';

const base: ModelLayout = {
  task: 'binary',
  hasPrediction: true,
  hasScore: true,
  positiveKey: '1',
  mixedLabels: false,
  maxLabels: 64,
  scores: buildBinLookup(Float64Array.of(0, 0.5, 1)),
};

function slice(col: Column, start: number, end: number): Column {
  return col.kind === 'numerical'
    ? { ...col, length: end - start, values: col.values.subarray(start, end), valid: col.valid?.subarray(start, end) ?? null }
    : { ...col, length: end - start, codes: col.codes.subarray(start, end) };
}

function sliceCols(cols: ModelColumns, start: number, end: number): ModelColumns {
  return {
    target: slice(cols.target as Column, start, end),
    prediction: cols.prediction && slice(cols.prediction as Column, start, end),
    score: cols.score && slice(cols.score as Column, start, end),
  };
}

/** Records the rows in two parts and whole; checks merge in both orders and associativity. */
function expectMergeable(layout: ModelLayout, cols: ModelColumns, cut: number[]): void {
  const n = cols.target.length;
  const bounds = [0, ...cut, n];
  const parts = bounds.slice(1).map((end, i) => addModel(createModelSketch(layout), layout, sliceCols(cols, bounds[i], end)));
  const whole = addModel(createModelSketch(layout), layout, cols);
  const [a, b, c] = parts;
  expectSketchEqual(mergeModel(mergeModel(a, b, layout), c, layout), whole);
  expectSketchEqual(mergeModel(c, mergeModel(b, a, layout), layout), whole);
}

describe('model sketch', () => {
  it('works the documented binary example by hand', () => {
    const s = addModel(createModelSketch(base), base, {
      target: numeric('y', [1, 0, 1]),
      prediction: numeric('p', [1, 1, 0]),
      score: numeric('s', [0.9, 0.6, 0.2]),
    });
    if (s.task !== 'binary') throw new Error('binary');
    expect(Array.from(s.confusion)).toEqual([0, 1, 1, 1]);
    expect(Array.from(s.scorePositive)).toEqual([0, 1, 1, 0]);
    expect(Array.from(s.scoreNegative)).toEqual([0, 0, 1, 0]);
    expect(s.brierSum).toBeCloseTo(1.01, 15);
    expect([s.rows, s.scored, s.scoreMin, s.scoreMax]).toEqual([3, 3, 0.2, 0.9]);
    expect(s.labels).toEqual(['0', '1']);
  });

  it('binary: merge equals the sketch of the union; rows missing a value drop out of what needs it', () => {
    const r = rng(5);
    const n = 5000;
    const y = Array.from({ length: n }, (_, i) => (i % 50 === 0 ? null : r() < 0.3 ? 'yes' : 'no'));
    const p = Array.from({ length: n }, (_, i) => (i % 70 === 0 ? null : r() < 0.4 ? 'yes' : 'no'));
    const s = Array.from({ length: n }, (_, i) => (i % 30 === 0 ? null : r()));
    const layout = { ...base, positiveKey: 'yes', scores: buildBinLookup(Float64Array.from({ length: 101 }, (_, i) => i / 100)) };
    const cols = { target: categorical('y', y), prediction: categorical('p', p), score: numeric('s', s) };
    expectMergeable(layout, cols, [1234, 4000]);
    const whole = addModel(createModelSketch(layout), layout, cols);
    if (whole.task !== 'binary') throw new Error('binary');
    expect(whole.rows).toBe(y.filter((v) => v !== null).length);
    expect(whole.confusion.reduce((a, b) => a + b, 0)).toBe(y.filter((v, i) => v !== null && p[i] !== null).length);
    expect(whole.scored).toBe(y.filter((v, i) => v !== null && s[i] !== null).length);
  });

  it('keeps the three smallest label keys, enough to tell "more than two labels"', () => {
    const s = addModel(createModelSketch(base), base, { target: numeric('y', [3, 1, 0, 2, 1]), prediction: numeric('p', [0, 0, 0, 0, 0]), score: numeric('s', [0, 0, 0, 0, 0]) });
    expect(s.task === 'binary' && s.labels).toEqual(['0', '1', '2']);
  });

  it('multiclass: merge equals the union; past maxLabels the counts are dropped in merge as in one pass', () => {
    const layout: ModelLayout = { ...base, task: 'multiclass', hasScore: false, scores: null, maxLabels: 6 };
    const r = rng(8);
    const lab = () => (r() < 0.02 ? null : Math.floor(r() * 5));
    const cols = { target: numeric('y', Array.from({ length: 3000 }, lab)), prediction: numeric('p', Array.from({ length: 3000 }, lab)) };
    expectMergeable(layout, cols, [1000, 2000]);
    const wide = { target: numeric('y', Array.from({ length: 300 }, (_, i) => i % 7)), prediction: numeric('p', Array.from({ length: 300 }, () => 0)) };
    const a = addModel(createModelSketch(layout), layout, sliceCols(wide, 0, 5)); // labels 0..4: kept
    const b = addModel(createModelSketch(layout), layout, sliceCols(wide, 5, 300)); // 7 labels: dropped
    expect(a.task === 'multiclass' && a.classes?.size).toBe(5);
    expect(b.task === 'multiclass' && b.classes).toBeNull();
    expect(mergeModel(a, b, layout)).toEqual(addModel(createModelSketch(layout), layout, wide));
  });

  it('multiclass with target and prediction of different kinds compares labels as keys', () => {
    const layout: ModelLayout = { ...base, task: 'multiclass', hasScore: false, scores: null, mixedLabels: true };
    const s = addModel(createModelSketch(layout), layout, { target: numeric('y', [1, 2]), prediction: categorical('p', ['1', '1']) });
    expect(s.task === 'multiclass' && [...(s.classes as Map<string, unknown>).entries()]).toEqual([['1', '1'], ['2', '2']]);
  });

  it('regression: merge equals the union (sums up to rounding)', () => {
    const layout: ModelLayout = { ...base, task: 'regression', hasScore: false, scores: null };
    const r = rng(2);
    const y = Array.from({ length: 4000 }, (_, i) => (i % 99 === 0 ? null : 1000 + 10 * r()));
    const f = Array.from({ length: 4000 }, (_, i) => (i % 77 === 0 ? Number.NaN : 1000 + 10 * r()));
    expectMergeable(layout, { target: numeric('y', y), prediction: numeric('p', f) }, [500, 3999]);
  });

  it('round-trips through JSON for every task', () => {
    const cases: [ModelLayout, ModelColumns][] = [
      [base, { target: numeric('y', [1, 0, 1]), prediction: numeric('p', [1, 1, 0]), score: numeric('s', [0.9, 0.6, 0.2]) }],
      [{ ...base, task: 'multiclass', hasScore: false, scores: null }, { target: categorical('y', ['a', 'b']), prediction: categorical('p', ['b', 'b']) }],
      [{ ...base, task: 'regression', hasScore: false, scores: null }, { target: numeric('y', [1, 2]), prediction: numeric('p', [1.5, 2]) }],
    ];
    for (const [layout, cols] of cases) {
      const s = addModel(createModelSketch(layout), layout, cols);
      expect(modelSketchFromJSON(JSON.parse(JSON.stringify(modelSketchToJSON(s))), layout)).toEqual(s);
      const empty = createModelSketch(layout);
      expect(modelSketchFromJSON(JSON.parse(JSON.stringify(modelSketchToJSON(empty))), layout)).toEqual(empty);
    }
  });
});
