import { describe, expect, it } from 'vitest';
import { linearKeySort } from '../../src/stats/linear-key-sort.js';
import { firstDifference, normals, rng } from './sort-test-data.js';

function range(values: Float64Array): [number, number] {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return [min, max];
}

/** Runs linearKeySort on a copy; returns whether it sorted, and the copy. */
function run(values: Float64Array): { sorted: boolean; out: Float64Array } {
  const out = values.slice();
  const [min, max] = range(values);
  return { sorted: linearKeySort(out, min, max, new Float64Array(values.length)), out };
}

describe('linearKeySort', () => {
  it('matches the documented example, -0 before 0', () => {
    const v = Float64Array.of(3, -0, -2, 0, 1.5);
    expect(linearKeySort(v, -2, 3, new Float64Array(5))).toBe(true);
    expect(firstDifference(v, Float64Array.of(-2, -0, 0, 1.5, 3))).toBeNull();
  });

  for (const n of [2, 3, 100, 2048, 100_000, 1_000_000]) {
    it(`sorts ${n} normal values bit for bit as Float64Array.prototype.sort`, () => {
      const values = normals(n, n, 5, 3);
      const { sorted, out } = run(values);
      expect(sorted).toBe(true);
      expect(firstDifference(out, values.slice().sort())).toBeNull();
    });
  }

  it('keeps equal values together and puts every -0 before every 0', () => {
    const r = rng(3);
    const values = Float64Array.from({ length: 4000 }, () => {
      const p = r();
      return p < 0.2 ? -0 : p < 0.4 ? 0 : Math.round((r() - 0.5) * 40) / 4;
    });
    const { sorted, out } = run(values);
    expect(sorted).toBe(true);
    expect(firstDifference(out, values.slice().sort())).toBeNull();
  });

  it('sorts when every value is the same, zeros included', () => {
    const same = new Float64Array(5000).fill(7.25);
    expect(run(same).sorted).toBe(true);
    const zeros = Float64Array.from({ length: 5000 }, (_, i) => (i % 3 === 0 ? -0 : 0));
    const { sorted, out } = run(zeros);
    expect(sorted).toBe(true);
    expect(firstDifference(out, zeros.slice().sort())).toBeNull();
  });

  it('sorts uniform, exponential and already sorted or reversed values', () => {
    const r = rng(11);
    const cases = [
      Float64Array.from({ length: 30_000 }, () => r() * 1e-3 - 7),
      Float64Array.from({ length: 30_000 }, () => -Math.log(r() || 1e-12)),
      Float64Array.from({ length: 30_000 }, (_, i) => i * 0.5),
      Float64Array.from({ length: 30_000 }, (_, i) => -i * 0.5),
    ];
    for (const values of cases) {
      const { sorted, out } = run(values);
      expect(sorted).toBe(true);
      expect(firstDifference(out, values.slice().sort())).toBeNull();
    }
  });

  it('sorts around a far outlier in a small array (the bunched values get a level of their own)', () => {
    const values = normals(4000, 5);
    values[123] = 1e12;
    values[456] = -1e9;
    const { sorted, out } = run(values);
    expect(sorted).toBe(true);
    expect(firstDifference(out, values.slice().sort())).toBeNull();
  });

  it('sorts a heavy tail (Cauchy) in a small array', () => {
    const r = rng(9);
    const values = Float64Array.from({ length: 4000 }, () => Math.tan(Math.PI * (r() - 0.5)));
    const { sorted, out } = run(values);
    expect(sorted).toBe(true);
    expect(firstDifference(out, values.slice().sort())).toBeNull();
  });

  it('sorts a few per cent of the values bunched inside one key among spread ones, duplicates included', () => {
    const r = rng(13);
    const values = Float64Array.from({ length: 100_000 }, () => (r() >= 0.04 ? r() : r() < 0.3 ? 0.5 : 0.5 + r() * 1e-9));
    const { sorted, out } = run(values);
    expect(sorted).toBe(true);
    expect(firstDifference(out, values.slice().sort())).toBeNull();
  });

  it('declines, untouched, when a sixteenth of many values share one high bucket: far outlier, heavy tail', () => {
    const outlier = normals(100_000, 5);
    outlier[123] = 1e12;
    const r = rng(10);
    const cauchy = Float64Array.from({ length: 100_000 }, () => Math.tan(Math.PI * (r() - 0.5)));
    // Bunched only where the evenly spaced sample does not look: the histogram pass tells.
    const hidden = Float64Array.from({ length: 100_000 }, (_, i) => (i % 199 === 1 || i % 7 === 1 ? 0.5 + (i % 1000) * 1e-12 : i / 100_000));
    for (const values of [outlier, cauchy, hidden]) {
      const { sorted, out } = run(values);
      expect(sorted).toBe(false);
      expect(firstDifference(out, values)).toBeNull();
    }
  });

  it('sorts values spread over hundreds of orders of magnitude in a small array (past the deepest level)', () => {
    const r = rng(17);
    const values = Float64Array.from({ length: 4000 }, (_, i) => (i % 2 ? -1 : 1) * 2 ** Math.floor(r() * 2000 - 1000) * (1 + r()));
    const { sorted, out } = run(values);
    expect(sorted).toBe(true);
    expect(firstDifference(out, values.slice().sort())).toBeNull();
  });

  it('declines ranges it cannot scale: overflowing and subnormal', () => {
    expect(run(Float64Array.from({ length: 5000 }, (_, i) => (i % 2 ? 1.7e308 : -1.7e308))).sorted).toBe(false);
    expect(run(Float64Array.from({ length: 5000 }, (_, i) => (i % 7) * 5e-324)).sorted).toBe(false);
  });

  it('declines a scratch buffer that is too short', () => {
    const values = normals(5000, 1);
    const [min, max] = range(values);
    expect(linearKeySort(values, min, max, new Float64Array(10))).toBe(false);
  });
});
