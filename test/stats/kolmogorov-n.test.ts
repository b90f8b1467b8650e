import { describe, expect, it } from 'vitest';
import { kolmogorovNSf } from '../../src/stats/kolmogorov-n.js';
import { kolmogorovNCdfDurbin } from '../../src/stats/kolmogorov-n-durbin.js';
import { kolmogorovNCdfPomeranz } from '../../src/stats/kolmogorov-n-pomeranz.js';
import { smirnovSf } from '../../src/stats/smirnov-sf.js';
import { loadFixture } from '../helpers/fixtures.js';

const fixture = loadFixture('ks') as unknown as {
  kstwo_sf: [number, number, number][];
  smirnov_sf: [number, number, number][];
};

describe('kolmogorovNSf', () => {
  // scipy 1.10.1 scipy.stats.kstwo.sf(x, n), every branch of _ksstats._kolmogn
  it.each(fixture.kstwo_sf)('n=%d x=%f matches scipy kstwo.sf', (n, x, expected) => {
    const got = kolmogorovNSf(n, x);
    expect(Math.abs(got - expected)).toBeLessThanOrEqual(1e-12 + 1e-9 * expected);
  });

  it('is 1 at and below x = 0.5/n and 0 from x = 1 (the support of kstwo)', () => {
    expect(kolmogorovNSf(10, 0.05)).toBe(1);
    expect(kolmogorovNSf(10, 0)).toBe(1);
    expect(kolmogorovNSf(10, 1)).toBe(0);
    expect(kolmogorovNSf(10, 1.5)).toBe(0);
  });

  it('is NaN for n that is not an integer ≥ 1, as scipy\'s badvalue', () => {
    expect(kolmogorovNSf(0, 0.3)).toBeNaN();
    expect(kolmogorovNSf(2.5, 0.3)).toBeNaN();
    expect(kolmogorovNSf(10, Number.NaN)).toBeNaN();
  });

  it('is 2·(1−x)^n near x = 1 (Ruben-Gambino)', () => {
    // n·x ≥ n − 1: P(D_n > x) = 2(1 − x)^n exactly
    expect(kolmogorovNSf(4, 0.8)).toBeCloseTo(2 * 0.2 ** 4, 15);
  });
});

describe('smirnovSf', () => {
  // scipy 1.10.1 scipy.special.smirnov(n, x)
  it.each(fixture.smirnov_sf)('n=%d x=%f matches scipy special.smirnov', (n, x, expected) => {
    const got = smirnovSf(n, x);
    expect(Math.abs(got - expected)).toBeLessThanOrEqual(1e-12 + 1e-9 * expected);
  });

  it('works n = 2 by hand', () => {
    // P(D+_2 ≥ x) = x · [(1 − x)^2 / x + 2 (1 − x − 1/2)] for 0 < x < 1/2
    const x = 0.3;
    expect(smirnovSf(2, x)).toBeCloseTo(x * ((1 - x) ** 2 / x + 2 * (0.5 - x)), 15);
  });
});

describe('Durbin and Pomeranz agree where both apply', () => {
  it.each([
    [10, 0.2],
    [20, 0.15],
    [50, 0.1],
    [140, 0.07],
  ])('n=%d x=%f', (n, x) => {
    expect(kolmogorovNCdfDurbin(n, x)).toBeCloseTo(kolmogorovNCdfPomeranz(n, x), 12);
  });
});
