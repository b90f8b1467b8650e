/**
 * driftgauge_multivariate_drift_score{model,method}: one series per method
 * from the report's multivariate section; a method that failed (null, an
 * error entry) publishes nothing; no exemplar on the gauge line.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTelemetry, type Telemetry } from '../../src/telemetry/telemetry.js';
import { reportOf, SAMPLED_TRACEPARENT } from './helpers.js';

const OM_ACCEPT = 'application/openmetrics-text;version=1.0.0';

let telemetry: Telemetry | undefined;
afterEach(async () => {
  await telemetry?.shutdown();
  telemetry = undefined;
});

describe('multivariate drift gauge', () => {
  it('publishes each method that has a score, by model and method, without exemplars', async () => {
    const t = createTelemetry({ env: {} });
    telemetry = t;
    const { span, ctx } = t.startServerSpan('POST /v1/models/{model}/comparisons', { traceparent: SAMPLED_TRACEPARENT });
    const multivariate = {
      features: ['x', 'y'],
      pca_reconstruction: { current_error: 1.25, detected: true },
      domain_classifier: { roc_auc: 0.8125, detected: true },
    };
    t.recordEvaluation({ model: 'fraud', report: reportOf([{ name: 'x', score: 0.01, detected: false }], { multivariate }), window: '1h', status: 'ok', ctx });
    const failed = { features: ['x', 'y'], pca_reconstruction: null, domain_classifier: null, errors: [{ code: 'DRIFTGAUGE_ERR_TF_UNAVAILABLE', message: '...' }] };
    t.recordEvaluation({ model: 'credit', report: reportOf([], { multivariate: failed }), window: '1h', status: 'ok', ctx });
    span.end();
    const om = (await t.renderMetrics(OM_ACCEPT)).body;
    expect(om).toContain('# TYPE driftgauge_multivariate_drift_score gauge');
    expect(om).toMatch(/^driftgauge_multivariate_drift_score\{model="fraud",method="pca_reconstruction"\} 1\.25$/m);
    expect(om).toMatch(/^driftgauge_multivariate_drift_score\{model="fraud",method="domain_classifier"\} 0\.8125$/m);
    expect(om).not.toMatch(/driftgauge_multivariate_drift_score\{model="credit"/);
    const text = (await t.renderMetrics('text/plain')).body;
    expect(text).toMatch(/^driftgauge_multivariate_drift_score\{model="fraud",method="domain_classifier"\} 0\.8125$/m);
  });
});
