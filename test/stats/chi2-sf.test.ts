import { describe, expect, it } from 'vitest';
import { chi2Sf } from '../../src/stats/chi2-sf.js';
import { closeRel, loadFixture } from '../helpers/fixtures.js';

interface GridCase {
  name: string;
  kind: string;
  x: number[];
  dof: number[];
  expected: number[];
}

// scipy 1.10.1: scipy.stats.chi2.sf(x, dof) over every igamc branch
const grid = loadFixture<GridCase>('drift').cases.filter((c) => c.kind === 'chi2_sf');

describe('chi2Sf', () => {
  for (const c of grid) {
    it(`matches scipy's chi2.sf to 1e-6 absolute: ${c.name} (${c.x.length} points)`, () => {
      c.x.forEach((x, i) => {
        const got = chi2Sf(x, c.dof[i]);
        expect(Math.abs(got - c.expected[i]), `x=${x} dof=${c.dof[i]}: ${got} vs ${c.expected[i]}`).toBeLessThanOrEqual(1e-6);
      });
    });

    it(`matches scipy's chi2.sf to 1e-12 relative, tiny tails included: ${c.name}`, () => {
      c.x.forEach((x, i) => {
        const got = chi2Sf(x, c.dof[i]);
        expect(closeRel(got, c.expected[i], 1e-12, 0), `x=${x} dof=${c.dof[i]}: ${got} vs ${c.expected[i]}`).toBe(true);
      });
    });
  }

  it('matches the documented examples', () => {
    expect(chi2Sf(3.841458820694124, 1)).toBe(0.04999999999999989);
    expect(chi2Sf(1000, 4)).toBe(3.5694127797773694e-215);
  });

  it('reaches p-values near 1e-300 with full relative accuracy', () => {
    // scipy 1.10.1: chi2.sf(1400, 4) = 6.911633257175853e-302
    expect(closeRel(chi2Sf(1400, 4), 6.911633257175853e-302, 1e-12, 0)).toBe(true);
  });

  it('is 1 below and at 0, and 0 at +Infinity', () => {
    expect(chi2Sf(-1, 3)).toBe(1);
    expect(chi2Sf(0, 3)).toBe(1);
    expect(chi2Sf(Number.POSITIVE_INFINITY, 3)).toBe(0);
  });

  it('throws RangeError on a dof that is not a finite number > 0, or NaN x', () => {
    expect(() => chi2Sf(1, 0)).toThrow(RangeError);
    expect(() => chi2Sf(1, -2)).toThrow(RangeError);
    expect(() => chi2Sf(1, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => chi2Sf(Number.NaN, 2)).toThrow(RangeError);
  });
});
