import { describe, expect, it } from 'vitest';
import { logLoss } from '../../src/stats/log-loss.js';
import { closeRel } from '../helpers/fixtures.js';
import { binaryCases, splitByOutcome } from './metrics-fixture.js';

const { valued, raising } = splitByOutcome(binaryCases, 'log_loss');

describe('logLoss', () => {
  // scikit-learn 1.2.1 log_loss (eps="auto")
  it.each(valued)('matches sklearn log_loss to 1e-9: $name', ({ yTrue, scores, expected }) => {
    expect(closeRel(logLoss(yTrue, scores), expected.log_loss as number)).toBe(true);
  });

  // scikit-learn 1.2.1 log_loss raises ValueError when y_true holds one label
  it.each(raising)("throws sklearn's message when y_true holds one label: $name", ({ yTrue, scores, errors }) => {
    expect(() => logLoss(yTrue, scores)).toThrow(new RangeError(errors.log_loss));
  });

  // scikit-learn 1.2.1 log_loss([1, 0], [0.0, 1.0]) == 36.04365338911715 (= -log(2^-52), clipped)
  it('clips scores of exactly 0 and 1 to eps = 2^-52', () => {
    expect(closeRel(logLoss(Uint8Array.of(1, 0), Float64Array.of(0, 1)), 36.04365338911715)).toBe(true);
  });

  // scikit-learn 1.2.1 log_loss([0, 1], [0.1, nan]) raises "Input contains NaN."
  it('rejects a NaN score', () => {
    expect(() => logLoss(Uint8Array.of(0, 1), Float64Array.of(0.1, Number.NaN))).toThrow(
      new RangeError('Input contains NaN.'),
    );
  });

  // scikit-learn 1.2.1 check_array: "Found array with 0 sample(s) (shape=(0,)) while a minimum of 1 is required."
  it('rejects empty input', () => {
    expect(() => logLoss(new Uint8Array(0), new Float64Array(0))).toThrow(
      new RangeError('Found array with 0 sample(s) (shape=(0,)) while a minimum of 1 is required.'),
    );
  });
});
