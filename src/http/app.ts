/**
 * Builds the fastify application (CONTRACT.md "HTTP API (v1)"): error
 * handling, Arrow bodies, OpenAPI at /docs, one plugin per route group.
 * `build()` does not listen: tests use `app.inject()`, `server.ts` listens.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { WorkerPool } from '../pool/worker-pool.js';
import type { Scheduler } from '../schedule/scheduler.js';
import type { DriftService } from '../service/drift-service.js';
import type { Store } from '../store/store.js';
import { registerArrowBody } from './arrow-body.js';
import { registerErrorHandling } from './error-handler.js';
import { batchRoutes } from './routes/batches.js';
import { comparisonRoutes } from './routes/comparisons.js';
import { healthRoutes } from './routes/health.js';
import { modelRoutes } from './routes/models.js';
import { monitorRoutes } from './routes/monitors.js';
import { referenceRoutes } from './routes/reference.js';
import { reportRoutes } from './routes/reports.js';

export interface AppOptions {
  store: Store;
  pool: WorkerPool;
  service: DriftService;
  scheduler: Scheduler;
  bodyLimit: number;
  logger?: FastifyServerOptions['logger'];
  /** The TF.js backend choice, for /readyz. */
  backend?: () => unknown;
  isShuttingDown?: () => boolean;
  /** Adds routes or hooks (telemetry's /metrics) before the app is ready. */
  plugins?: ((app: FastifyInstance) => Promise<void>)[];
}

export async function build(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: opts.bodyLimit,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  });
  registerErrorHandling(app);
  registerArrowBody(app, opts.service.bodies);
  // While shutting down, responses close their connection: keep-alive sockets would otherwise
  // hold server.close() open after the last in-flight request has been answered.
  const closing = opts.isShuttingDown ?? (() => false);
  app.addHook('onSend', async (_req, reply, payload) => {
    if (closing()) reply.header('connection', 'close');
    return payload;
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'driftgauge',
        description: 'Data drift and model metrics: Arrow batches in, drift reports and metrics out.',
        version: '1',
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  const { store, pool, service, scheduler } = opts;
  await app.register(healthRoutes, { store, pool, backend: opts.backend, isShuttingDown: opts.isShuttingDown ?? (() => false) });
  await app.register(modelRoutes, {
    store,
    onModelDeleted: (model: string) => {
      service.forget(model);
      scheduler.remove(model);
    },
  });
  await app.register(referenceRoutes, { service });
  await app.register(batchRoutes, { service });
  await app.register(comparisonRoutes, { service });
  await app.register(monitorRoutes, { service, scheduler });
  await app.register(reportRoutes, { store });
  for (const plugin of opts.plugins ?? []) await plugin(app);
  return app;
}
