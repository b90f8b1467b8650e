import { beforeAll, describe, expect, it } from 'vitest';
import { loadTfBackend } from '../../native-bindings/load-backend.js';
import type { Tf } from '../../native-bindings/tf-types.js';
import { fitScaling } from '../../src/multivariate/column-scaling.js';
import { covarianceF64 } from '../../src/multivariate/covariance-f64.js';
import { covarianceTf } from '../../src/multivariate/covariance-tf.js';
import { componentsFor, fitPca } from '../../src/multivariate/pca-fit.js';
import { reconstructionErrors } from '../../src/multivariate/reconstruction-errors.js';
import { reconstructionErrorsTf } from '../../src/multivariate/reconstruction-errors-tf.js';
import { correlatedSample } from './multivariate-test-data.js';

let tf: Tf;
beforeAll(async () => {
  const loaded = await loadTfBackend('wasm');
  if (loaded.tf === null) throw new Error('no tf');
  tf = loaded.tf;
});

describe('fitScaling', () => {
  it('uses the population std and keeps a constant column at scale 1, as StandardScaler', () => {
    // sklearn StandardScaler().fit([[1, 5], [3, 5]]): mean_ [2, 5], scale_ [1, 1]
    const s = fitScaling([Float64Array.of(1, 3), Float64Array.of(5, 5)]);
    expect(Array.from(s.mean)).toEqual([2, 5]);
    expect(Array.from(s.scale)).toEqual([1, 1]);
  });
});

describe('componentsFor', () => {
  it('keeps the fewest components whose cumulative share exceeds the target, as sklearn PCA(n_components=0.65)', () => {
    // ratios [0.5, 0.3, 0.2]: cumsum [0.5, 0.8, 1] -> searchsorted(0.65, 'right') + 1 = 2
    expect(componentsFor(Float64Array.of(5, 3, 2), 0.65)).toBe(2);
    // ratios [0.65, 0.35]: cumsum[0] == 0.65 is not above it -> 2
    expect(componentsFor(Float64Array.of(0.65, 0.35), 0.65)).toBe(2);
    expect(componentsFor(Float64Array.of(9, 1), 0.65)).toBe(1);
    expect(componentsFor(Float64Array.of(1, 1, 1, 1), 0.65)).toBe(3);
  });
});

describe('fitPca', () => {
  it('finds the direction two correlated features share', () => {
    const cols = correlatedSample(4000, 0.9, 1, 0);
    const model = fitPca(tf, cols, fitScaling(cols), 0.65);
    expect(model.k).toBe(1);
    expect(model.explained).toBeCloseTo(0.95, 2); // (1 + ρ) / 2
    expect(Math.abs(model.components[0])).toBeCloseTo(Math.SQRT1_2, 4);
    expect(model.components[0] * model.components[1]).toBeGreaterThan(0);
  });

  it('reconstructs perfectly when every component is kept', () => {
    const cols = correlatedSample(1000, 0.5, 2, 2);
    const model = fitPca(tf, cols, fitScaling(cols), 1);
    expect(model.k).toBe(4);
    for (const e of reconstructionErrors(model, cols)) expect(e).toBeLessThan(1e-5);
  });
});

describe('reconstructionErrorsTf', () => {
  it('agrees with the float64 reference to float32 accuracy', () => {
    const cols = correlatedSample(5000, 0.7, 3, 3);
    const model = fitPca(tf, cols, fitScaling(cols), 0.65);
    const rows = Int32Array.from({ length: 1000 }, (_, i) => 4999 - 3 * i);
    const exact = reconstructionErrors(model, cols, rows);
    const f32 = reconstructionErrorsTf(tf, model, cols, rows);
    exact.forEach((e, i) => {
      expect(Math.abs(f32[i] - e)).toBeLessThan(1e-5 * Math.max(1, e));
    });
  });
});

describe('covariance', () => {
  it('TF.js float32 matMul agrees with the float64 loop, over all rows and a subset', () => {
    const cols = correlatedSample(70_000, 0.7, 4, 3); // more than one 65,536-row chunk
    const s = fitScaling(cols);
    const rows = Int32Array.from({ length: 20_000 }, (_, i) => 3 * i + 1);
    for (const r of [null, rows]) {
      const exact = covarianceF64(cols, s, r);
      const f32 = covarianceTf(tf, cols, s, r);
      exact.forEach((v, k) => {
        expect(Math.abs(f32[k] - v)).toBeLessThan(1e-5);
      });
    }
    // the standardised reference's covariance is its correlation matrix: unit diagonal, ρ off it
    const all = covarianceF64(cols, s);
    expect(all[0]).toBeCloseTo(1, 12);
    expect(all[1]).toBeCloseTo(0.7, 1);
  });
});
