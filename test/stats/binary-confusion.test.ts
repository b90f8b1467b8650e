import { describe, expect, it } from 'vitest';
import { binaryConfusion } from '../../src/stats/binary-confusion.js';
import { binaryCases } from './metrics-fixture.js';

describe('binaryConfusion', () => {
  // scikit-learn 1.2.1 confusion_matrix(y_true, y_pred, labels=[0, 1])
  it.each(binaryCases)('matches sklearn confusion_matrix: $name', ({ yTrue, yPred, matrix }) => {
    const { tn, fp, fn, tp } = binaryConfusion(yTrue, yPred);
    expect([[tn, fp], [fn, tp]]).toEqual(matrix);
  });

  it('rejects a predicted label other than 0 or 1', () => {
    expect(() => binaryConfusion(Uint8Array.of(0, 1), Uint8Array.of(1, 3))).toThrow(
      new RangeError('yPred[1] is 3; binary labels must be 0 or 1'),
    );
  });

  // scikit-learn 1.2.1 check_consistent_length
  it('rejects arrays of different lengths', () => {
    expect(() => binaryConfusion(Uint8Array.of(0, 1), Uint8Array.of(1))).toThrow(
      new RangeError('Found input variables with inconsistent numbers of samples: [2, 1]'),
    );
  });
});
