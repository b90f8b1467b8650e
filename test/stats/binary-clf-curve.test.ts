import { describe, expect, it } from 'vitest';
import { binaryClfCurve } from '../../src/stats/binary-clf-curve.js';
import { closeRel } from '../helpers/fixtures.js';
import { curveCases } from './metrics-fixture.js';

describe('binaryClfCurve', () => {
  // scikit-learn 1.2.1 sklearn.metrics._ranking._binary_clf_curve
  it.each(curveCases)('matches sklearn _binary_clf_curve: $name', ({ yTrue, scores, fps, tps, thresholds }) => {
    const curve = binaryClfCurve(yTrue, scores);
    expect(Array.from(curve.fps)).toEqual(fps);
    expect(Array.from(curve.tps)).toEqual(tps);
    expect(curve.thresholds.length).toBe(thresholds.length);
    for (let i = 0; i < thresholds.length; i++) expect(closeRel(curve.thresholds[i], thresholds[i])).toBe(true);
  });

  it('gives the same counts whatever the row order', () => {
    const ties = curveCases.find((c) => c.name.startsWith('ties'));
    if (!ties) throw new Error('fixture curve "ties" missing');
    const { yTrue, scores } = ties;
    const order = Array.from(yTrue.keys()).reverse();
    const shuffled = binaryClfCurve(
      Uint8Array.from(order, (i) => yTrue[i]),
      Float64Array.from(order, (i) => scores[i]),
    );
    expect(shuffled).toEqual(binaryClfCurve(yTrue, scores));
  });

  it('rejects a label other than 0 or 1', () => {
    expect(() => binaryClfCurve(Uint8Array.of(0, 2), Float64Array.of(0.1, 0.2))).toThrow(
      new RangeError('yTrue[1] is 2; binary labels must be 0 or 1'),
    );
  });

  // scikit-learn 1.2.1 roc_auc_score([0, 1], [0.1, nan]) raises "Input contains NaN."
  it('rejects a NaN score instead of sorting it', () => {
    expect(() => binaryClfCurve(Uint8Array.of(0, 1), Float64Array.of(0.1, Number.NaN))).toThrow(
      new RangeError('Input contains NaN.'),
    );
  });
});
