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
import { DriftService, type ServiceHooks } from './drift-service.js';

export interface Runtime {
  app: FastifyInstance;
  store: Store;
  pool: WorkerPool;
  service: DriftService;
  scheduler: Scheduler;
  /** Stops taking work, finishes what is in flight, closes pool and store. */
  close(): Promise<void>;
}

export interface RuntimeOptions {
  logger?: FastifyServerOptions['logger'];
  hooks?: ServiceHooks;
  backend?: () => unknown;
  plugins?: ((app: FastifyInstance) => Promise<void>)[];
}

export async function createRuntime(config: Config, opts: RuntimeOptions = {}): Promise<Runtime> {
  const store = openSqliteStore({ dataDir: config.dataDir });
  const pool = new WorkerPool({
    filename: workerPath('ingest'),
    size: config.poolSize,
    maxQueue: config.poolSize * config.queuePerWorker,
    taskTimeoutMs: config.taskTimeoutMs,
  });
  const service = new DriftService({ store, pool, defaultWindowMs: config.defaultWindowMs, hooks: opts.hooks });
  let shuttingDown = false;
  let app: FastifyInstance | undefined;
  const scheduler = new Scheduler({
    store,
    run: async (monitor, firedAt) => {
      // The window holding the fire time; right at a boundary it is still empty, and the
      // window that just closed is the one worth judging.
      const size = monitor.windowMs;
      const start = Math.floor(firedAt.getTime() / size) * size;
      const range = (s: number) => ({ start: new Date(s).toISOString(), end: new Date(s + size).toISOString() });
      try {
        await service.compare(monitor.model, range(start), 'schedule');
      } catch (err) {
        if ((err as { code?: string }).code !== 'DRIFTGAUGE_ERR_NO_WINDOW_DATA') throw err;
        await service.compare(monitor.model, range(start - size), 'schedule');
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
    plugins: opts.plugins,
  });
  await scheduler.start();
  const built = app;
  return {
    app: built,
    store,
    pool,
    service,
    scheduler,
    close: async () => {
      if (shuttingDown) return;
      shuttingDown = true;
      await built.close();
      await scheduler.stop();
      await pool.close();
      await store.close();
    },
  };
}
