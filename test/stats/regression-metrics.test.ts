import { describe, expect, it } from 'vitest';
import { regressionMetrics } from '../../src/stats/regression-metrics.js';
import { closeRel } from '../helpers/fixtures.js';
import { caseNamed, regressionCases } from './metrics-fixture.js';

const METRICS = ['mae', 'mse', 'rmse', 'mape', 'r2'] as const;

describe('regressionMetrics', () => {
  // scikit-learn 1.2.1 mean_absolute_error, mean_squared_error (squared=True/False),
  // mean_absolute_percentage_error, r2_score
  it.each(regressionCases)('matches sklearn to 1e-9: $name', ({ yTrue, yPred, expected }) => {
    const m = regressionMetrics(yTrue, yPred);
    for (const key of METRICS) expect(closeRel(m[key], expected[key] as number), key).toBe(true);
  });

  // scikit-learn 1.2.1 r2_score: constant y_true, perfect prediction -> 1.0 (force_finite)
  it('gives r2 1 for a perfect prediction of a constant target', () => {
    const c = caseNamed(regressionCases, 'constant-perfect');
    expect(regressionMetrics(c.yTrue, c.yPred).r2).toBe(1);
  });

  // scikit-learn 1.2.1 r2_score: constant y_true, imperfect prediction -> 0.0 (force_finite)
  it('gives r2 0 for an imperfect prediction of a constant target', () => {
    const c = caseNamed(regressionCases, 'constant-imperfect');
    expect(regressionMetrics(c.yTrue, c.yPred).r2).toBe(0);
  });

  // scikit-learn 1.2.1 r2_score([1.0], [2.0]) is nan ("not well-defined with less than two samples")
  it('gives r2 NaN for a single row, keeping the other metrics', () => {
    const m = regressionMetrics(Float64Array.of(3), Float64Array.of(2.5));
    expect(m.r2).toBeNaN();
    expect(m.mae).toBe(0.5);
  });

  // scikit-learn 1.2.1 mean_absolute_percentage_error([0.0], [2.0]) == 9007199254740992.0 (divides by eps)
  it('divides by eps, not zero, where y_true is 0', () => {
    expect(regressionMetrics(Float64Array.of(0), Float64Array.of(2)).mape).toBe(9007199254740992);
  });

  // scikit-learn 1.2.1 mean_absolute_error([0, inf], ...) raises check_array's message
  it('rejects a non-finite value', () => {
    expect(() => regressionMetrics(Float64Array.of(0, Number.POSITIVE_INFINITY), Float64Array.of(0.1, 0.2))).toThrow(
      new RangeError("Input contains infinity or a value too large for dtype('float64')."),
    );
  });

  // scikit-learn 1.2.1 check_array: "Found array with 0 sample(s) (shape=(0,)) while a minimum of 1 is required."
  it('rejects empty input', () => {
    expect(() => regressionMetrics(new Float64Array(0), new Float64Array(0))).toThrow(
      new RangeError('Found array with 0 sample(s) (shape=(0,)) while a minimum of 1 is required.'),
    );
  });
});
