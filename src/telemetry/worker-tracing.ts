/**
 * The worker side of trace propagation (piscina entry points call these).
 *
 *   main thread: task.trace = telemetry.injectToCarrier(ctx)   ──postMessage──▶
 *   worker:      initWorkerTracing(process.env)   once, at module load
 *                runInCarrierContext(task.trace, SPAN.workerProfile, (ctx) => profile(task, ctx))
 *                  inWorkerSpan(SPAN.arrowDecode, ctx, () => readTable(...))   a step of the task, its child
 *
 * With an OTLP traces endpoint configured, each worker thread has its own
 * tracer provider and exports its spans (children of the request's span);
 * without one, spans are no-ops that still carry the request's trace id, so
 * the work is correlated at no cost.
 */
import { type Attributes, type Context, context as contextApi, SpanStatusCode, trace } from '@opentelemetry/api';
import { resourceFromSettings } from './otel-resource.js';
import { type Env, readOtelSettings } from './otel-settings.js';
import { recordSpanError } from './span-error.js';
import { contextFromCarrier, type TraceCarrier } from './trace-context.js';
import { createTracing, type Tracing } from './tracing.js';

let workerTracing: Tracing | null = null;

/** Sets up span export in this worker thread when OTEL_* asks for it; idempotent. Returns a flush-and-stop function. */
export function initWorkerTracing(env: Env = process.env, serviceName = 'driftgauge'): () => Promise<void> {
  if (workerTracing === null) {
    const settings = readOtelSettings(env, serviceName);
    if (settings.traces) {
      workerTracing = createTracing({ settings, resource: resourceFromSettings(settings), register: true });
    }
  }
  return async () => {
    const t = workerTracing;
    workerTracing = null;
    await t?.shutdown();
  };
}

/**
 * Runs `fn` in a span named `name` whose parent is the carrier's context
 * (a new root when the carrier is empty or malformed). Errors are recorded
 * on the span and rethrown; the span ends when `fn` (or its promise) settles.
 */
export function runInCarrierContext<T>(carrier: TraceCarrier | undefined, name: string, fn: (ctx: Context) => T): T {
  const parent = contextFromCarrier(carrier);
  const tracer = workerTracing?.tracer ?? trace.getTracer('driftgauge');
  const span = tracer.startSpan(name, undefined, parent);
  const ctx = trace.setSpan(parent, span);
  const fail = (err: unknown) => {
    recordSpanError(span, err);
    span.end();
  };
  let result: T;
  try {
    result = contextApi.with(ctx, fn, undefined, ctx);
  } catch (err) {
    fail(err);
    throw err;
  }
  if (result instanceof Promise) {
    return result.then(
      (v) => {
        span.end();
        return v;
      },
      (err) => {
        fail(err);
        throw err;
      },
    ) as T;
  }
  span.end();
  return result;
}

/**
 * Runs the synchronous step `fn` in a span named `name`, child of `parent`
 * (the task's span from runInCarrierContext: passed explicitly, so it works
 * without a context manager in the thread). A throw is recorded and rethrown.
 */
export function inWorkerSpan<T>(name: string, parent: Context, fn: () => T, attributes?: Attributes): T {
  const tracer = workerTracing?.tracer ?? trace.getTracer('driftgauge');
  const span = tracer.startSpan(name, attributes === undefined ? undefined : { attributes }, parent);
  try {
    return fn();
  } catch (err) {
    recordSpanError(span, err);
    throw err;
  } finally {
    span.end();
  }
}

/** Marks the span of `ctx` failed with `code` (a task that answers with an error instead of throwing). */
export function markSpanFailed(ctx: Context, code: string): void {
  trace.getSpan(ctx)?.setStatus({ code: SpanStatusCode.ERROR, message: code });
}
