import { describe, expect, it } from 'vitest';
import { rocAuc } from '../../src/stats/roc-auc.js';
import { closeRel } from '../helpers/fixtures.js';
import { binaryCases, caseNamed, splitByOutcome } from './metrics-fixture.js';

const { valued, raising } = splitByOutcome(binaryCases, 'roc_auc');

describe('rocAuc', () => {
  // scikit-learn 1.2.1 roc_auc_score
  it.each(valued)('matches sklearn roc_auc_score to 1e-9: $name', ({ yTrue, scores, expected }) => {
    expect(closeRel(rocAuc(yTrue, scores), expected.roc_auc as number)).toBe(true);
  });

  // scikit-learn 1.2.1 roc_auc_score raises ValueError when y_true holds one class
  it.each(raising)('throws sklearn\'s message when y_true holds one class: $name', ({ yTrue, scores, errors }) => {
    expect(errors.roc_auc).toBe('Only one class present in y_true. ROC AUC score is not defined in that case.');
    expect(() => rocAuc(yTrue, scores)).toThrow(new RangeError(errors.roc_auc));
  });

  // scikit-learn 1.2.1 roc_auc_score: every score equal gives 0.5
  it('gives 0.5 when every score is equal', () => {
    expect(rocAuc(...scored('all-equal'))).toBe(0.5);
  });

  it('gives 1 for a perfect ranking and 0 for an inverted one', () => {
    expect([rocAuc(...scored('perfect')), rocAuc(...scored('inverted'))]).toEqual([1, 0]);
  });

  it('does not depend on row order among tied scores', () => {
    const [yTrue, scores] = scored('ties');
    const order = Array.from(yTrue.keys()).reverse();
    expect(rocAuc(Uint8Array.from(order, (i) => yTrue[i]), Float64Array.from(order, (i) => scores[i]))).toBe(
      rocAuc(yTrue, scores),
    );
  });

  // scikit-learn 1.2.1 roc_auc_score([], []): check_array's ValueError
  it('rejects empty input', () => {
    expect(() => rocAuc(new Uint8Array(0), new Float64Array(0))).toThrow(
      new RangeError('Found array with 0 sample(s) (shape=(0,)) while a minimum of 1 is required.'),
    );
  });
});

function scored(prefix: string): [Uint8Array, Float64Array] {
  const c = caseNamed(binaryCases, prefix);
  return [c.yTrue, c.scores];
}
