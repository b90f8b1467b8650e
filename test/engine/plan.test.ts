import { describe, expect, it } from 'vitest';
import { DRIFT_METHOD_NAMES } from '../../src/engine/drift-methods.js';
import { planComparison } from '../../src/engine/plan.js';
import { defaultSpec, validateSpec } from '../../src/engine/spec.js';
import { categorical, numeric, table } from '../helpers/tables.js';

const spec = (raw: unknown) => validateSpec(raw, 'spec.json', DRIFT_METHOD_NAMES);

describe('planComparison', () => {
  const ref = table('ref.arrow', [numeric('age', [1, 2, 3]), categorical('country', ['a', 'b', 'a'])]);

  it('makes every column a feature of its Arrow kind without a spec', () => {
    const cur = table('cur.arrow', [numeric('age', [1, 2]), categorical('country', ['a', 'c'])]);
    const plan = planComparison(ref, cur, defaultSpec());
    expect(plan.features).toEqual([
      { name: 'age', kind: 'numerical', method: 'auto', threshold: null },
      { name: 'country', kind: 'categorical', method: 'auto', threshold: null },
    ]);
    expect(plan.model).toBeUndefined();
  });

  it('names the file and column when a column is missing from current', () => {
    const cur = table('cur.arrow', [numeric('age', [1])]);
    expect(() => planComparison(ref, cur, defaultSpec())).toThrow("cur.arrow: column 'country' is missing (it is in ref.arrow)");
  });

  it('names the file and column when a column is missing from reference', () => {
    const cur = table('cur.arrow', [numeric('age', [1]), categorical('country', ['a']), numeric('extra', [1])]);
    expect(() => planComparison(ref, cur, defaultSpec())).toThrow("ref.arrow: column 'extra' is missing (it is in cur.arrow)");
  });

  it('rejects a column whose type differs between the files', () => {
    const cur = table('cur.arrow', [categorical('age', ['1']), categorical('country', ['a'])]);
    expect(() => planComparison(ref, cur, defaultSpec())).toThrow("cur.arrow: column 'age' is utf8 but float64 in ref.arrow");
  });

  it('rejects an empty table', () => {
    const cur = table('cur.arrow', [numeric('age', []), categorical('country', [])]);
    expect(() => planComparison(ref, cur, defaultSpec())).toThrow('cur.arrow: the table has no rows');
  });

  it('rejects a spec column that is not in the data', () => {
    const s = spec({ columns: { salary: { role: 'feature' } } });
    expect(() => planComparison(ref, ref, s)).toThrow("ref.arrow: column 'salary' named in the spec is not in the data");
  });

  it('applies per-column method and threshold overrides', () => {
    const s = spec({ columns: { age: { drift: { method: 'psi', threshold: 0.2 } } }, drift: { method: 'jensen_shannon' } });
    const plan = planComparison(ref, ref, s);
    expect(plan.features[0]).toEqual({ name: 'age', kind: 'numerical', method: 'psi', threshold: 0.2 });
    expect(plan.features[1]).toEqual({ name: 'country', kind: 'categorical', method: 'jensen_shannon', threshold: null });
  });

  it('rejects a per-column method that does not apply to the kind', () => {
    const s = spec({ columns: { country: { drift: { method: 'ks' } } } });
    expect(() => planComparison(ref, ref, s)).toThrow("drift method 'ks' does not apply to categorical column 'country'");
  });

  it('treats a numeric column declared categorical as categorical', () => {
    const plan = planComparison(ref, ref, spec({ columns: { age: { kind: 'categorical' } } }));
    expect(plan.features[0].kind).toBe('categorical');
  });

  it('refuses a string column declared numerical', () => {
    expect(() => planComparison(ref, ref, spec({ columns: { country: { kind: 'numerical' } } }))).toThrow(
      "ref.arrow: column 'country' is utf8 and cannot be used as a numerical feature",
    );
  });

  it('leaves target, prediction, score, id and timestamp columns out of the features', () => {
    const t = table('t.arrow', [
      numeric('x', [1, 2]),
      numeric('y', [0, 1]),
      numeric('p', [0, 1]),
      numeric('s', [0.2, 0.9]),
      numeric('id', [1, 2]),
      numeric('ts', [1, 2], 'timestamp[ms]'),
    ]);
    const s = spec({ task: 'binary', columns: { y: { role: 'target' }, p: { role: 'prediction' }, s: { role: 'score' }, id: { role: 'id' } } });
    const plan = planComparison(t, t, s);
    expect(plan.features.map((f) => f.name)).toEqual(['x']);
    expect(plan.model).toEqual({ task: 'binary', target: 'y', prediction: 'p', score: 's', positiveClass: undefined });
  });
});
