import { describe, expect, it } from 'vitest';
import { confusionMatrix } from '../../src/stats/confusion-matrix.js';
import { multiclassCases } from './metrics-fixture.js';

describe('confusionMatrix', () => {
  // scikit-learn 1.2.1 confusion_matrix(y_true, y_pred), labels sorted
  it.each(multiclassCases)('matches sklearn confusion_matrix: $name', ({ yTrue, yPred, k, matrix }) => {
    const m = confusionMatrix(yTrue, yPred, k);
    expect(Array.from({ length: k }, (_, r) => Array.from(m.subarray(r * k, r * k + k)))).toEqual(matrix);
  });

  it('rejects a class code outside [0, k)', () => {
    expect(() => confusionMatrix(Int32Array.of(0, 3), Int32Array.of(0, 1), 3)).toThrow(
      new RangeError('yTrue[1] is 3; class codes must be in [0, 3)'),
    );
  });

  it('rejects a k that is not a positive integer', () => {
    expect(() => confusionMatrix(Int32Array.of(0), Int32Array.of(0), 0)).toThrow(RangeError);
  });

  // scikit-learn 1.2.1 check_consistent_length
  it('rejects arrays of different lengths', () => {
    expect(() => confusionMatrix(Int32Array.of(0, 1), Int32Array.of(0), 2)).toThrow(
      new RangeError('Found input variables with inconsistent numbers of samples: [2, 1]'),
    );
  });
});
