import { MessageChannel } from 'node:worker_threads';
import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { createTelemetry, type Telemetry } from '../../src/telemetry/telemetry.js';
import {
  contextFromCarrier,
  extractContext,
  injectToCarrier,
  MAX_SPAN_LINKS,
  spanLinksFrom,
  traceparentOf,
} from '../../src/telemetry/trace-context.js';
import { inWorkerSpan, markSpanFailed, runInCarrierContext } from '../../src/telemetry/worker-tracing.js';
import { PARENT_SPAN_ID, SAMPLED_TRACEPARENT, TRACE_ID } from './helpers.js';

let telemetry: Telemetry | undefined;
let spans: InMemorySpanExporter;
afterEach(async () => {
  await telemetry?.shutdown();
  telemetry = undefined;
});

function make(env: Record<string, string> = {}) {
  spans = new InMemorySpanExporter();
  telemetry = createTelemetry({ env, spanProcessors: [new SimpleSpanProcessor(spans)] });
  return telemetry;
}

const MALFORMED: [string, string | string[]][] = [
  ['garbage', 'not-a-traceparent'],
  ['empty', ''],
  ['all-zero trace id', `00-${'0'.repeat(32)}-${PARENT_SPAN_ID}-01`],
  ['all-zero span id', `00-${TRACE_ID}-${'0'.repeat(16)}-01`],
  ['version ff', `ff-${TRACE_ID}-${PARENT_SPAN_ID}-01`],
  ['uppercase hex', `00-${TRACE_ID.toUpperCase()}-${PARENT_SPAN_ID}-01`],
  ['short trace id', `00-${TRACE_ID.slice(1)}-${PARENT_SPAN_ID}-01`],
  ['version 00 with extra fields', `${SAMPLED_TRACEPARENT}-extra`],
  ['bad flags', `00-${TRACE_ID}-${PARENT_SPAN_ID}-zz`],
  ['1 MB of junk', 'x'.repeat(1 << 20)],
  ['an array of junk', ['junk', 'more junk']],
];

describe('incoming traceparent', () => {
  it('continues a valid trace: the server span is a child with the same trace id', () => {
    const t = make();
    const { span } = t.startServerSpan('req', { traceparent: SAMPLED_TRACEPARENT, tracestate: 'vendor=abc' });
    span.end();
    const [s] = spans.getFinishedSpans();
    expect(s.spanContext().traceId).toBe(TRACE_ID);
    expect(s.parentSpanContext?.spanId).toBe(PARENT_SPAN_ID);
    expect(s.parentSpanContext?.isRemote).toBe(true);
    expect(s.kind).toBe(SpanKind.SERVER);
    expect(s.spanContext().traceState?.get('vendor')).toBe('abc');
  });

  it.each(MALFORMED)('ignores a malformed traceparent (%s): no error, a new root span', (_name, traceparent) => {
    const t = make();
    expect(extractContext({ traceparent })).toBe(ROOT_CONTEXT);
    const { span } = t.startServerSpan('req', { traceparent, tracestate: 'vendor=abc' });
    span.end();
    const [s] = spans.getFinishedSpans();
    expect(s.parentSpanContext).toBeUndefined();
    expect(s.spanContext().traceId).not.toBe(TRACE_ID);
    expect(trace.isSpanContextValid(s.spanContext())).toBe(true);
  });

  it('accepts a future version with extra fields, as W3C asks', () => {
    const ctx = extractContext({ traceparent: `cc-${TRACE_ID}-${PARENT_SPAN_ID}-01-what-the-future-holds` });
    expect(trace.getSpanContext(ctx)?.traceId).toBe(TRACE_ID);
  });

  it('treats missing headers as no parent', () => {
    expect(extractContext(undefined)).toBe(ROOT_CONTEXT);
    expect(extractContext({})).toBe(ROOT_CONTEXT);
  });
});

describe('worker carrier', () => {
  it('serialises a context into a plain object of strings and restores it on the other side of a port', async () => {
    const t = make();
    const { span, ctx } = t.startServerSpan('req', { traceparent: SAMPLED_TRACEPARENT, tracestate: 'k=v' });
    const carrier = t.injectToCarrier(ctx);
    expect(Object.getPrototypeOf(carrier)).toBe(Object.prototype);
    expect(Object.values(carrier).every((v) => typeof v === 'string')).toBe(true);
    expect(carrier.traceparent).toBe(`00-${TRACE_ID}-${span.spanContext().spanId}-01`);

    const { port1, port2 } = new MessageChannel();
    const received = new Promise<unknown>((resolve) => port2.once('message', resolve));
    port1.postMessage({ task: 'profile', trace: carrier });
    const message = (await received) as { trace: typeof carrier };
    port1.close();
    port2.close();

    const restored = trace.getSpanContext(contextFromCarrier(message.trace));
    expect(restored).toMatchObject({ traceId: TRACE_ID, spanId: span.spanContext().spanId, traceFlags: 1, isRemote: true });
    expect(restored?.traceState?.get('k')).toBe('v');
    span.end();
  });

  it('gives an empty carrier for a context without a span, and restores garbage as the root', () => {
    expect(injectToCarrier(ROOT_CONTEXT)).toEqual({});
    expect(contextFromCarrier(undefined)).toBe(ROOT_CONTEXT);
    expect(contextFromCarrier({ traceparent: 'nope' })).toBe(ROOT_CONTEXT);
    expect(contextFromCarrier(42 as never)).toBe(ROOT_CONTEXT);
  });

  it('runs worker code in a child span of the carrier (and in its context)', async () => {
    const t = make();
    const { span, ctx } = t.startServerSpan('req', { traceparent: SAMPLED_TRACEPARENT });
    const carrier = t.injectToCarrier(ctx);
    const seen = runInCarrierContext(carrier, 'worker.profile', (inner) => ({
      explicit: trace.getSpanContext(inner)?.traceId,
      active: trace.getSpanContext(context.active())?.traceId,
    }));
    expect(seen).toEqual({ explicit: TRACE_ID, active: TRACE_ID });
    await expect(runInCarrierContext(carrier, 'worker.profile', async () => 7)).resolves.toBe(7);
    expect(() =>
      runInCarrierContext(carrier, 'worker.profile', () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    span.end();
  });
});

describe('worker steps', () => {
  it('spans a step as a child of the task span given explicitly, recording a throw', () => {
    const t = make();
    const { span, ctx } = t.startServerSpan('req', { traceparent: SAMPLED_TRACEPARENT });
    const carrier = t.injectToCarrier(ctx);
    const seen: string[] = [];
    runInCarrierContext(carrier, 'worker.profile', (task) => {
      expect(inWorkerSpan('arrow.decode', task, () => 3, { 'driftgauge.rows': 3 })).toBe(3);
      expect(() =>
        inWorkerSpan('window.sketch', task, () => {
          throw new Error('bad sketch');
        }),
      ).toThrow('bad sketch');
      markSpanFailed(task, 'DRIFTGAUGE_ERR_X');
      seen.push(trace.getSpanContext(task)?.traceId ?? '');
    });
    span.end();
    expect(seen).toEqual([TRACE_ID]);
    // Here the global provider is this test's, so the steps are recorded (in a worker without an endpoint they are no-ops).
    expect(spans.getFinishedSpans().map((s) => s.name)).toEqual(['arrow.decode', 'window.sketch', 'worker.profile', 'req']);
    const [decode, sketch, task] = spans.getFinishedSpans();
    expect(decode.parentSpanContext?.spanId).toBe(task.spanContext().spanId);
    expect(decode.attributes['driftgauge.rows']).toBe(3);
    expect(sketch.status.code).toBe(SpanStatusCode.ERROR);
    expect(task.status).toMatchObject({ code: SpanStatusCode.ERROR, message: 'DRIFTGAUGE_ERR_X' });
  });
});

describe('evaluation span links', () => {
  it('links a scheduled evaluation (a new root) to the batch spans of its window', () => {
    const t = make();
    const batchSpans = [1, 2, 3].map((i) => {
      const { span, ctx } = t.startServerSpan('POST batch', { traceparent: `00-${String(i).repeat(32)}-${PARENT_SPAN_ID}-01` });
      span.end();
      return traceparentOf(ctx);
    });
    const { span } = t.startEvaluationSpan({ model: 'm', window: '1h', batches: [...batchSpans, 'garbage', undefined] });
    span.end();
    const evaluation = spans.getFinishedSpans().find((s) => s.name === 'evaluation');
    expect(evaluation?.parentSpanContext).toBeUndefined();
    expect(evaluation?.links.map((l) => l.context.traceId)).toEqual(['1'.repeat(32), '2'.repeat(32), '3'.repeat(32)]);
    expect(evaluation?.attributes['driftgauge.linked_batches']).toBe(3);
    expect(evaluation?.attributes['driftgauge.model']).toBe('m');
  });

  it('starts an evaluation at the given time, under the given parent, with its trigger', () => {
    const t = make();
    const request = t.startServerSpan('POST comparisons', { traceparent: SAMPLED_TRACEPARENT });
    const startTime = Date.now() - 1500;
    const { span } = t.startEvaluationSpan({ model: 'm', window: 'w', trigger: 'manual', parent: request.ctx, startTime, batches: [SAMPLED_TRACEPARENT] });
    span.end();
    request.span.end();
    const evaluation = spans.getFinishedSpans().find((s) => s.name === 'evaluation');
    expect(evaluation?.parentSpanContext?.spanId).toBe(request.span.spanContext().spanId);
    expect(evaluation?.attributes['driftgauge.trigger']).toBe('manual');
    expect(evaluation?.startTime[0]).toBe(Math.floor(startTime / 1000));
    expect(evaluation?.links.map((l) => l.context.spanId)).toEqual([PARENT_SPAN_ID]);
  });

  it('keeps the most recent links within the span link limit', () => {
    const tps = Array.from({ length: 300 }, (_, i) => `00-${(i + 1).toString(16).padStart(32, '0')}-${PARENT_SPAN_ID}-01`);
    const links = spanLinksFrom(tps);
    expect(links).toHaveLength(MAX_SPAN_LINKS);
    expect(links[links.length - 1].context.traceId).toBe((300).toString(16).padStart(32, '0'));
  });
});

describe('trace settings from OTEL_*', () => {
  it('honours OTEL_TRACES_SAMPLER=always_off (spans, but none sampled, so no exemplars)', async () => {
    const t = make({ OTEL_TRACES_SAMPLER: 'always_off' });
    const { span, ctx } = t.startServerSpan('req', {});
    expect(span.isRecording()).toBe(false);
    t.recordBatch({ model: 'm', status: 'accepted', rows: 1, seconds: 0.1, ctx });
    expect(t.stats().reservoirs).toBe(0);
  });

  it('honours OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES on spans and in target_info', async () => {
    const t = make({ OTEL_SERVICE_NAME: 'drift-eu', OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=prod,team=ml%20ops' });
    t.startServerSpan('req', {}).span.end();
    const [s] = spans.getFinishedSpans();
    expect(s.resource.attributes['service.name']).toBe('drift-eu');
    expect(s.resource.attributes.team).toBe('ml ops');
    const body = (await t.renderMetrics('application/openmetrics-text')).body;
    expect(body).toMatch(/target_info\{[^}]*service_name="drift-eu"[^}]*\} 1/);
    expect(body).toMatch(/deployment_environment="prod"/);
  });
});
