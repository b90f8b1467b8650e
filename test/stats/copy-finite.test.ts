import { describe, expect, it } from 'vitest';
import { copyFinite } from '../../src/stats/copy-finite.js';

describe('copyFinite', () => {
  it('matches the documented example', () => {
    const out = new Float64Array(5);
    expect(copyFinite([4, Number.NaN, -1, Number.POSITIVE_INFINITY, 3], null, out)).toEqual({ kept: 3, min: -1, max: 4 });
    expect([...out.subarray(0, 3)]).toEqual([4, -1, 3]);
  });

  it('skips invalid rows and non-finite values of typed arrays', () => {
    const out = new Float64Array(6);
    const r = copyFinite(Float64Array.of(5, -2, Number.NaN, 7, Number.NEGATIVE_INFINITY, 1), Uint8Array.of(1, 0, 1, 1, 1, 1), out);
    expect(r).toEqual({ kept: 3, min: 1, max: 7 });
    expect([...out.subarray(0, 3)]).toEqual([5, 7, 1]);
  });

  it('reads other typed arrays and plain arrays holding null', () => {
    expect(copyFinite(Int32Array.of(4, -5, 6), null, new Float64Array(3))).toEqual({ kept: 3, min: -5, max: 6 });
    expect(copyFinite([1, null as unknown as number, 0], null, new Float64Array(3))).toEqual({ kept: 2, min: 0, max: 1 });
  });

  it('reports an empty range when nothing is kept', () => {
    expect(copyFinite([Number.NaN], null, new Float64Array(1))).toEqual({
      kept: 0,
      min: Number.POSITIVE_INFINITY,
      max: Number.NEGATIVE_INFINITY,
    });
  });

  it('refuses short validity or output arrays', () => {
    expect(() => copyFinite(Float64Array.of(1, 2), Uint8Array.of(1), new Float64Array(2))).toThrow(RangeError);
    expect(() => copyFinite(Float64Array.of(1, 2), null, new Float64Array(1))).toThrow(RangeError);
  });
});
