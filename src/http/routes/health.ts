/** GET /healthz (the process answers) and GET /readyz (pool and store up, TF backend known). */
import type { FastifyInstance } from 'fastify';
import { createError } from '../../errors.js';
import type { WorkerPool } from '../../pool/worker-pool.js';
import type { Store } from '../../store/store.js';
import { errorBody } from '../error-handler.js';

export interface HealthDeps {
  store: Store;
  pool: WorkerPool;
  /** The TF.js backend choice, when native-bindings loaded one (shown, never required). */
  backend?: () => unknown;
  isShuttingDown: () => boolean;
}

export async function healthRoutes(app: FastifyInstance, deps: HealthDeps): Promise<void> {
  app.get('/healthz', { schema: { tags: ['health'], summary: 'Liveness' } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { tags: ['health'], summary: 'Readiness: worker pool and store answer' } }, async (_req, reply) => {
    const problems: string[] = [];
    if (deps.isShuttingDown()) problems.push('shutting down');
    const pool = deps.pool.stats();
    if (pool.threads === 0) problems.push('no worker threads');
    try {
      await deps.store.ping();
    } catch (err) {
      problems.push(`store: ${(err as Error).message}`);
    }
    const body = { status: problems.length === 0 ? 'ready' : 'not ready', pool, store: problems.some((p) => p.startsWith('store')) ? 'down' : 'up', tf: deps.backend?.() ?? null };
    if (problems.length > 0) {
      const err = createError('DRIFTGAUGE_ERR_NOT_READY', problems.join('; '));
      return reply.status(503).send({ ...errorBody(err), ...body });
    }
    return body;
  });
}
