import { describe, expect, it } from 'vitest';
import { averagePrecision } from '../../src/stats/average-precision.js';
import { closeRel } from '../helpers/fixtures.js';
import { binaryCases, caseNamed } from './metrics-fixture.js';

describe('averagePrecision', () => {
  // scikit-learn 1.2.1 average_precision_score
  it.each(binaryCases)('matches sklearn average_precision_score to 1e-9: $name', ({ yTrue, scores, expected }) => {
    expect(closeRel(averagePrecision(yTrue, scores), expected.pr_auc as number)).toBe(true);
  });

  // scikit-learn 1.2.1 average_precision_score([0, 0, 0], ...) == -0.0 (recall set to 1, one step of precision 0)
  it('gives -0 when y_true has no positive, as sklearn', () => {
    const c = caseNamed(binaryCases, 'only-negatives');
    expect(c.expected.pr_auc).toBe(-0);
    expect(Object.is(averagePrecision(c.yTrue, c.scores), -0)).toBe(true);
  });

  // scikit-learn 1.2.1 average_precision_score with only positives == 1.0
  it('gives 1 when y_true has no negative', () => {
    const c = caseNamed(binaryCases, 'only-positives');
    expect(averagePrecision(c.yTrue, c.scores)).toBe(1);
  });

  // scikit-learn 1.2.1: all scores tied gives the positive share (one threshold)
  it('gives the positive share when every score is equal', () => {
    const c = caseNamed(binaryCases, 'all-equal');
    const share = c.yTrue.reduce((a, b) => a + b, 0) / c.yTrue.length;
    expect(averagePrecision(c.yTrue, c.scores)).toBe(share);
  });

  // scikit-learn 1.2.1 raises IndexError on empty input; the kernel raises check_array's message
  it('rejects empty input', () => {
    expect(() => averagePrecision(new Uint8Array(0), new Float64Array(0))).toThrow(
      new RangeError('Found array with 0 sample(s) (shape=(0,)) while a minimum of 1 is required.'),
    );
  });
});
