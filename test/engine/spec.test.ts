import { describe, expect, it } from 'vitest';
import { DRIFT_METHOD_NAMES } from '../../src/engine/drift-methods.js';
import { parseSpec } from '../../src/engine/spec.js';

const parse = (text: string) => parseSpec(text, 'spec.json', DRIFT_METHOD_NAMES);

describe('parseSpec', () => {
  it('fills the CONTRACT defaults', () => {
    expect(parse('{}')).toEqual({
      columns: {},
      drift: { method: 'auto', threshold: null, drift_share: 0.5, psi_bins: 10 },
      multivariate: { enabled: true, seed: 0, max_rows: 50_000 },
      sketch: { fine_bins: 512 },
    });
  });

  it('reads the window sketch resolution, within its bounds', () => {
    expect(parse('{"sketch": {"fine_bins": 1024}}').sketch).toEqual({ fine_bins: 1024 });
    expect(parse('{"sketch": {}}').sketch).toEqual({ fine_bins: 512 });
    for (const bad of ['8', '8193', '100.5', '"512"', 'null']) {
      expect(() => parse(`{"sketch": {"fine_bins": ${bad}}}`), bad).toThrow(/sketch.fine_bins must be an integer from 16 to 8,192/);
    }
    expect(() => parse('{"sketch": 512}')).toThrow(/sketch must be an object/);
    expect(() => parse('{"sketch": {"bins": 512}}')).toThrow(/bins/);
  });

  it('reads the multivariate switch as a boolean or an object', () => {
    expect(parse('{"multivariate": false}').multivariate.enabled).toBe(false);
    expect(parse('{"multivariate": {"seed": 7, "max_rows": 1000}}').multivariate).toEqual({ enabled: true, seed: 7, max_rows: 1000 });
    expect(() => parse('{"multivariate": {"seed": "x"}}')).toThrow(/multivariate.seed must be an integer/);
  });

  it('reads the CONTRACT example', () => {
    const s = parse(
      JSON.stringify({
        task: 'binary',
        positive_class: 1,
        columns: {
          age: { role: 'feature', kind: 'numerical' },
          country: { role: 'feature', kind: 'categorical' },
          label: { role: 'target' },
          pred: { role: 'prediction' },
          proba: { role: 'score' },
          ts: { role: 'timestamp' },
          took: { role: 'latency' },
          req_id: { role: 'id' },
        },
        drift: { method: 'auto', threshold: null, drift_share: 0.5, psi_bins: 10 },
      }),
    );
    expect(s.task).toBe('binary');
    expect(s.columns.proba.role).toBe('score');
  });

  it('names the file when the spec is not JSON', () => {
    expect(() => parse('{"task": ')).toThrow(/^spec.json: spec is not valid JSON/);
  });

  it('names the column with an unknown role', () => {
    expect(() => parse('{"columns": {"age": {"role": "featur"}}}')).toThrow(
      `spec.json: invalid spec: column 'age' has unknown role "featur"`,
    );
  });

  it('rejects an unknown drift method', () => {
    expect(() => parse('{"drift": {"method": "kl"}}')).toThrow(/drift.method must be one of auto, ks/);
  });

  it('rejects two targets', () => {
    expect(() => parse('{"columns": {"a": {"role": "target"}, "b": {"role": "target"}}}')).toThrow(/more than one column has role 'target'/);
  });

  it('rejects a task without a target', () => {
    expect(() => parse('{"task": "regression"}')).toThrow(/needs a column with role "target"/);
  });

  it('rejects unknown fields instead of ignoring a typo', () => {
    expect(() => parse('{"drfit": {}}')).toThrow(/unknown field 'drfit'/);
  });
});
