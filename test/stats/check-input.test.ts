import { describe, expect, it } from 'vitest';
import { binaryLabelError, checkFinite, checkSamples } from '../../src/stats/check-input.js';

// scikit-learn 1.2.1: check_consistent_length, check_array, assert_all_finite messages
describe('checkSamples', () => {
  it('rejects arrays of different lengths with sklearn wording', () => {
    expect(() => checkSamples(2, 1)).toThrow(
      new RangeError('Found input variables with inconsistent numbers of samples: [2, 1]'),
    );
  });

  it('rejects empty input with sklearn wording', () => {
    expect(() => checkSamples(0, 0)).toThrow(
      new RangeError('Found array with 0 sample(s) (shape=(0,)) while a minimum of 1 is required.'),
    );
  });

  it('accepts equal non-zero lengths', () => {
    expect(() => checkSamples(3, 3)).not.toThrow();
  });
});

describe('checkFinite', () => {
  it('rejects NaN with sklearn wording', () => {
    expect(() => checkFinite(Float64Array.of(1, Number.NaN))).toThrow(new RangeError('Input contains NaN.'));
  });

  it('rejects infinities with sklearn wording', () => {
    expect(() => checkFinite(Float64Array.of(Number.NEGATIVE_INFINITY))).toThrow(
      new RangeError("Input contains infinity or a value too large for dtype('float64')."),
    );
  });

  it('accepts finite values including signed zeros and extremes', () => {
    expect(() => checkFinite(Float64Array.of(-0, 0, Number.MAX_VALUE, -Number.MIN_VALUE))).not.toThrow();
  });
});

describe('binaryLabelError', () => {
  it('names the array, index and value', () => {
    expect(binaryLabelError('yTrue', 4, 2)).toEqual(new RangeError('yTrue[4] is 2; binary labels must be 0 or 1'));
  });
});
