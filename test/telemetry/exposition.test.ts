import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AggregationTemporality, DataPointType, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { afterEach, describe, expect, it } from 'vitest';
import { exemplarLabelSet, renderExemplar } from '../../src/telemetry/exemplar-labels.js';
import {
  codePointLength,
  escapeHelp,
  escapeLabelValue,
  formatCanonicalFloat,
  formatGoFloat,
} from '../../src/telemetry/exposition-text.js';
import { binLatencies } from '../../src/telemetry/latency-bins.js';
import { createMonotonicClock } from '../../src/telemetry/monotonic-clock.js';
import { renderExposition } from '../../src/telemetry/render-exposition.js';
import { SimpleFixedSizeReservoir } from '../../src/telemetry/simple-fixed-size-reservoir.js';
import { createTelemetry, type Telemetry } from '../../src/telemetry/telemetry.js';
import { reportOf, SAMPLED_TRACEPARENT, TRACE_ID } from './helpers.js';
import { type ParsedFamily, parseOpenMetrics, parsePrometheusText } from './openmetrics-parser.js';

const OM_ACCEPT = 'application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';

let telemetry: Telemetry | undefined;
afterEach(async () => {
  await telemetry?.shutdown();
  telemetry = undefined;
});

/** A telemetry instance fed a little of everything under a sampled trace. */
function fed(opts: { model?: string; feature?: string; batchId?: string; clockSource?: () => number } = {}) {
  const t = createTelemetry({
    env: {},
    clock: opts.clockSource ? createMonotonicClock(opts.clockSource) : undefined,
  });
  telemetry = t;
  const model = opts.model ?? 'fraud';
  const { span, ctx } = t.startServerSpan('POST /v1/models/{model}/batches', { traceparent: SAMPLED_TRACEPARENT });
  t.recordBatch({
    model,
    status: 'accepted',
    rows: 1000,
    seconds: 0.042,
    latencies: new Float64Array([0.0003, 0.004, 0.004, 0.2, 12]),
    batchId: opts.batchId ?? 'b-1',
    ctx,
  });
  t.recordBatch({ model, status: 'rejected', rows: 0, seconds: 0.001, ctx });
  t.recordEvaluation({
    model,
    window: '1h',
    status: 'ok',
    ctx,
    report: reportOf([
      { name: opts.feature ?? 'age', method: 'wasserstein_normed', score: 0.34, detected: true },
      { name: 'country', method: 'jensen_shannon', score: 0.02, detected: false },
    ]),
  });
  t.recordRejected('DRIFTGAUGE_ERR_BODY_TOO_LARGE', ctx);
  t.setPoolStats({ utilization: 0.5, queued: 3 });
  t.recordStoreOp('foldBatch', 0.0021, ctx);
  span.end();
  return { t, spanId: span.spanContext().spanId };
}

function family(families: Map<string, ParsedFamily>, name: string): ParsedFamily {
  const f = families.get(name);
  if (!f) throw new Error(`family ${name} missing; have ${[...families.keys()].join(', ')}`);
  return f;
}

describe('OpenMetrics exposition', () => {
  it('parses under the strict OpenMetrics 1.0 grammar, ending with # EOF', async () => {
    const { t } = fed();
    const page = await t.renderMetrics(OM_ACCEPT);
    expect(page.contentType).toBe('application/openmetrics-text; version=1.0.0; charset=utf-8');
    expect(page.body.endsWith('# EOF\n')).toBe(true);
    const families = parseOpenMetrics(page.body);
    expect(family(families, 'driftgauge_batches').type).toBe('counter');
    expect(family(families, 'driftgauge_feature_drift_score').type).toBe('gauge');
    expect(family(families, 'driftgauge_batch_processing_seconds').type).toBe('histogram');
    expect(family(families, 'driftgauge_batch_processing_seconds').unit).toBe('seconds');
    expect(family(families, 'driftgauge_pool_queue_length').samples[0].value).toBe(3);
    expect(family(families, 'target').type).toBe('info');
  });

  it('puts exemplars on counter _total and histogram _bucket lines only, with the trace that recorded them', async () => {
    const { t, spanId } = fed();
    const families = parseOpenMetrics((await t.renderMetrics(OM_ACCEPT)).body);
    const withExemplar = [...families.values()].flatMap((f) => f.samples.filter((s) => s.exemplar).map((s) => ({ f, s })));
    expect(withExemplar.length).toBeGreaterThan(0);
    for (const { f, s } of withExemplar) {
      expect(
        (f.type === 'counter' && s.name.endsWith('_total')) || (f.type === 'histogram' && s.name.endsWith('_bucket')),
      ).toBe(true);
      expect(s.exemplar?.labels.trace_id).toBe(TRACE_ID);
      expect(s.exemplar?.labels.span_id).toBe(spanId);
    }
    // Gauges recorded under the same sampled span keep exemplars for OTLP, never on these lines.
    for (const f of families.values()) if (f.type === 'gauge') expect(f.samples.every((s) => !s.exemplar)).toBe(true);
    const batches = family(families, 'driftgauge_batches').samples.find((s) => s.labels.status === 'accepted');
    expect(batches?.exemplar?.labels.batch_id).toBe('b-1');
    const dist = family(families, 'driftgauge_feature_drift_score_distribution').samples.filter((s) => s.exemplar);
    expect(dist.map((s) => s.exemplar?.labels.feature).sort()).toEqual(['age', 'country']);
    const latency = family(families, 'driftgauge_model_prediction_latency_seconds').samples.filter((s) => s.exemplar);
    // one per bucket touched: 0.0003, 0.004 (twice: one exemplar), 0.2, 12 (+Inf)
    expect(latency.map((s) => [s.labels.le, s.exemplar?.value])).toEqual([
      ['0.0005', 0.0003],
      ['0.005', 0.004],
      ['0.25', 0.2],
      ['+Inf', 12],
    ]);
  });

  it('renders a latency column binned in a worker (latencyBins) exactly like the column itself', async () => {
    const column = new Float64Array([0.0003, 0.004, 0.004, 0.2, 12, Number.NaN]);
    const bodies: string[] = [];
    for (const pass of ['column', 'bins'] as const) {
      let now = 1_800_000_000_000;
      const t = createTelemetry({ env: {}, clock: createMonotonicClock(() => now++) });
      const { span, ctx } = t.startServerSpan('req', { traceparent: SAMPLED_TRACEPARENT });
      t.recordBatch({
        model: 'm',
        status: 'accepted',
        rows: 6,
        seconds: 0.01,
        ctx,
        ...(pass === 'column' ? { latencies: column } : { latencyBins: structuredClone(binLatencies(column)) }),
      });
      span.end();
      const fams = parseOpenMetrics((await t.renderMetrics(OM_ACCEPT)).body);
      const lines = fams.get('driftgauge_model_prediction_latency_seconds')?.samples.map((x) => [x.name, x.labels, x.value, x.exemplar?.value]);
      bodies.push(JSON.stringify(lines));
      await t.shutdown();
    }
    expect(bodies[1]).toBe(bodies[0]);
    expect(bodies[0]).toContain('"+Inf"},5,12]');
  });

  it('escapes label values and round-trips them, counting code points not bytes', async () => {
    const model = 'we"ird\\model\nname';
    const feature = 'größe 🚀';
    const { t } = fed({ model, feature });
    const families = parseOpenMetrics((await t.renderMetrics(OM_ACCEPT)).body);
    const score = family(families, 'driftgauge_feature_drift_score').samples.find((s) => s.labels.feature === feature);
    expect(score?.labels.model).toBe(model);
    expect(codePointLength(feature)).toBe(7);
    expect(escapeLabelValue(model)).toBe('we\\"ird\\\\model\\nname');
  });

  it('keeps the exemplar label set within 128 code points: ids stay, an over-long batch id is left out', async () => {
    const fits = 'x'.repeat(65 - 'batch_id'.length); // 63 for the ids + 8 + 57 = 128
    const { t } = fed({ batchId: fits });
    let families = parseOpenMetrics((await t.renderMetrics(OM_ACCEPT)).body);
    let ex = family(families, 'driftgauge_batches').samples.find((s) => s.exemplar)?.exemplar;
    expect(ex?.labels.batch_id).toBe(fits);
    await t.shutdown();

    const { t: t2 } = fed({ batchId: `${fits}y` });
    families = parseOpenMetrics((await t2.renderMetrics(OM_ACCEPT)).body);
    ex = family(families, 'driftgauge_batches').samples.find((s) => s.exemplar)?.exemplar;
    expect(ex?.labels.trace_id).toBe(TRACE_ID);
    expect(ex?.labels.batch_id).toBeUndefined();
  });

  it('drops an exemplar whose required labels alone exceed the limit', () => {
    const e = { value: 1, timeMs: 1_700_000_000_000, traceId: 'f'.repeat(120), spanId: 'a'.repeat(16), filtered: null };
    expect(exemplarLabelSet(e)).toBeNull();
    expect(renderExemplar(e)).toBe('');
    expect(exemplarLabelSet({ ...e, traceId: 'f'.repeat(32) })).toBe(`{trace_id="${'f'.repeat(32)}",span_id="${'a'.repeat(16)}"}`);
  });

  it('never moves an exemplar timestamp backwards on a line, even when the wall clock steps back', async () => {
    let now = 1_800_000_000_000;
    const { t } = fed({ clockSource: () => now });
    const first = parseOpenMetrics((await t.renderMetrics(OM_ACCEPT)).body);
    now -= 3_600_000; // NTP step: one hour back
    const ctx = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceFlags: 1,
    });
    t.recordBatch({ model: 'fraud', status: 'accepted', rows: 5, seconds: 0.042, latencies: new Float64Array([0.004]), ctx });
    const second = parseOpenMetrics((await t.renderMetrics(OM_ACCEPT)).body);
    let compared = 0;
    for (const [name, fam] of first) {
      for (const s of fam.samples) {
        if (!s.exemplar) continue;
        const key = JSON.stringify([s.name, s.labels]);
        const later = second.get(name)?.samples.find((x) => JSON.stringify([x.name, x.labels]) === key);
        expect(later?.exemplar).toBeDefined();
        expect(later?.exemplar?.timestamp ?? 0).toBeGreaterThanOrEqual(s.exemplar.timestamp ?? 0);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(5);
    // The re-recorded bucket did get the new trace.
    const bucket = second.get('driftgauge_batch_processing_seconds')?.samples.find((s) => s.labels.le === '0.05');
    expect(bucket?.exemplar?.labels.trace_id).toBe('0af7651916cd43dd8448eb211c80319c');
  });
});

describe('after shutdown', () => {
  it('refuses to render with DRIFTGAUGE_ERR_SHUTTING_DOWN (503), and shutdown is idempotent', async () => {
    const { t } = fed();
    await t.shutdown();
    await t.shutdown();
    await expect(t.renderMetrics(OM_ACCEPT)).rejects.toMatchObject({ code: 'DRIFTGAUGE_ERR_SHUTTING_DOWN', statusCode: 503 });
  });
});

describe('Prometheus text 0.0.4 exposition', () => {
  it('has no exemplars and no EOF, and names counters with _total', async () => {
    const { t } = fed();
    for (const accept of [undefined, 'text/plain', '*/*', 'application/json']) {
      const page = await t.renderMetrics(accept);
      expect(page.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(page.body).not.toContain('# EOF');
      expect(page.body).not.toMatch(/ # \{/);
      const families = parsePrometheusText(page.body);
      expect(families.get('driftgauge_batches_total')?.type).toBe('counter');
      expect(families.get('driftgauge_batch_processing_seconds')?.type).toBe('histogram');
      expect(families.get('driftgauge_batch_processing_seconds')?.samples.some((s) => s.labels.le === '1')).toBe(true);
    }
  });
});

describe('renderExposition on hand-built data', () => {
  const resource = resourceFromAttributes({ 'service.name': 'svc' });
  const point = (value: number, attributes = { a: 'x' }) => ({ attributes, startTime: [0, 0] as [number, number], endTime: [1, 0] as [number, number], value });
  const rm: ResourceMetrics = {
    resource,
    scopeMetrics: [
      {
        scope: { name: 's' },
        metrics: [
          {
            descriptor: { name: 'app.queue.depth', description: 'Queue "depth"\nnow', unit: '{item}', valueType: 1 },
            aggregationTemporality: AggregationTemporality.CUMULATIVE,
            dataPointType: DataPointType.SUM,
            isMonotonic: false,
            dataPoints: [point(Number.NaN)],
          },
          {
            descriptor: { name: 'app.jobs', description: 'Jobs', unit: '', valueType: 1 },
            aggregationTemporality: AggregationTemporality.CUMULATIVE,
            dataPointType: DataPointType.SUM,
            isMonotonic: true,
            dataPoints: [point(3)],
          },
        ],
      },
    ],
  };

  it('renders a non-monotonic sum as a gauge and never gives a gauge line an exemplar, even if a reservoir exists', () => {
    const reservoir = new SimpleFixedSizeReservoir(1);
    reservoir.offer(2, 1_700_000_000_000, { traceId: TRACE_ID, spanId: 'b7ad6b7169203331' }, null);
    const lookup = { reservoirFor: () => reservoir };
    const body = renderExposition(rm, 'openmetrics', lookup);
    const families = parseOpenMetrics(body);
    expect(families.get('app_queue_depth')?.type).toBe('gauge');
    expect(Number.isNaN(families.get('app_queue_depth')?.samples[0].value)).toBe(true);
    expect(families.get('app_queue_depth')?.help).toBe('Queue "depth"\nnow');
    expect(families.get('app_jobs')?.samples[0].exemplar?.labels.trace_id).toBe(TRACE_ID);
    expect(body).toContain('# HELP app_queue_depth Queue \\"depth\\"\\nnow');
    expect(body).toContain('target_info{service_name="svc"} 1');
  });

  it('escapes HELP per format: OpenMetrics escapes the quote, text 0.0.4 does not', () => {
    expect(escapeHelp('a "b" \\ c\nd', true)).toBe('a \\"b\\" \\\\ c\\nd');
    expect(escapeHelp('a "b" \\ c\nd', false)).toBe('a "b" \\\\ c\\nd');
    const text = renderExposition(rm, 'text', null);
    expect(text).toContain('# HELP app_queue_depth Queue "depth"\\nnow');
    expect(text).toContain('# TYPE app_jobs_total counter');
    parsePrometheusText(text);
  });
});

describe('number rendering', () => {
  it('follows Go %g, and the OpenMetrics canonical form for le (spec examples)', () => {
    const cases: [number, string, string][] = [
      [0, '0', '0.0'],
      [0.001, '0.001', '0.001'],
      [0.95, '0.95', '0.95'],
      [1, '1', '1.0'],
      [1.7, '1.7', '1.7'],
      [10, '10', '10.0'],
      [1e-10, '1e-10', '1e-10'],
      [1e-5, '1e-05', '1e-05'],
      [0.0001, '0.0001', '0.0001'],
      [100000, '100000', '100000.0'],
      [1e6, '1e+06', '1e+06'],
      [1.1e23, '1.1e+23', '1.1e+23'],
      [Number.POSITIVE_INFINITY, '+Inf', '+Inf'],
      [Number.NEGATIVE_INFINITY, '-Inf', '-Inf'],
    ];
    for (const [v, go, canonical] of cases) {
      expect(formatGoFloat(v)).toBe(go);
      expect(formatCanonicalFloat(v)).toBe(canonical);
    }
    expect(formatGoFloat(Number.NaN)).toBe('NaN');
  });
});

describe('the test parser itself rejects what it must', () => {
  const ok = '# TYPE a counter\na_total 1 # {trace_id="x"} 1 1.5\n# TYPE g gauge\ng 1\n# EOF\n';
  it('accepts a valid exposition', () => {
    expect(parseOpenMetrics(ok).get('a')?.samples[0].exemplar?.labels.trace_id).toBe('x');
  });
  it.each([
    ['a gauge exemplar', '# TYPE g gauge\ng 1 # {trace_id="x"} 1\n# EOF\n'],
    ['a missing # EOF', '# TYPE g gauge\ng 1\n'],
    ['lines after # EOF', '# EOF\n# TYPE g gauge\n'],
    ['an exemplar over 128 code points', `# TYPE a counter\na_total 1 # {trace_id="${'x'.repeat(121)}"} 1\n# EOF\n`],
    ['an exemplar on _created', '# TYPE a counter\na_created 1 # {} 1\n# EOF\n'],
    ['a non-canonical le', '# TYPE h histogram\nh_bucket{le="1"} 0\nh_bucket{le="+Inf"} 0\nh_count 0\nh_sum 0\n# EOF\n'],
    ['non-cumulative buckets', '# TYPE h histogram\nh_bucket{le="1.0"} 2\nh_bucket{le="+Inf"} 1\nh_count 1\n# EOF\n'],
    ['an exemplar above its le', '# TYPE h histogram\nh_bucket{le="1.0"} 1 # {} 2\nh_bucket{le="+Inf"} 1\nh_count 1\n# EOF\n'],
    ['an undefined escape', '# TYPE g gauge\ng{a="\\t"} 1\n# EOF\n'],
    ['interleaved families', '# TYPE g gauge\ng 1\n# TYPE f gauge\nf 1\n# TYPE g gauge\n# EOF\n'],
    ['a unit that is not a suffix', '# TYPE g gauge\n# UNIT g seconds\ng 1\n# EOF\n'],
  ])('rejects %s', (_name, body) => {
    expect(() => parseOpenMetrics(body)).toThrow();
  });
});
