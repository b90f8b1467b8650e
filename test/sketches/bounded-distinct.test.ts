import { describe, expect, it } from 'vitest';
import { addDistinct, type BoundedDistinct, emptyDistinct, mergeDistinct } from '../../src/sketches/bounded-distinct.js';
import { rng } from './helpers.js';

const seq = (from: number, to: number) => Float64Array.from({ length: to - from }, (_, i) => from + i);

describe('bounded distinct-value counts', () => {
  it('counts values, treats -0 as 0 and skips missing rows', () => {
    const d = addDistinct(emptyDistinct(), Float64Array.of(2, 1, 2, Number.NaN, -0, 0, Number.POSITIVE_INFINITY, 7), Uint8Array.of(1, 1, 1, 1, 1, 1, 1, 0), 64);
    expect(d).toEqual({ values: Float64Array.of(0, 1, 2), counts: Float64Array.of(2, 1, 2) });
    expect(Object.is(d?.values[0], 0)).toBe(true);
  });

  it('drops the counts for good past the limit', () => {
    expect(addDistinct(emptyDistinct(), seq(0, 65), null, 64)).toBeNull();
    expect(addDistinct(null, Float64Array.of(1), null, 64)).toBeNull();
    expect(addDistinct(emptyDistinct(), seq(0, 64), null, 64)?.values.length).toBe(64);
  });

  it('matches a plain tally call after call, whatever the limit, and later calls leave earlier results alone (reused scratch)', () => {
    const r = rng(4);
    const results: [BoundedDistinct | null, BoundedDistinct | null][] = [];
    for (const limit of [64, 8, 200, 3, 64]) {
      let state: BoundedDistinct | null = emptyDistinct();
      const seen: number[] = [];
      for (let call = 0; call < 6; call++) {
        const values = Float64Array.from({ length: 1 + Math.floor(r() * 40) }, () => Math.floor(r() * limit * 1.1) - 3);
        state = addDistinct(state, values, null, limit);
        seen.push(...values);
        const tally = new Map<number, number>();
        for (const x of seen) tally.set(x, (tally.get(x) ?? 0) + 1);
        const keys = [...tally.keys()].sort((a, b) => a - b);
        const want = tally.size > limit ? null : { values: Float64Array.from(keys), counts: Float64Array.from(keys, (k) => tally.get(k) ?? 0) };
        expect(state).toEqual(want);
        results.push([state, structuredClone(state)]);
      }
    }
    for (const [kept, copy] of results) expect(kept).toEqual(copy);
  });

  it('merges to exactly the counts of the union, in either order, including the drop', () => {
    const cases: [Float64Array, Float64Array][] = [
      [seq(0, 40), seq(20, 60)], // union 60: kept
      [seq(0, 40), seq(30, 70)], // union 70: dropped
      [seq(0, 64), seq(0, 64)],
      [seq(0, 70), seq(0, 1)],
    ];
    for (const [a, b] of cases) {
      const whole = addDistinct(emptyDistinct(), Float64Array.from([...a, ...b]), null, 64);
      const da = addDistinct(emptyDistinct(), a, null, 64);
      const db = addDistinct(emptyDistinct(), b, null, 64);
      expect(mergeDistinct(da, db, 64)).toEqual(whole);
      expect(mergeDistinct(db, da, 64)).toEqual(whole);
    }
  });
});
