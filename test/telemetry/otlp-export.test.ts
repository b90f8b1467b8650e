import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readOtelSettings } from '../../src/telemetry/otel-settings.js';
import { hrTimeToNanos, millisToNanos } from '../../src/telemetry/otlp-metrics-json.js';
import { createTelemetry, type Telemetry } from '../../src/telemetry/telemetry.js';
import { reportOf, SAMPLED_TRACEPARENT, TRACE_ID } from './helpers.js';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

let server: Server;
let endpoint: string;
let received: Received[] = [];
let telemetry: Telemetry | undefined;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
});
afterEach(async () => {
  await telemetry?.shutdown();
  telemetry = undefined;
  received = [];
});

type Json = Record<string, unknown> & { [k: string]: never | unknown };
interface OtlpMetric {
  name: string;
  gauge?: { dataPoints: Json[] };
  sum?: { dataPoints: Json[]; isMonotonic: boolean; aggregationTemporality: number };
  histogram?: { dataPoints: Json[]; aggregationTemporality: number };
}

function metricsOf(body: string): Map<string, OtlpMetric> {
  const req = JSON.parse(body) as { resourceMetrics: { scopeMetrics: { metrics: OtlpMetric[] }[] }[] };
  const out = new Map<string, OtlpMetric>();
  for (const rm of req.resourceMetrics) for (const sm of rm.scopeMetrics) for (const m of sm.metrics) out.set(m.name, m);
  return out;
}

function fed(env: Record<string, string>) {
  const t = createTelemetry({ env });
  telemetry = t;
  const { span, ctx } = t.startServerSpan('POST batch', { traceparent: SAMPLED_TRACEPARENT });
  t.recordBatch({ model: 'm', status: 'accepted', rows: 3, seconds: 0.02, latencies: new Float64Array([0.01, 0.02, 0.5]), batchId: 'b-7', ctx });
  t.recordEvaluation({ model: 'm', window: '1h', status: 'ok', ctx, report: reportOf([{ name: 'age', score: 0.3, detected: true }]) });
  span.end();
  return { t, spanId: span.spanContext().spanId };
}

describe('OTLP/HTTP export', () => {
  it('pushes metrics as OTLP/JSON with exemplars on gauge, sum and histogram points', async () => {
    const { t, spanId } = fed({
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20s3cret',
      OTEL_SERVICE_NAME: 'drift-test',
    });
    await t.forceFlush();
    const metricPosts = received.filter((r) => r.path === '/v1/metrics');
    expect(metricPosts.length).toBeGreaterThan(0);
    const post = metricPosts[metricPosts.length - 1];
    expect(post.headers['content-type']).toBe('application/json');
    expect(post.headers.authorization).toBe('Bearer s3cret');
    expect(post.body).toContain('"drift-test"');
    const metrics = metricsOf(post.body);

    const score = metrics.get('driftgauge.feature.drift_score')?.gauge?.dataPoints[0] as { exemplars: Json[]; asDouble: number };
    expect(score.asDouble).toBe(0.3);
    expect(score.exemplars[0]).toMatchObject({ traceId: TRACE_ID, spanId, asDouble: 0.3 });

    const batches = metrics.get('driftgauge.batches')?.sum;
    expect(batches?.isMonotonic).toBe(true);
    expect(batches?.aggregationTemporality).toBe(2);
    const point = batches?.dataPoints[0] as { exemplars: { filteredAttributes: unknown[]; timeUnixNano: string }[] } | undefined;
    const ex = point?.exemplars[0];
    expect(ex).toMatchObject({ traceId: TRACE_ID, filteredAttributes: [{ key: 'batch_id', value: { stringValue: 'b-7' } }] });
    expect(ex?.timeUnixNano).toMatch(/^\d{19}$/);

    const hist = metrics.get('driftgauge.batch.processing')?.histogram?.dataPoints[0] as Json;
    expect(hist).toMatchObject({ count: '1', sum: 0.02 });
    expect((hist.exemplars as Json[])[0]).toMatchObject({ traceId: TRACE_ID, asDouble: 0.02 });

    const latency = metrics.get('driftgauge.model.prediction_latency')?.histogram?.dataPoints[0] as Json;
    expect(latency).toMatchObject({ count: '3', min: 0.01, max: 0.5 });
    expect((latency.exemplars as Json[]).map((e) => e.asDouble)).toEqual([0.01, 0.02, 0.5]);

    const dist = metrics.get('driftgauge.feature.drift_score_distribution')?.histogram?.dataPoints[0] as Json;
    expect((dist.exemplars as Json[])[0]).toMatchObject({ filteredAttributes: [{ key: 'feature', value: { stringValue: 'age' } }] });
  });

  it('pushes spans to the traces endpoint when OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is set', async () => {
    const { t } = fed({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${endpoint}/custom/traces` });
    await t.forceFlush();
    const spans = received.filter((r) => r.path === '/custom/traces');
    expect(spans.length).toBeGreaterThan(0);
    expect(spans.map((s) => s.body).join('')).toContain(TRACE_ID);
    expect(received.some((r) => r.path === '/v1/metrics')).toBe(false); // traces-only endpoint
  });

  it('sends nothing without an endpoint, or with OTEL_METRICS_EXPORTER=none / OTEL_TRACES_EXPORTER=none', async () => {
    const { t } = fed({});
    await t.forceFlush();
    await t.shutdown();
    const { t: t2 } = fed({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_METRICS_EXPORTER: 'none', OTEL_TRACES_EXPORTER: 'none' });
    await t2.forceFlush();
    expect(received).toEqual([]);
  });
});

describe('OTEL_* settings', () => {
  it('derives signal URLs, headers, timeouts and interval, signal-specific values first', () => {
    const s = readOtelSettings({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/',
      OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://metrics:9999/push',
      OTEL_EXPORTER_OTLP_HEADERS: 'a=1,b=2',
      OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'b=3',
      OTEL_EXPORTER_OTLP_TIMEOUT: '5000',
      OTEL_METRIC_EXPORT_INTERVAL: '15000',
    });
    expect(s.traces).toEqual({ url: 'http://collector:4318/v1/traces', headers: { a: '1', b: '3' }, timeoutMillis: 5000 });
    expect(s.metrics).toMatchObject({ url: 'http://metrics:9999/push', headers: { a: '1', b: '2' }, intervalMillis: 15000 });
    expect(s.warnings).toEqual([]);
  });

  it('warns and falls back on bad values instead of failing', () => {
    const s = readOtelSettings({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url',
      OTEL_TRACES_SAMPLER: 'sometimes',
      OTEL_TRACES_SAMPLER_ARG: '2',
      OTEL_RESOURCE_ATTRIBUTES: 'no-equals-sign',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
    });
    expect(s.traces).toBeUndefined();
    expect(s.sampler).toBe('parentbased_always_on');
    expect(s.resourceAttributes).toEqual({});
    expect(s.warnings.length).toBeGreaterThanOrEqual(4);
  });

  it('reads the sampler ratio and OTEL_SDK_DISABLED', () => {
    expect(readOtelSettings({ OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.25' })).toMatchObject({
      sampler: 'parentbased_traceidratio',
      samplerRatio: 0.25,
    });
    const off = readOtelSettings({ OTEL_SDK_DISABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://x:4318' });
    expect(off).toMatchObject({ disabled: true, sampler: 'always_off', traces: undefined, metrics: undefined });
  });

  it('encodes times as exact nanosecond strings', () => {
    expect(hrTimeToNanos([1_700_000_000, 123_456_789])).toBe('1700000000123456789');
    expect(millisToNanos(1_700_000_000_123.5)).toBe('1700000000123500000');
  });
});
