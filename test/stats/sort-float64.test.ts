import { describe, expect, it } from 'vitest';
import { sortFloat64 } from '../../src/stats/sort-float64.js';

/** Deterministic xorshift so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

/** Random doubles from every corner: negatives, -0, ±huge, denormals, duplicates. */
function nasty(n: number, seed: number): Float64Array {
  const r = rng(seed);
  const pool = [0, -0, 1, -1, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, -Number.MIN_VALUE, 2.2250738585072014e-308, 1e300, -1e-300, 0.1];
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const pick = r();
    if (pick < 0.1) out[i] = pool[Math.floor(r() * pool.length)];
    else if (pick < 0.2) out[i] = (r() - 0.5) * 5e-310; // denormals
    else if (pick < 0.4) out[i] = Math.round((r() - 0.5) * 20); // duplicates
    else if (pick < 0.6) out[i] = (r() - 0.5) * 10 ** Math.floor(r() * 600 - 300);
    else out[i] = (r() - 0.5) * 1000;
  }
  return out;
}

function expectSameBits(actual: Float64Array, expected: Float64Array): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) expect.fail(`index ${i}: ${actual[i]} !== ${expected[i]}`);
  }
}

describe('sortFloat64', () => {
  it('sorts in place and returns the same array', () => {
    const values = Float64Array.of(3, 1, 2);
    expect(sortFloat64(values)).toBe(values);
    expect([...values]).toEqual([1, 2, 3]);
  });

  it('matches the documented example, -0 before 0', () => {
    const sorted = sortFloat64(Float64Array.of(3, -0, -2, 0, 1e300));
    expectSameBits(sorted, Float64Array.of(-2, -0, 0, 3, 1e300));
  });

  it('handles empty and single-value arrays', () => {
    expect(sortFloat64(new Float64Array(0)).length).toBe(0);
    expectSameBits(sortFloat64(Float64Array.of(-0)), Float64Array.of(-0));
  });

  // Sizes on both sides of the radix cut-over (32768).
  for (const n of [10, 1000, 32767, 32768, 100_000, 300_001]) {
    it(`matches Float64Array.prototype.sort bit for bit on ${n} nasty values`, () => {
      const values = nasty(n, n);
      const expected = values.slice().sort();
      expectSameBits(sortFloat64(values), expected);
    });
  }

  it('sorts a radix-sized subarray view without touching its neighbours', () => {
    const backing = nasty(50_000, 7);
    const before = backing.slice();
    const view = backing.subarray(1000, 45_000);
    const expected = view.slice().sort();
    sortFloat64(view);
    expectSameBits(view, expected);
    expectSameBits(backing.subarray(0, 1000), before.subarray(0, 1000));
    expectSameBits(backing.subarray(45_000), before.subarray(45_000));
  });

  it('sorts when every value is equal (all digit passes skipped)', () => {
    const values = new Float64Array(40_000).fill(-2.5);
    values[123] = -0;
    values[7] = 0;
    const expected = values.slice().sort();
    expectSameBits(sortFloat64(values), expected);
  });

  it('sorts already-sorted and reversed input', () => {
    const asc = Float64Array.from({ length: 70_000 }, (_, i) => i * 0.5 - 1000);
    const desc = asc.slice().reverse();
    expectSameBits(sortFloat64(desc), asc);
    expectSameBits(sortFloat64(asc.slice()), asc);
  });

  it('uses a caller scratch buffer and leaves the result right', () => {
    const values = nasty(40_000, 99);
    const expected = values.slice().sort();
    const scratch = new Uint32Array(2 * values.length);
    expectSameBits(sortFloat64(values, scratch), expected);
  });

  it('ignores a scratch buffer that is too short', () => {
    const values = nasty(40_000, 5);
    const expected = values.slice().sort();
    expectSameBits(sortFloat64(values, new Uint32Array(10)), expected);
  });
});
