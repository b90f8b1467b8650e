import { describe, expect, it } from 'vitest';
import { binaryClassificationMetrics } from '../../src/stats/binary-classification-metrics.js';
import { binaryConfusion } from '../../src/stats/binary-confusion.js';
import { closeRel } from '../helpers/fixtures.js';
import { binaryCases, caseNamed } from './metrics-fixture.js';

const METRICS = ['accuracy', 'precision', 'recall', 'f1'] as const;

describe('binaryClassificationMetrics', () => {
  // scikit-learn 1.2.1 accuracy_score, precision_score, recall_score, f1_score (pos_label=1)
  it.each(binaryCases)('matches sklearn to 1e-9: $name', ({ yTrue, yPred, expected }) => {
    const m = binaryClassificationMetrics(binaryConfusion(yTrue, yPred));
    for (const key of METRICS) expect(closeRel(m[key], expected[key] as number), key).toBe(true);
  });

  // scikit-learn 1.2.1 precision_score with zero_division="warn" returns 0.0
  it('gives precision 0 when nothing is predicted positive', () => {
    const c = caseNamed(binaryCases, 'no-predicted-positive');
    expect(binaryClassificationMetrics(binaryConfusion(c.yTrue, c.yPred)).precision).toBe(0);
  });

  // scikit-learn 1.2.1 recall_score on y_true without positives returns 0.0
  it('gives recall and f1 0 when y_true has no positive', () => {
    const m = binaryClassificationMetrics({ tn: 3, fp: 2, fn: 0, tp: 0 });
    expect([m.recall, m.f1]).toEqual([0, 0]);
  });

  // scikit-learn 1.2.1 f1_score on the "clip" case is 0.4000000000000001 (2PR/(P+R)), where 2tp/(2tp+fp+fn) gives 0.4
  it('computes F1 from precision and recall in sklearn order', () => {
    const c = caseNamed(binaryCases, 'clip');
    expect(binaryClassificationMetrics(binaryConfusion(c.yTrue, c.yPred)).f1).toBe(c.expected.f1);
  });

  // scikit-learn 1.2.1 accuracy_score([], []) is nan; the kernels reject empty input instead
  it('rejects all-zero counts as empty input', () => {
    expect(() => binaryClassificationMetrics({ tn: 0, fp: 0, fn: 0, tp: 0 })).toThrow(
      new RangeError('Found array with 0 sample(s) (shape=(0,)) while a minimum of 1 is required.'),
    );
  });
});
