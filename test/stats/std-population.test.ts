import { describe, expect, it } from 'vitest';
import { stdPopulation } from '../../src/stats/std-population.js';
import { f64, loadFixture } from '../helpers/fixtures.js';

interface NumericalCase {
  name: string;
  kind: string;
  a: unknown;
  expected: { n_a: number; std_a: number };
}

// numpy 1.24.2: np.std(ref) (ddof=0) on the finite values
const cases = loadFixture<NumericalCase>('drift').cases.filter((c) => c.kind === 'numerical' && c.expected.n_a > 0);

describe('stdPopulation', () => {
  for (const c of cases) {
    it(`is bit-exact with np.std: ${c.name}`, () => {
      // np.std sums in array order; the fixture (and the engine) use the sorted values
      const values = f64(c.a).filter(Number.isFinite).sort();
      expect(stdPopulation(values)).toBe(c.expected.std_a);
    });
  }

  it('matches the documented example', () => {
    expect(stdPopulation(Float64Array.of(1, 2, 3, 4))).toBe(1.118033988749895);
  });

  it('is 0 for one value and for a constant column whose mean is exact', () => {
    expect(stdPopulation(Float64Array.of(-3.5))).toBe(0);
    expect(stdPopulation(new Float64Array(1000).fill(0.5))).toBe(0);
  });

  it('keeps numpy\'s rounding when the mean is inexact', () => {
    // numpy 1.24.2: np.std(np.full(1000, 0.1)) == 1.3877787807814457e-17
    expect(stdPopulation(new Float64Array(1000).fill(0.1))).toBe(1.3877787807814457e-17);
  });

  it('throws RangeError on an empty sample (numpy: NaN with a warning)', () => {
    expect(() => stdPopulation(new Float64Array(0))).toThrow(RangeError);
  });
});
