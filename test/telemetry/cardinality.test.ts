import { afterEach, describe, expect, it, vi } from 'vitest';
import { SeriesTable } from '../../src/telemetry/series-table.js';
import { createTelemetry, DEFAULT_MAX_SERIES, type Telemetry } from '../../src/telemetry/telemetry.js';
import { reportOf } from './helpers.js';
import { parseOpenMetrics, parsePrometheusText } from './openmetrics-parser.js';

let telemetry: Telemetry | undefined;
afterEach(async () => {
  await telemetry?.shutdown();
  telemetry = undefined;
});

const OM = 'application/openmetrics-text; version=1.0.0';

describe('series cap', () => {
  it('defaults to 10,000 series per instrument', () => {
    expect(DEFAULT_MAX_SERIES).toBe(10_000);
  });

  it('bounds a model with thousands of features: drops, counts and logs once per instrument', async () => {
    const warn = vi.fn();
    telemetry = createTelemetry({ env: {}, maxSeries: 100, logger: { warn } });
    const features = Array.from({ length: 3000 }, (_, i) => ({ name: `f${i}`, score: (i % 50) / 100, detected: i % 3 === 0 }));
    telemetry.recordEvaluation({ model: 'wide', window: '1h', status: 'ok', report: reportOf(features) });
    telemetry.recordEvaluation({ model: 'wide', window: '1h', status: 'ok', report: reportOf(features) });
    const stats = telemetry.stats();
    expect(stats.series.driftgauge_feature_drift_score).toBe(100);
    expect(stats.series.driftgauge_feature_drift_detected).toBe(100);
    const body = (await telemetry.renderMetrics(OM)).body;
    const families = parseOpenMetrics(body);
    expect(families.get('driftgauge_feature_drift_score')?.samples).toHaveLength(100);
    const dropped = families.get('driftgauge_telemetry_series_dropped')?.samples ?? [];
    const byInstrument = Object.fromEntries(dropped.map((s) => [s.labels.instrument, s.value]));
    // 2 evaluations × (3000 − 100) refused measurements for each per-feature gauge
    expect(byInstrument.driftgauge_feature_drift_score).toBe(2 * 2900);
    expect(byInstrument.driftgauge_feature_drift_detected).toBe(2 * 2900);
    const capWarnings = warn.mock.calls.filter(([, msg]) => /series cap/.test(msg));
    expect(capWarnings.map(([obj]) => obj.instrument).sort()).toEqual([
      'driftgauge_feature_drift_detected',
      'driftgauge_feature_drift_score',
    ]);
    // existing series keep being updated past the cap
    telemetry.recordEvaluation({
      model: 'wide',
      window: '1h',
      status: 'ok',
      report: reportOf([{ name: 'f0', score: 0.77, detected: true }]),
    });
    const again = parsePrometheusText((await telemetry.renderMetrics(undefined)).body);
    expect(again.get('driftgauge_feature_drift_score')?.samples.find((s) => s.labels.feature === 'f0')?.value).toBe(0.77);
  });

  it('bounds thousands of models, and the SDK never folds series into otel.metric.overflow', async () => {
    telemetry = createTelemetry({ env: {}, maxSeries: 2500 });
    for (let m = 0; m < 5000; m++) {
      telemetry.recordBatch({ model: `model-${m}`, status: 'accepted', rows: 1, seconds: 0.001 });
    }
    const body = (await telemetry.renderMetrics(OM)).body;
    expect(body).not.toContain('otel_metric_overflow');
    const families = parseOpenMetrics(body);
    // 2500 is above the SDK's default cardinality limit (2000): our cap, not the SDK's, decides
    expect(families.get('driftgauge_batches')?.samples).toHaveLength(2500);
    expect(families.get('driftgauge_rows')?.samples).toHaveLength(2500);
    const dropped = families.get('driftgauge_telemetry_series_dropped')?.samples.find((s) => s.labels.instrument === 'driftgauge_batches');
    expect(dropped?.value).toBe(2500);
  });

  it('keeps memory bounded: 200k distinct label sets past the cap retain almost nothing', () => {
    telemetry = createTelemetry({ env: {}, maxSeries: 10 });
    for (let m = 0; m < 10; m++) telemetry.recordBatch({ model: `m${m}`, status: 'accepted', rows: 1, seconds: 0.001 });
    const before = process.memoryUsage().heapUsed;
    for (let m = 0; m < 200_000; m++) telemetry.recordBatch({ model: `x${m}`, status: 'accepted', rows: 1, seconds: 0.001 });
    // 200k series would be tens of MB (SDK accumulations + our tables); refused ones leave only garbage
    expect(telemetry.stats().series.driftgauge_batches).toBe(10);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 2 ** 20);
  });
});

describe('SeriesTable', () => {
  it('finds series by label values and by attributes, in label order', () => {
    const t = new SeriesTable(['model', 'feature', 'method'], 5, () => {});
    const s = t.series('m', 'f', 'ks');
    expect(t.series('m', 'f', 'ks')).toBe(s);
    expect(s?.attributes).toEqual({ model: 'm', feature: 'f', method: 'ks' });
    expect(Object.keys(s?.attributes ?? {})).toEqual(['model', 'feature', 'method']);
    expect(t.find({ method: 'ks', feature: 'f', model: 'm' })).toBe(s);
    expect(t.find({ model: 'm', feature: 'f' })).toBeUndefined();
    expect(t.find({ model: 'm', feature: 'f', method: 'psi' })).toBeUndefined();
  });

  it('refuses the label set after the cap and calls onDrop for each refusal', () => {
    const onDrop = vi.fn();
    const t = new SeriesTable(['model'], 2, onDrop);
    t.series('a');
    t.series('b');
    expect(t.series('c')).toBeUndefined();
    expect(t.series('c')).toBeUndefined();
    expect(t.series('a')).toBeDefined();
    expect(onDrop).toHaveBeenCalledTimes(2);
    expect([...t.all()].map((s) => s.attributes.model)).toEqual(['a', 'b']);
  });

  it('has one series for an instrument without labels', () => {
    const t = new SeriesTable([], 1, () => {});
    expect(t.series()).toBe(t.series());
    expect(t.find({})).toBe(t.series());
  });

  it('rejects a bad cap', () => {
    expect(() => new SeriesTable(['a'], 0, () => {})).toThrow(/maxSeries/);
    expect(() => createTelemetry({ env: {}, maxSeries: -1, registerGlobal: false })).toThrow(
      expect.objectContaining({ code: 'DRIFTGAUGE_ERR_CONFIG', message: expect.stringMatching(/maxSeries/) }),
    );
  });
});
