/**
 * Everything a running service is made of, opened in order and closed in
 * reverse: store → worker pool → service → scheduler → HTTP app.
 */
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { Config } from '../config.js';
import { build } from '../http/app.js';
import { WorkerPool } from '../pool/worker-pool.js';
import { workerPath } from '../pool/worker-path.js';
import { Scheduler } from '../schedule/scheduler.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import type { Store } from '../store/store.js';
import { context } from '@opentelemetry/api';
import { telemetryPlugin } from '../http/telemetry-plugin.js';
import { createTelemetry, type Telemetry } from '../telemetry/index.js';
import { DriftService, type ServiceHooks } from './drift-service.js';

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
}

export async function createRuntime(config: Config, opts: RuntimeOptions = {}): Promise<Runtime> {
  let app: FastifyInstance | undefined;
  const telemetry = createTelemetry({ env: opts.env ?? process.env, logger: { warn: (o, m) => app?.log.warn(o, m) } });
  const store = openSqliteStore({ dataDir: config.dataDir });
  const pool = new WorkerPool({
    filename: workerPath('ingest'),
    size: config.poolSize,
    maxQueue: config.poolSize * config.queuePerWorker,
    taskTimeoutMs: config.taskTimeoutMs,
    // Workers log like the main thread (with the task's trace ids), or not at all when it does not.
    workerData: { logLevel: workerLogLevel(opts.logger) },
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
      const ctx = context.active();
      void windowLabel(e.model).then((window) =>
        telemetry.recordEvaluation({ model: e.model, report: e.report ?? undefined, window, status: e.status, ctx }),
      );
      opts.hooks?.onEvaluation?.(e);
    },
  };
  const service = new DriftService({ store, pool, defaultWindowMs: config.defaultWindowMs, hooks });
  let shuttingDown = false;
  const poolStats = setInterval(() => telemetry.setPoolStats(pool.stats()), 1000);
  poolStats.unref();
  const scheduler = new Scheduler({
    store,
    run: async (monitor, firedAt) => {
      // The window holding the fire time; right at a boundary it is still empty, and the
      // window that just closed is the one worth judging.
      const size = monitor.windowMs;
      const start = Math.floor(firedAt.getTime() / size) * size;
      const range = (s: number) => ({ start: new Date(s).toISOString(), end: new Date(s + size).toISOString() });
      const { span, ctx } = telemetry.startEvaluationSpan({ model: monitor.model, window: monitor.window });
      try {
        await context.with(ctx, async () => {
          try {
            await service.compare(monitor.model, range(start), 'schedule');
          } catch (err) {
            if ((err as { code?: string }).code !== 'DRIFTGAUGE_ERR_NO_WINDOW_DATA') throw err;
            await service.compare(monitor.model, range(start - size), 'schedule');
          }
        });
      } finally {
        span.end();
      }
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
      await pool.close();
      await store.close();
      await telemetry.shutdown();
    },
  };
}

function workerLogLevel(logger: RuntimeOptions['logger']): string {
  if (logger === true) return 'info';
  if (logger && typeof logger === 'object' && 'level' in logger && typeof logger.level === 'string') return logger.level;
  return 'silent';
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
