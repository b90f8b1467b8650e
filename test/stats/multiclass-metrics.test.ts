import { describe, expect, it } from 'vitest';
import { confusionMatrix } from '../../src/stats/confusion-matrix.js';
import { multiclassMetrics } from '../../src/stats/multiclass-metrics.js';
import { closeRel } from '../helpers/fixtures.js';
import { caseNamed, multiclassCases } from './metrics-fixture.js';

const METRICS = ['accuracy', 'precision_macro', 'recall_macro', 'f1_macro', 'f1_weighted'] as const;

describe('multiclassMetrics', () => {
  // scikit-learn 1.2.1 accuracy_score and precision/recall/f1_score(average="macro" | "weighted")
  it.each(multiclassCases)('matches sklearn to 1e-9: $name', ({ yTrue, yPred, k, expected }) => {
    const m = multiclassMetrics(confusionMatrix(yTrue, yPred, k), k);
    for (const key of METRICS) expect(closeRel(m[key], expected[key] as number), key).toBe(true);
  });

  // scikit-learn 1.2.1: a label only ever predicted has recall 0 (zero_division) and counts in the macro mean
  it('counts a class only predicted, never true, in the macro averages', () => {
    const c = caseNamed(multiclassCases, 'seven-classes');
    const full = multiclassMetrics(confusionMatrix(c.yTrue, c.yPred, c.k), c.k);
    expect(c.k).toBe(7);
    expect(closeRel(full.recall_macro, c.expected.recall_macro as number)).toBe(true);
    expect(full.recall_macro).toBeLessThan(full.accuracy);
  });

  // scikit-learn 1.2.1: a label never predicted has precision 0 (zero_division="warn")
  it('gives precision 0 to a class never predicted', () => {
    const m = multiclassMetrics(Float64Array.of(2, 0, 1, 0), 2);
    expect(m.precision_macro).toBe((2 / 3 + 0) / 2);
  });

  // scikit-learn 1.2.1 f1_score([], [], average="macro") is nan; the kernel rejects empty input instead
  it('rejects an all-zero matrix as empty input', () => {
    expect(() => multiclassMetrics(new Float64Array(9), 3)).toThrow(
      new RangeError('Found array with 0 sample(s) (shape=(0,)) while a minimum of 1 is required.'),
    );
  });

  it('rejects a matrix that is not k by k', () => {
    expect(() => multiclassMetrics(new Float64Array(8), 3)).toThrow(RangeError);
  });
});
