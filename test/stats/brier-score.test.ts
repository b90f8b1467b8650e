import { describe, expect, it } from 'vitest';
import { brierScore } from '../../src/stats/brier-score.js';
import { closeRel } from '../helpers/fixtures.js';
import { binaryCases, splitByOutcome } from './metrics-fixture.js';

const { valued, raising } = splitByOutcome(binaryCases, 'brier');

describe('brierScore', () => {
  // scikit-learn 1.2.1 brier_score_loss
  it.each(valued)('matches sklearn brier_score_loss to 1e-9: $name', ({ yTrue, scores, expected }) => {
    expect(closeRel(brierScore(yTrue, scores), expected.brier as number)).toBe(true);
  });

  // scikit-learn 1.2.1 brier_score_loss raises "y_prob contains values greater than 1."
  it.each(raising)("throws sklearn's message for a probability above 1: $name", ({ yTrue, scores, errors }) => {
    expect(() => brierScore(yTrue, scores)).toThrow(new RangeError(errors.brier));
  });

  // scikit-learn 1.2.1 brier_score_loss([0, 1], [-0.2, 0.3]) raises "y_prob contains values less than 0."
  it('rejects a negative probability', () => {
    expect(() => brierScore(Uint8Array.of(0, 1), Float64Array.of(-0.2, 0.3))).toThrow(
      new RangeError('y_prob contains values less than 0.'),
    );
  });

  // scikit-learn 1.2.1 brier_score_loss([1, 1], [0.2, 0.3]) == 0.5650000000000001
  it('is defined when y_true holds one class', () => {
    expect(brierScore(Uint8Array.of(1, 1), Float64Array.of(0.2, 0.3))).toBe(0.5650000000000001);
  });

  // scikit-learn 1.2.1 raises on empty input (numpy's zero-size max); the kernel raises check_array's message
  it('rejects empty input', () => {
    expect(() => brierScore(new Uint8Array(0), new Float64Array(0))).toThrow(
      new RangeError('Found array with 0 sample(s) (shape=(0,)) while a minimum of 1 is required.'),
    );
  });
});
