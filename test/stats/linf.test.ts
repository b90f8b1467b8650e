import { describe, expect, it } from 'vitest';
import { linf } from '../../src/stats/linf.js';
import { closeRel, loadFixture } from '../helpers/fixtures.js';

interface CategoricalCase {
  name: string;
  kind: string;
  a: number[];
  b: number[];
  expected: { linf?: number };
}

// numpy 1.24.2: np.max(np.abs(a / a.sum() - b / b.sum()))
const cases = loadFixture<CategoricalCase>('drift').cases.filter((c) => c.kind === 'categorical' && c.expected.linf !== undefined);

describe('linf', () => {
  for (const c of cases) {
    it(`matches numpy at 1e-9: ${c.name}`, () => {
      const got = linf(Float64Array.from(c.a), Float64Array.from(c.b));
      expect(closeRel(got, c.expected.linf as number, 1e-9, 0), `${got} vs ${c.expected.linf}`).toBe(true);
    });
  }

  it('matches the documented example', () => {
    expect(linf(Float64Array.of(50, 50, 0), Float64Array.of(25, 70, 5))).toBe(0.25);
  });

  it('is 1 for disjoint distributions and 0 for proportional ones', () => {
    expect(linf(Float64Array.of(4, 0), Float64Array.of(0, 9))).toBe(1);
    expect(linf(Float64Array.of(1, 3), Float64Array.of(10, 30))).toBe(0);
  });

  it('throws RangeError when a distribution has no rows', () => {
    expect(() => linf(Float64Array.of(0, 0), Float64Array.of(1, 1))).toThrow(RangeError);
  });

  it('throws RangeError on misaligned, empty or negative counts', () => {
    expect(() => linf(Float64Array.of(1), Float64Array.of(1, 1))).toThrow(RangeError);
    expect(() => linf(new Float64Array(0), new Float64Array(0))).toThrow(RangeError);
    expect(() => linf(Float64Array.of(-1, 2), Float64Array.of(1, 1))).toThrow(RangeError);
  });
});
