/**
 * Everything a running service is made of, opened in order and closed in
 * reverse: store → worker pool → service → scheduler → HTTP app.
 */

import { type Context, context, ROOT_CONTEXT, type Span } from '@opentelemetry/api';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { Config } from '../config.js';
import { build } from '../http/app.js';
import { canReleaseChunks } from '../http/release-chunk.js';
import { telemetryPlugin } from '../http/telemetry-plugin.js';
import type { FlushTask } from '../pool/ingest-task.js';
import { workerPath } from '../pool/worker-path.js';
import { WorkerPool } from '../pool/worker-pool.js';
import { Scheduler } from '../schedule/scheduler.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import type { Store } from '../store/store.js';
import { timedStore } from '../store/timed-store.js';
import { createTelemetry, MAX_SPAN_LINKS, recordSpanError, SPAN, type Telemetry, type TelemetryOptions } from '../telemetry/index.js';
import { DriftService, type DriftServiceOptions, type ServiceHooks, type ServiceTracing } from './drift-service.js';

export interface Runtime {
  app: FastifyInstance;
  store: Store;
  pool: WorkerPool;
  service: DriftService;
  scheduler: Scheduler;
  telemetry: Telemetry;
  /** Stops taking work, finishes what is in flight, closes pool and store. */
  close(): Promise<void>;
}

export interface RuntimeOptions {
  logger?: FastifyServerOptions['logger'];
  hooks?: ServiceHooks;
  /** Environment for OTEL_* settings (default process.env). */
  env?: Record<string, string | undefined>;
  backend?: () => unknown;
  plugins?: ((app: FastifyInstance) => Promise<void>)[];
  /** Extra span processors of the main thread's tracer provider (tests: an in-memory exporter). */
  spanProcessors?: TelemetryOptions['spanProcessors'];
  /** The service's compaction thresholds (DriftServiceOptions; tests make them small). */
  compaction?: Pick<DriftServiceOptions, 'compactAfter' | 'compactMax'>;
  /** Windows a comparison reads at a time (DriftServiceOptions; tests make it small). */
  windowsPerRead?: number;
}

export async function createRuntime(config: Config, opts: RuntimeOptions = {}): Promise<Runtime> {
  // Before any thread starts: on Node 20 this sets and resets a V8 flag (release-chunk.ts), which is process-wide.
  canReleaseChunks();
  let app: FastifyInstance | undefined;
  const telemetry = createTelemetry({
    env: opts.env ?? process.env,
    logger: { warn: (o, m) => app?.log.warn(o, m) },
    spanProcessors: opts.spanProcessors,
  });
  // Every store call is timed (driftgauge_store_operation_seconds{op}), in the caller's context for exemplars.
  const store = timedStore(openSqliteStore({ dataDir: config.dataDir }), (op, seconds) => telemetry.recordStoreOp(op, seconds));
  const pool = new WorkerPool({
    filename: workerPath('ingest'),
    size: config.poolSize,
    maxQueue: config.poolSize * config.queuePerWorker,
    taskTimeoutMs: config.taskTimeoutMs,
    // Workers log like the main thread (with the task's trace ids), or not at all when it does not.
    workerData: { logLevel: workerLogLevel(opts.logger), tfBackend: config.tfBackend },
    // Workers that export spans need their event loop between tasks (the exporter's timer and HTTP).
    atomics: telemetry.exportsTraces ? 'async' : undefined,
  });
  const windowLabel = async (model: string) => (await store.getMonitor(model))?.window ?? durationLabel(config.defaultWindowMs);
  const hooks: ServiceHooks = {
    onBatch: (e) => {
      telemetry.recordBatch({
        model: e.model,
        status: e.status === 'rejected' ? 'rejected' : 'accepted',
        rows: e.rows,
        seconds: e.seconds,
        latencies: concat(e.latencies),
      });
      opts.hooks?.onBatch?.(e);
    },
    onEvaluation: (e) => {
      // Inside the evaluation's `publish` span (a successful one): the drift exemplars name it.
      const ctx = context.active();
      const recorded = windowLabel(e.model).then(
        (window) => telemetry.recordEvaluation({ model: e.model, report: e.report ?? undefined, window, status: e.status, ctx }),
        () => {},
      );
      logEvaluation(app, e);
      opts.hooks?.onEvaluation?.(e);
      return recorded;
    },
  };
  const service = new DriftService({ store, pool, defaultWindowMs: config.defaultWindowMs, hooks, tracing: serviceTracing(telemetry), ...opts.compaction, windowsPerRead: opts.windowsPerRead });
  let shuttingDown = false;
  const poolStats = setInterval(() => telemetry.setPoolStats(pool.stats()), 1000);
  poolStats.unref();
  const scheduler = new Scheduler({
    store,
    // The window holding the fire time, or the one that just closed when that is still empty
    // (right at a boundary); chosen before the evaluation span opens, so its links are that window's batches.
    run: async (monitor, firedAt) => {
      await service.compareScheduled(monitor.model, monitor.windowMs, firedAt.getTime());
    },
    logger: {
      info: (o, m) => app?.log.info(o, m),
      warn: (o, m) => app?.log.warn(o, m),
      error: (o, m) => app?.log.error(o, m),
    },
  });
  app = await build({
    store,
    pool,
    service,
    scheduler,
    bodyLimit: config.bodyLimit,
    logger: opts.logger,
    backend: opts.backend,
    isShuttingDown: () => shuttingDown,
    plugins: [telemetryPlugin(telemetry), ...(opts.plugins ?? [])],
  });
  await scheduler.start();
  const built = app;
  return {
    app: built,
    store,
    pool,
    service,
    scheduler,
    telemetry,
    close: async () => {
      if (shuttingDown) return;
      shuttingDown = true;
      clearInterval(poolStats);
      await built.close();
      await scheduler.stop();
      await service.settle();
      // Each worker exports the spans it still holds: piscina stops workers without warning.
      if (telemetry.exportsTraces) await pool.runOnEveryWorker<unknown>((barrier): FlushTask => ({ kind: 'flush', barrier })).catch(() => {});
      await pool.close();
      await store.close();
      await telemetry.shutdown();
    },
  };
}

/** One line per evaluation, written inside its span (so it carries the evaluation's trace_id and span_id). */
function logEvaluation(app: FastifyInstance | undefined, e: Parameters<NonNullable<ServiceHooks['onEvaluation']>>[0]): void {
  const fields = { model: e.model, window: e.window, trigger: e.trigger, status: e.status };
  if (e.status === 'error' || !e.report) {
    app?.log.warn(fields, `evaluation of model ${e.model} failed (${e.trigger})`);
    return;
  }
  const d = e.report.dataset;
  app?.log.info({ ...fields, features: d.features, drifted: d.drifted, share: d.share, detected: d.detected }, `evaluation of model ${e.model} done (${e.trigger})`);
}

function workerLogLevel(logger: RuntimeOptions['logger']): string {
  if (logger === true) return 'info';
  if (logger && typeof logger === 'object' && 'level' in logger && typeof logger.level === 'string') return logger.level;
  return 'silent';
}

/**
 * The service's spans, on the runtime's telemetry: a step is a child of the
 * active context; an evaluation is a new root when scheduled and a child of
 * the request when on demand, linked (oldest first, so the newest are kept
 * within the link limit) to the spans that ingested its window's batches.
 */
function serviceTracing(telemetry: Telemetry): ServiceTracing {
  return {
    maxLinks: MAX_SPAN_LINKS,
    step: (step, fn) => inSpan(telemetry.startSpan(SPAN[step], undefined, context.active()), fn),
    evaluation: (e, fn) =>
      inSpan(
        telemetry.startEvaluationSpan({
          model: e.model,
          window: e.window,
          trigger: e.trigger,
          batches: [...e.traceparents].reverse(),
          parent: e.trigger === 'schedule' ? ROOT_CONTEXT : context.active(),
          startTime: e.startedAt,
        }),
        fn,
      ),
    carrier: () => {
      const carrier = telemetry.injectToCarrier(context.active());
      return carrier.traceparent ? carrier : undefined;
    },
  };
}

/** Runs `fn` in `ctx`; ends `span` when it settles, recording a failure on it. */
async function inSpan<T>({ span, ctx }: { span: Span; ctx: Context }, fn: () => Promise<T>): Promise<T> {
  try {
    return await context.with(ctx, fn);
  } catch (err) {
    recordSpanError(span, err);
    throw err;
  } finally {
    span.end();
  }
}

function concat(parts: Float64Array[]): Float64Array | undefined {
  if (parts.length === 0) return undefined;
  if (parts.length === 1) return parts[0];
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** 3,600,000 → "1h", 900,000 → "15m": the label a monitor's window would have. */
function durationLabel(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${Math.round(ms / 1000)}s`;
}
