/**
 * The tracer provider: Node (AsyncLocalStorage context), W3C trace-context
 * propagation, sampler and resource from OTEL_*, and an OTLP/HTTP (JSON)
 * span exporter only when an OTLP traces endpoint is configured. Without
 * one, spans are still created and sampled, so their ids reach exemplars
 * and logs; they are just not sent anywhere.
 *
 * Registration as the global provider (and AsyncLocalStorage context
 * manager, and W3C propagator) is optional, made by one Tracing at a time
 * in a process, and undone on shutdown.
 */
import { context, propagation, type Tracer, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import type { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-node';
import type { OtelSettings } from './otel-settings.js';
import { createSampler } from './sampler.js';

/** A tracer provider and its tracer. */
export interface Tracing {
  provider: NodeTracerProvider;
  tracer: Tracer;
  /** Flushes, shuts the provider down and undoes the global registration it made. */
  shutdown(): Promise<void>;
}

/** Options of createTracing. */
export interface TracingOptions {
  settings: OtelSettings;
  resource: Resource;
  /** Register as the global tracer provider / context manager / propagator. */
  register: boolean;
  /** Extra processors (tests use an in-memory exporter). */
  spanProcessors?: SpanProcessor[];
  version?: string;
}

/** The Tracing whose provider is registered globally, if any. */
let registered: object | null = null;

/** Builds the tracer provider (and registers it globally when asked, one at a time). */
export function createTracing(opts: TracingOptions): Tracing {
  const { settings } = opts;
  const processors: SpanProcessor[] = [...(opts.spanProcessors ?? [])];
  if (settings.traces) {
    processors.push(
      new BatchSpanProcessor(
        new OTLPTraceExporter({
          url: settings.traces.url,
          headers: settings.traces.headers,
          timeoutMillis: settings.traces.timeoutMillis,
        }),
      ),
    );
  }
  const provider = new NodeTracerProvider({
    resource: opts.resource,
    sampler: createSampler(settings.sampler, settings.samplerRatio),
    spanProcessors: processors,
  });
  const owner = {};
  if (opts.register && registered === null) {
    provider.register({ propagator: new W3CTraceContextPropagator() });
    registered = owner;
  }
  return {
    provider,
    tracer: provider.getTracer('driftgauge', opts.version),
    async shutdown() {
      await provider.shutdown();
      if (registered === owner) {
        trace.disable();
        context.disable();
        propagation.disable();
        registered = null;
      }
    },
  };
}
