import { describe, expect, it } from 'vitest';
import { finiteValues } from '../../src/stats/finite-values.js';
import { f64, loadFixture } from '../helpers/fixtures.js';

interface NumericalCase {
  name: string;
  kind: string;
  a: unknown;
  b: unknown;
  expected: { missing_a: number; missing_b: number; n_a: number; n_b: number };
}

// numpy 1.24.2: np.isfinite counts (fixtures/gen/drift.py)
const cases = loadFixture<NumericalCase>('drift').cases.filter((c) => c.kind === 'numerical');

describe('finiteValues', () => {
  it('matches the documented example', () => {
    const r = finiteValues([1, Number.NaN, 2, Number.POSITIVE_INFINITY, 3], Uint8Array.of(1, 1, 0, 1, 1));
    expect([...r.values]).toEqual([1, 3]);
    expect(r.missing).toBe(3);
  });

  for (const c of cases) {
    it(`counts missing as numpy's isfinite: ${c.name}`, () => {
      const a = finiteValues(f64(c.a), null);
      const b = finiteValues(f64(c.b), null);
      expect(a.missing).toBe(c.expected.missing_a);
      expect(b.missing).toBe(c.expected.missing_b);
      expect(a.values.length).toBe(c.expected.n_a);
      expect(b.values.length).toBe(c.expected.n_b);
    });
  }

  it('keeps the finite values in their order, -0 included', () => {
    const r = finiteValues(Float64Array.of(-0, Number.NEGATIVE_INFINITY, 5e-324, Number.NaN, -1e308), null);
    expect(Object.is(r.values[0], -0)).toBe(true);
    expect([...r.values.subarray(1)]).toEqual([5e-324, -1e308]);
    expect(r.missing).toBe(2);
  });

  it('returns the filled buffer itself when nothing is missing', () => {
    const r = finiteValues(Float32Array.of(1.5, 2.5), null);
    expect(r.values).toBeInstanceOf(Float64Array);
    expect([...r.values]).toEqual([1.5, 2.5]);
    expect(r.missing).toBe(0);
  });

  it('treats null in a plain array as missing', () => {
    const r = finiteValues([1, null as unknown as number, 0, Number.NaN], null);
    expect([...r.values]).toEqual([1, 0]);
    expect(r.missing).toBe(2);
  });

  it('treats validity 0 as missing even for finite values', () => {
    const r = finiteValues(Int32Array.of(4, 5, 6), Uint8Array.of(0, 1, 0));
    expect([...r.values]).toEqual([5]);
    expect(r.missing).toBe(2);
  });

  it('handles an empty column', () => {
    const r = finiteValues(new Float64Array(0), null);
    expect(r.values.length).toBe(0);
    expect(r.missing).toBe(0);
  });

  it('throws RangeError when validity is shorter than the values', () => {
    expect(() => finiteValues(Float64Array.of(1, 2), Uint8Array.of(1))).toThrow(RangeError);
  });
});
