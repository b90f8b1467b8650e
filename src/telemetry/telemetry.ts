/**
 * createTelemetry: the tracer provider, the meter provider with every
 * driftgauge instrument, our exemplar layer, GET /metrics rendering and the
 * optional OTLP pushes, behind one object the service holds.
 *
 *   record path ─▶ DomainRecorder ─▶ MetricInstrument ─┬─▶ SDK instrument ─▶ MeterProvider ─┬─▶ PullMetricReader ─▶ renderMetrics (GET /metrics)
 *                                                      │   (or bulk histogram ─ producer ─▶)  └─▶ PeriodicExportingMetricReader ─▶ OTLP/JSON (if configured)
 *                                                      └─▶ exemplar reservoir per series ───────── joined by metric name + attributes ──┘
 */
import { type Context, context as contextApi, type Link, ROOT_CONTEXT, type Span, SpanKind, type SpanOptions, type TimeInput, type Tracer, trace } from '@opentelemetry/api';
import { MeterProvider, type MetricReader, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { createError } from '../errors.js';
import { BulkHistogramProducer } from './bulk-histogram-producer.js';
import { contentTypeOf, negotiateExposition } from './content-negotiation.js';
import { DomainRecorder } from './domain-recorder.js';
import { type ExemplarFilter, ExemplarSampler } from './exemplar-filter.js';
import { InstrumentSet } from './instrument-set.js';
import { createMonotonicClock, type ExemplarClock } from './monotonic-clock.js';
import { resourceFromSettings } from './otel-resource.js';
import { type Env, readOtelSettings } from './otel-settings.js';
import { OtlpJsonMetricExporter } from './otlp-metric-exporter.js';
import { PullMetricReader } from './pull-metric-reader.js';
import { type ExemplarLookup, renderExposition } from './render-exposition.js';
import { SPAN, SPAN_ATTR } from './span-names.js';
import {
  contextFromCarrier,
  extractContext,
  type HeaderMap,
  injectToCarrier,
  spanLinksFrom,
  type TraceCarrier,
} from './trace-context.js';
import { createTracing } from './tracing.js';
import type { BatchRecord, EvaluationRecord, PoolStatsRecord, TelemetryLogger } from './types.js';

/** Default series cap per instrument. */
export const DEFAULT_MAX_SERIES = 10_000;

/** Options of createTelemetry. */
export interface TelemetryOptions {
  /** OTEL_* variables (default: process.env). */
  env?: Env;
  /** service.name when OTEL_SERVICE_NAME is unset (default 'driftgauge'). */
  serviceName?: string;
  /** Series per instrument before new label sets are dropped (default 10,000). */
  maxSeries?: number;
  /** Receives telemetry's own warnings: bad OTEL_* values, the series cap, export failures. */
  logger?: TelemetryLogger;
  /** Register as the global tracer provider, context manager and propagator (default true). */
  registerGlobal?: boolean;
  /** Extra span processors (tests: an in-memory exporter). */
  spanProcessors?: SpanProcessor[];
  /** Exemplar clock (tests). */
  clock?: ExemplarClock;
  version?: string;
}

/** What GET /metrics answers. */
export interface MetricsPage {
  contentType: string;
  body: string;
}

/** What startEvaluationSpan needs. */
export interface EvaluationSpanOptions {
  model: string;
  window: string;
  /** Stored traceparents (or carriers) of the batches in the window, oldest first: they become span links. */
  batches?: Iterable<string | TraceCarrier | undefined>;
  /** Parent context: none for a scheduled run (a new root), the request's for an on-demand one. */
  parent?: Context;
  /** `schedule` or `manual` (a span attribute). */
  trigger?: string;
  /** When the evaluation began, if before the span (its window was read first, to know its links). */
  startTime?: TimeInput;
}

/** What the service holds: records, spans, context helpers, GET /metrics, lifecycle. */
export interface Telemetry {
  readonly tracer: Tracer;
  readonly exemplarFilter: ExemplarFilter;
  /** Spans are exported (an OTLP traces endpoint is configured): worker threads export theirs too. */
  readonly exportsTraces: boolean;
  recordBatch(batch: BatchRecord): void;
  recordEvaluation(evaluation: EvaluationRecord): void;
  recordRejected(reason: string, ctx?: Context): void;
  setPoolStats(stats: PoolStatsRecord): void;
  recordStoreOp(op: string, seconds: number, ctx?: Context): void;
  /** Context of an incoming request's traceparent; root when absent or malformed. */
  extractContext(headers: HeaderMap | undefined): Context;
  /** A server span for an incoming request, child of its traceparent (or a new root). */
  startServerSpan(name: string, headers: HeaderMap | undefined, attributes?: SpanOptions['attributes']): { span: Span; ctx: Context };
  /** A span under `parent` (default: active context). */
  startSpan(name: string, options?: SpanOptions, parent?: Context): { span: Span; ctx: Context };
  /** An evaluation span linked to the spans of the batches in its window. */
  startEvaluationSpan(opts: EvaluationSpanOptions): { span: Span; ctx: Context };
  /** Serialise a context for a worker task (a plain object). */
  injectToCarrier(ctx?: Context): TraceCarrier;
  /** Restore a context from a carrier (also exported standalone for workers). */
  contextFromCarrier(carrier: TraceCarrier | undefined): Context;
  /** Span links from stored traceparents. */
  spanLinksFrom(batches: Iterable<string | TraceCarrier | undefined>, max?: number): Link[];
  /**
   * The GET /metrics answer for this Accept header (async: it collects from the SDK).
   * @throws DRIFTGAUGE_ERR_SHUTTING_DOWN after shutdown()
   */
  renderMetrics(accept: string | undefined): Promise<MetricsPage>;
  /** Counts for tests and /debug: reservoirs made, series per instrument. */
  stats(): { reservoirs: number; series: Record<string, number> };
  /** Pushes pending spans and metrics (OTLP), if configured. */
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * Builds the service's telemetry from OTEL_* and options. Bad OTEL_* values
 * never stop the service (they are logged and defaulted).
 *
 * @throws DRIFTGAUGE_ERR_CONFIG when `maxSeries` is not a positive integer
 * @example
 * const telemetry = createTelemetry({ logger: app.log });
 * const { span, ctx } = telemetry.startServerSpan(SPAN.ingestRequest, request.headers);
 * telemetry.recordBatch({ model, status: 'accepted', rows, seconds, ctx });
 */
export function createTelemetry(opts: TelemetryOptions = {}): Telemetry {
  const settings = readOtelSettings(opts.env ?? process.env, opts.serviceName ?? 'driftgauge');
  for (const w of settings.warnings) opts.logger?.warn({ component: 'telemetry' }, w);
  const maxSeries = opts.maxSeries ?? DEFAULT_MAX_SERIES;
  if (!Number.isInteger(maxSeries) || maxSeries < 1) {
    throw createError('DRIFTGAUGE_ERR_CONFIG', 'options.maxSeries', 'must be a positive integer', maxSeries);
  }
  const resource = resourceFromSettings(settings);
  const tracing = createTracing({
    settings,
    resource,
    register: opts.registerGlobal ?? true,
    spanProcessors: opts.spanProcessors,
    version: opts.version,
  });

  // Readers come before the meter, instruments after it: the producer and the
  // exporter's exemplar lookup reach the instruments once they exist.
  const scope = { name: 'driftgauge', version: opts.version };
  let instrumentSet: InstrumentSet | null = null;
  const producers = [new BulkHistogramProducer(() => instrumentSet?.bulkInstruments() ?? [], scope)];
  const lookup: ExemplarLookup = { reservoirFor: (name, attrs) => instrumentSet?.reservoirFor(name, attrs) ?? null };
  const pull = new PullMetricReader({ cardinalityLimit: maxSeries + 2, metricProducers: producers });
  const readers: MetricReader[] = [pull];
  if (settings.metrics) {
    readers.push(
      new PeriodicExportingMetricReader({
        exporter: new OtlpJsonMetricExporter(settings.metrics, lookup, opts.logger),
        exportIntervalMillis: settings.metrics.intervalMillis,
        exportTimeoutMillis: Math.min(settings.metrics.timeoutMillis, settings.metrics.intervalMillis),
        metricProducers: producers,
      }),
    );
  }
  const meterProvider = new MeterProvider({
    resource,
    // One storage shared by both readers, with room for the whole series cap.
    views: [{ instrumentName: '*', aggregationCardinalityLimit: maxSeries + 2 }],
    readers,
  });
  const set = new InstrumentSet(meterProvider.getMeter(scope.name, scope.version), { maxSeries, logger: opts.logger });
  instrumentSet = set;

  const sampler = new ExemplarSampler(settings.exemplarFilter);
  const recorder = new DomainRecorder(set.instruments, sampler, opts.clock ?? createMonotonicClock());
  const tracer = tracing.tracer;

  let closed = false;
  const startSpan = (name: string, options: SpanOptions | undefined, parent: Context) => {
    const span = tracer.startSpan(name, options, parent);
    return { span, ctx: trace.setSpan(parent, span) };
  };

  return {
    tracer,
    exemplarFilter: settings.exemplarFilter,
    exportsTraces: settings.traces !== undefined,
    recordBatch: (b) => recorder.recordBatch(b),
    recordEvaluation: (e) => recorder.recordEvaluation(e),
    recordRejected: (reason, ctx) => recorder.recordRejected(reason, ctx),
    setPoolStats: (s) => recorder.setPoolStats(s),
    recordStoreOp: (op, seconds, ctx) => recorder.recordStoreOp(op, seconds, ctx),
    extractContext,
    startServerSpan: (name, headers, attributes) =>
      startSpan(name, { kind: SpanKind.SERVER, attributes }, extractContext(headers)),
    startSpan: (name, options, parent) => startSpan(name, options, parent ?? contextApi.active()),
    startEvaluationSpan: (o) => {
      const links = spanLinksFrom(o.batches ?? []);
      return startSpan(
        SPAN.evaluation,
        {
          kind: SpanKind.INTERNAL,
          links,
          startTime: o.startTime,
          attributes: {
            [SPAN_ATTR.model]: o.model,
            [SPAN_ATTR.window]: o.window,
            [SPAN_ATTR.linkedBatches]: links.length,
            ...(o.trigger === undefined ? {} : { [SPAN_ATTR.trigger]: o.trigger }),
          },
        },
        o.parent ?? ROOT_CONTEXT,
      );
    },
    injectToCarrier,
    contextFromCarrier: (carrier) => contextFromCarrier(carrier),
    spanLinksFrom,
    async renderMetrics(accept) {
      if (closed) throw createError('DRIFTGAUGE_ERR_SHUTTING_DOWN');
      const format = negotiateExposition(accept);
      const { resourceMetrics } = await pull.collect();
      return { contentType: contentTypeOf(format), body: renderExposition(resourceMetrics, format, format === 'openmetrics' ? set : null) };
    },
    stats() {
      const series: Record<string, number> = {};
      for (const inst of Object.values(set.instruments)) series[inst.prometheus.family] = inst.table.size;
      return { reservoirs: set.reservoirCount(), series };
    },
    async forceFlush() {
      await Promise.all([tracing.provider.forceFlush(), meterProvider.forceFlush()]);
    },
    async shutdown() {
      if (closed) return;
      closed = true;
      await Promise.allSettled([tracing.shutdown(), meterProvider.shutdown()]);
    },
  };
}
