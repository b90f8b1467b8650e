import { constants, type PerformanceEntry, PerformanceObserver } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExemplarSampler, parseExemplarFilter } from '../../src/telemetry/exemplar-filter.js';
import { SeriesTable } from '../../src/telemetry/series-table.js';
import { createTelemetry, type Telemetry } from '../../src/telemetry/telemetry.js';
import { extractContext } from '../../src/telemetry/trace-context.js';
import { reportOf, SAMPLED_TRACEPARENT, TRACE_ID, UNSAMPLED_TRACEPARENT } from './helpers.js';
import { parseOpenMetrics } from './openmetrics-parser.js';

const OM = 'application/openmetrics-text; version=1.0.0';

let telemetry: Telemetry | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await telemetry?.shutdown();
  telemetry = undefined;
});

function make(filter: string | undefined, clockReads?: { n: number }) {
  telemetry = createTelemetry({
    env: filter === undefined ? {} : { OTEL_METRICS_EXEMPLAR_FILTER: filter },
    clock: clockReads
      ? {
          now: () => {
            clockReads.n++;
            return 1_800_000_000_000;
          },
        }
      : undefined,
  });
  return telemetry;
}

async function exemplars(t: Telemetry) {
  const fams = parseOpenMetrics((await t.renderMetrics(OM)).body);
  return [...fams.values()].flatMap((f) => f.samples.flatMap((s) => (s.exemplar ? [s.exemplar] : [])));
}

function feed(t: Telemetry, ctx: Parameters<Telemetry['recordBatch']>[0]['ctx']) {
  t.recordBatch({ model: 'm', status: 'accepted', rows: 10, seconds: 0.01, latencies: new Float64Array([0.002]), batchId: 'b', ctx });
  t.recordEvaluation({ model: 'm', window: '1h', status: 'ok', ctx, report: reportOf([{ name: 'age', score: 0.2, detected: true }]) });
}

describe('OTEL_METRICS_EXEMPLAR_FILTER', () => {
  it('parses the three spec values case-insensitively, defaulting to trace_based', () => {
    expect(parseExemplarFilter(undefined).filter).toBe('trace_based');
    expect(parseExemplarFilter('').filter).toBe('trace_based');
    expect(parseExemplarFilter('ALWAYS_ON').filter).toBe('always_on');
    expect(parseExemplarFilter(' always_off ').filter).toBe('always_off');
    const junk = parseExemplarFilter('sometimes');
    expect(junk.filter).toBe('trace_based');
    expect(junk.warning).toMatch(/sometimes/);
  });

  it('logs an unknown value and carries on with trace_based', () => {
    const warn = vi.fn();
    telemetry = createTelemetry({ env: { OTEL_METRICS_EXEMPLAR_FILTER: 'sometimes' }, logger: { warn } });
    expect(telemetry.exemplarFilter).toBe('trace_based');
    expect(warn).toHaveBeenCalledWith(expect.anything(), expect.stringMatching(/OTEL_METRICS_EXEMPLAR_FILTER/));
  });
});

describe('trace_based (default)', () => {
  it('keeps exemplars of measurements made in a sampled span', async () => {
    const t = make(undefined);
    const { span, ctx } = t.startServerSpan('req', { traceparent: SAMPLED_TRACEPARENT });
    feed(t, ctx);
    span.end();
    const ex = await exemplars(t);
    expect(ex.length).toBeGreaterThan(3);
    expect(ex.every((e) => e.labels.trace_id === TRACE_ID)).toBe(true);
  });

  it('uses the active context when none is passed', async () => {
    const t = make(undefined);
    const { span, ctx } = t.startServerSpan('req', { traceparent: SAMPLED_TRACEPARENT });
    context.with(ctx, () => feed(t, undefined));
    span.end();
    expect((await exemplars(t)).length).toBeGreaterThan(3);
  });

  it('keeps none for an unsampled trace, outside any span, or with an invalid span context', async () => {
    const t = make(undefined);
    const unsampled = t.startServerSpan('req', { traceparent: UNSAMPLED_TRACEPARENT });
    expect(unsampled.span.spanContext().traceFlags & 1).toBe(0);
    feed(t, unsampled.ctx);
    feed(t, ROOT_CONTEXT);
    feed(t, undefined);
    feed(t, trace.setSpanContext(ROOT_CONTEXT, { traceId: '0'.repeat(32), spanId: '0'.repeat(16), traceFlags: 1 }));
    expect(await exemplars(t)).toEqual([]);
    expect(t.stats().reservoirs).toBe(0);
  });

  it('accepts a sampled remote parent with no local span (the caller\'s span id is used)', () => {
    const sampler = new ExemplarSampler('trace_based');
    expect(sampler.admit(extractContext({ traceparent: SAMPLED_TRACEPARENT }))?.traceId).toBe(TRACE_ID);
    expect(sampler.admit(extractContext({ traceparent: UNSAMPLED_TRACEPARENT }))).toBeNull();
  });
});

describe('always_on', () => {
  it('keeps exemplars without a span (no trace labels) and with an unsampled one', async () => {
    const t = make('always_on');
    feed(t, ROOT_CONTEXT);
    let ex = await exemplars(t);
    expect(ex.length).toBeGreaterThan(0);
    expect(ex.every((e) => e.labels.trace_id === undefined)).toBe(true);
    const unsampled = t.startServerSpan('req', { traceparent: UNSAMPLED_TRACEPARENT });
    feed(t, unsampled.ctx);
    ex = await exemplars(t);
    expect(ex.some((e) => e.labels.trace_id === TRACE_ID)).toBe(true);
  });
});

describe('always_off', () => {
  it('records no exemplar and builds no reservoir, reading neither the context nor the clock', async () => {
    const clock = { n: 0 };
    const t = make('always_off', clock);
    const { span, ctx } = t.startServerSpan('req', { traceparent: SAMPLED_TRACEPARENT });
    const getSpanContext = vi.spyOn(trace, 'getSpanContext');
    const active = vi.spyOn(context, 'active');
    for (let i = 0; i < 1000; i++) feed(t, i % 2 ? ctx : undefined);
    expect(getSpanContext).not.toHaveBeenCalled();
    expect(active).not.toHaveBeenCalled();
    expect(clock.n).toBe(0);
    span.end();
    expect(t.stats().reservoirs).toBe(0);
    expect(await exemplars(t)).toEqual([]);
    // the metrics themselves are all there
    const body = (await t.renderMetrics(OM)).body;
    expect(body).toMatch(/driftgauge_batches_total\{model="m",status="accepted"\} 1000\n/);
  });

  it('allocates nothing on the exemplar path: a million always_off decisions trigger no scavenge', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const minorGcs = async (fn: () => void) => {
      let count = 0;
      const obs = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if ((e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) count++;
      });
      obs.observe({ entryTypes: ['gc'] });
      gc();
      await new Promise((r) => setTimeout(r, 20));
      count = 0;
      fn();
      await new Promise((r) => setTimeout(r, 50));
      obs.disconnect();
      return count;
    };
    const ctx = extractContext({ traceparent: SAMPLED_TRACEPARENT });
    const off = new ExemplarSampler('always_off');
    const table = new SeriesTable(['model', 'status'], 10, () => {});
    const series = table.series('m', 'accepted');
    let sink = 0;
    const n = 1_000_000;
    // always_off: the whole per-measurement exemplar decision
    const offGcs = await minorGcs(() => {
      for (let i = 0; i < n; i++) {
        const s = off.enabled ? off.admit(ctx) : null;
        if (s !== null) sink++;
        if (table.series('m', 'accepted') === series) sink++;
      }
    });
    // control: the detector does see allocation
    let keep: { i: number }[] = [];
    const controlGcs = await minorGcs(() => {
      for (let i = 0; i < n; i++) {
        keep.push({ i });
        if (keep.length > 1000) keep = [];
      }
    });
    expect(sink).toBe(n);
    expect(offGcs).toBe(0);
    expect(controlGcs).toBeGreaterThan(0);
  });
});
