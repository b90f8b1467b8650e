/**
 * The main thread's spans of the service, in process (an in-memory
 * exporter on the runtime's tracer provider): batch spans, and evaluation
 * spans linked to the batches of the window they compared, including a
 * scheduled run at a window boundary that falls back to the window that
 * just closed. Worker spans are exported by the workers themselves
 * (test/e2e/otlp-traces.test.ts).
 */
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/service/runtime.js';
import { ARROW_STREAM, batchBytes, SYNTHETIC_SPEC, startRuntime } from './harness.js';

const H = 3_600_000;
const t0 = Date.UTC(2026, 10, 25, 10);
const iso = (ms: number) => new Date(ms).toISOString();
const TRACES = ['7e57000000000000000000000000000a', '7e57000000000000000000000000000b'];

let rt: Runtime;
const exporter = new InMemorySpanExporter();
const batchSpans: ReadableSpan[] = [];

const finished = () => exporter.getFinishedSpans();
const childrenOf = (parent: ReadableSpan) => finished().filter((s) => s.parentSpanContext?.spanId === parent.spanContext().spanId);

beforeAll(async () => {
  rt = await startRuntime({}, { spanProcessors: [new SimpleSpanProcessor(exporter)] });
  await rt.app.inject({ method: 'PUT', url: '/v1/models/tr', payload: SYNTHETIC_SPEC });
  await rt.app.inject({ method: 'PUT', url: '/v1/models/tr/reference', headers: { 'content-type': ARROW_STREAM }, payload: batchBytes(2000, 1) });
  const headers = [...TRACES.map((id) => ({ traceparent: `00-${id}-00f067aa0ba902b7-01` })), {}];
  for (const [i, h] of headers.entries()) {
    const r = await rt.app.inject({ method: 'POST', url: '/v1/models/tr/batches', headers: { 'content-type': ARROW_STREAM, ...h }, payload: batchBytes(300, 2 + i, 0.5, t0) });
    expect(r.statusCode).toBe(202);
  }
  // Server spans end in onResponse, just after the response.
  await new Promise((r) => setTimeout(r, 50));
  batchSpans.push(...finished().filter((s) => s.name === 'POST /v1/models/{model}/batches'));
});
afterAll(async () => {
  await rt.close();
});

describe('service spans', () => {
  it('spans each batch: server span from the traceparent, store.append beneath it', () => {
    expect(batchSpans).toHaveLength(3);
    expect(batchSpans.slice(0, 2).map((s) => s.spanContext().traceId)).toEqual(TRACES);
    // The untraced batch is a new root, traced all the same.
    expect(batchSpans[2].parentSpanContext).toBeUndefined();
    for (const s of batchSpans) {
      expect(s.kind).toBe(SpanKind.SERVER);
      expect(s.attributes['http.route']).toBe('/v1/models/{model}/batches');
      expect(childrenOf(s).map((c) => c.name)).toEqual(['store.append']);
    }
  });

  it('links a scheduled evaluation at a window boundary to the batches of the window it falls back to', async () => {
    exporter.reset();
    // Fired right as the next window starts: that one is empty, the one that just closed is compared.
    const r = await rt.service.compareScheduled('tr', H, t0 + H + 200);
    expect(r.windowStart).toBe(t0);
    const evaluation = finished().find((s) => s.name === 'evaluation');
    expect(evaluation?.parentSpanContext).toBeUndefined();
    expect(evaluation?.attributes).toMatchObject({
      'driftgauge.model': 'tr',
      'driftgauge.window': `${iso(t0)} .. ${iso(t0 + H)}`,
      'driftgauge.trigger': 'schedule',
      'driftgauge.linked_batches': 3,
    });
    // Oldest first on the span, one per batch, each the batch's server span.
    expect(evaluation?.links.map((l) => l.context.spanId)).toEqual(batchSpans.map((s) => s.spanContext().spanId));
    expect(evaluation?.links.map((l) => l.context.traceId)).toEqual(batchSpans.map((s) => s.spanContext().traceId));
    expect(childrenOf(evaluation!).map((c) => c.name)).toEqual(['compare', 'publish']);
    const reports = (await rt.app.inject({ url: '/v1/models/tr/reports' })).json().reports;
    expect(reports[0]).toMatchObject({ trigger: 'schedule' });
    // Falling back is not a failed evaluation.
    const metrics = (await rt.app.inject({ url: '/metrics' })).body;
    expect(metrics).toMatch(/driftgauge_evaluations_total\{model="tr",status="ok"\} 1/);
    expect(metrics).not.toMatch(/driftgauge_evaluations_total\{model="tr",status="error"\}/);
  });

  it('records a scheduled run without data as a failed evaluation span without links', async () => {
    exporter.reset();
    await expect(rt.service.compareScheduled('tr', H, t0 + 5 * H)).rejects.toMatchObject({ code: 'DRIFTGAUGE_ERR_NO_WINDOW_DATA' });
    const evaluation = finished().find((s) => s.name === 'evaluation');
    expect(evaluation?.status.code).toBe(SpanStatusCode.ERROR);
    expect(evaluation?.links).toEqual([]);
    expect(evaluation?.attributes['driftgauge.window']).toBe(`${iso(t0 + 4 * H)} .. ${iso(t0 + 5 * H)}`);
  });

  it('makes an on-demand comparison an evaluation under the request, linked to the same batches', async () => {
    exporter.reset();
    const traceparent = `00-${'c'.repeat(32)}-${'d'.repeat(16)}-01`;
    const r = await rt.app.inject({
      method: 'POST',
      url: '/v1/models/tr/comparisons',
      headers: { traceparent },
      payload: { window: { start: iso(t0), end: iso(t0 + H) } },
    });
    expect(r.statusCode).toBe(200);
    const request = finished().find((s) => s.name === 'POST /v1/models/{model}/comparisons');
    expect(request?.parentSpanContext?.spanId).toBe('d'.repeat(16));
    const evaluation = childrenOf(request!).find((s) => s.name === 'evaluation');
    expect(evaluation?.attributes['driftgauge.trigger']).toBe('manual');
    expect(evaluation?.links.map((l) => l.context.spanId)).toEqual(batchSpans.map((s) => s.spanContext().spanId));
    expect(childrenOf(evaluation!).map((c) => c.name)).toEqual(['compare', 'publish']);
  });
});
