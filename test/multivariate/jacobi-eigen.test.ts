import { describe, expect, it } from 'vitest';
import { jacobiEigen } from '../../src/multivariate/jacobi-eigen.js';
import { mulberry32 } from '../../src/multivariate/seeded-random.js';

function randomSymmetric(d: number, seed: number): Float64Array {
  const rand = mulberry32(seed);
  const a = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = i; j < d; j++) a[i * d + j] = a[j * d + i] = 2 * rand() - 1;
  return a;
}

describe('jacobiEigen', () => {
  it('decomposes [[2, 1], [1, 2]] into 3 and 1', () => {
    // numpy.linalg.eigh([[2, 1], [1, 2]]) -> values [1, 3], vectors ±[-0.7071, 0.7071], ±[0.7071, 0.7071]
    const { values, vectors } = jacobiEigen(Float64Array.of(2, 1, 1, 2), 2);
    expect(values[0]).toBeCloseTo(3, 14);
    expect(values[1]).toBeCloseTo(1, 14);
    expect(Math.abs(vectors[0])).toBeCloseTo(Math.SQRT1_2, 14);
    expect(vectors[0] * vectors[2]).toBeGreaterThan(0); // first eigenvector ∝ (1, 1)
  });

  it('gives A v = λ v with orthonormal vectors, sorted descending', () => {
    for (const d of [1, 3, 8, 20]) {
      const a = randomSymmetric(d, d);
      const { values, vectors } = jacobiEigen(a, d);
      for (let c = 0; c < d; c++) {
        if (c > 0) expect(values[c]).toBeLessThanOrEqual(values[c - 1]);
        for (let i = 0; i < d; i++) {
          let av = 0;
          for (let k = 0; k < d; k++) av += a[i * d + k] * vectors[k * d + c];
          expect(av).toBeCloseTo(values[c] * vectors[i * d + c], 12);
        }
        for (let c2 = 0; c2 < d; c2++) {
          let dot = 0;
          for (let k = 0; k < d; k++) dot += vectors[k * d + c] * vectors[k * d + c2];
          expect(dot).toBeCloseTo(c === c2 ? 1 : 0, 12);
        }
      }
    }
  });

  it('handles repeated eigenvalues (the identity) and a zero matrix', () => {
    expect(Array.from(jacobiEigen(Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1), 3).values)).toEqual([1, 1, 1]);
    expect(Array.from(jacobiEigen(new Float64Array(4), 2).values)).toEqual([0, 0]);
  });

  it('refuses a matrix of the wrong size', () => {
    expect(() => jacobiEigen(new Float64Array(5), 2)).toThrow(RangeError);
  });
});
