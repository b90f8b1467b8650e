/**
 * W3C trace context in and out: from request headers, into a plain object
 * that crosses into a piscina worker (structured clone keeps it intact),
 * and back into a Context there; span links from stored batch contexts.
 *
 *   request headers ──extractContext──▶ Context ──startSpan──▶ span
 *                                                      │ injectToCarrier
 *                                                      ▼
 *   piscina task { …, trace: { traceparent, tracestate? } } ──postMessage──▶ worker
 *                                                      │ contextFromCarrier
 *                                                      ▼
 *                                           Context (remote parent) in the worker
 *
 * Pure functions over the W3C propagator: no tracer provider needed, so
 * they work in a worker thread too. A malformed traceparent is ignored
 * (the result is the root context, so the next span is a new root): never
 * an error.
 */
import {
  type Context,
  context as contextApi,
  defaultTextMapGetter,
  defaultTextMapSetter,
  type Link,
  ROOT_CONTEXT,
  trace,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

const propagator = new W3CTraceContextPropagator();

/** A trace context as plain strings: safe to postMessage, store or log. */
export interface TraceCarrier {
  traceparent?: string;
  tracestate?: string;
}

/** Incoming HTTP headers (Node's IncomingHttpHeaders or any string map). */
export type HeaderMap = Record<string, string | string[] | undefined>;

/** The context of an incoming request's `traceparent`/`tracestate`; ROOT_CONTEXT when absent or malformed. */
export function extractContext(headers: HeaderMap | undefined): Context {
  if (!headers) return ROOT_CONTEXT;
  try {
    return propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
  } catch {
    return ROOT_CONTEXT;
  }
}

/** The span context of `ctx` (default: active) as a carrier; `{}` when there is no valid span. */
export function injectToCarrier(ctx: Context = contextApi.active()): TraceCarrier {
  const carrier: Record<string, string> = {};
  propagator.inject(ctx, carrier, defaultTextMapSetter);
  const out: TraceCarrier = {};
  if (carrier.traceparent) out.traceparent = carrier.traceparent;
  if (carrier.tracestate) out.tracestate = carrier.tracestate;
  return out;
}

/** Restores a carrier (in a worker, or from the store) as a context with a remote parent span. */
export function contextFromCarrier(carrier: TraceCarrier | undefined | null, base: Context = ROOT_CONTEXT): Context {
  if (!carrier || typeof carrier !== 'object') return base;
  const headers: HeaderMap = {};
  if (typeof carrier.traceparent === 'string') headers.traceparent = carrier.traceparent;
  if (typeof carrier.tracestate === 'string') headers.tracestate = carrier.tracestate;
  try {
    return propagator.extract(base, headers, defaultTextMapGetter);
  } catch {
    return base;
  }
}

/** The `traceparent` of `ctx` (default: active), e.g. to store beside a batch for later span links. */
export function traceparentOf(ctx: Context = contextApi.active()): string | undefined {
  return injectToCarrier(ctx).traceparent;
}

/** The default OTel span link limit (SpanLimits.linkCountLimit). */
export const MAX_SPAN_LINKS = 128;

/**
 * Span links to the batches of a window: one per valid traceparent (strings
 * or carriers), the most recent `max` kept when the caller passes them oldest first.
 */
export function spanLinksFrom(batches: Iterable<string | TraceCarrier | undefined>, max = MAX_SPAN_LINKS): Link[] {
  const links: Link[] = [];
  for (const b of batches) {
    if (b === undefined) continue;
    const carrier = typeof b === 'string' ? { traceparent: b } : b;
    const sc = trace.getSpanContext(contextFromCarrier(carrier));
    if (sc && trace.isSpanContextValid(sc)) links.push({ context: sc, attributes: { 'driftgauge.link': 'batch' } });
  }
  return links.length > max ? links.slice(links.length - max) : links;
}
