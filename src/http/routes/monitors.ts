/** PUT / GET /v1/models/{model}/monitor: the window size and the cron schedule of comparisons. */
import type { FastifyInstance } from 'fastify';
import { createError } from '../../errors.js';
import { checkCron } from '../../schedule/cron.js';
import type { Scheduler } from '../../schedule/scheduler.js';
import type { DriftService } from '../../service/drift-service.js';
import type { MonitorRecord } from '../../store/store.js';
import { ERROR_SCHEMA } from '../error-handler.js';
import { DRIFT_OPTIONS, MODEL_PARAMS } from '../schemas.js';

const MONITOR = {
  type: 'object',
  properties: {
    model: { type: 'string' },
    window: { type: 'string' },
    window_ms: { type: 'integer' },
    schedule: { type: 'string' },
    drift: { type: ['object', 'null'], additionalProperties: true },
    next_run: { type: ['string', 'null'] },
    updated_at: { type: 'string' },
  },
} as const;

function view(m: MonitorRecord, scheduler: Scheduler) {
  return {
    model: m.model,
    window: m.window,
    window_ms: m.windowMs,
    schedule: m.schedule,
    drift: (m.drift as object | undefined) ?? null,
    next_run: scheduler.nextRun(m.model)?.toISOString() ?? null,
    updated_at: m.updatedAt,
  };
}

export async function monitorRoutes(app: FastifyInstance, deps: { service: DriftService; scheduler: Scheduler }): Promise<void> {
  app.put<{ Params: { model: string }; Body: { window?: string; schedule: string; drift?: unknown } }>(
    '/v1/models/:model/monitor',
    {
      schema: {
        tags: ['monitors'],
        summary: 'Create or replace the monitor: tumbling window size ("1h") and cron schedule ("*/5 * * * *", UTC)',
        params: MODEL_PARAMS,
        body: {
          type: 'object',
          properties: {
            window: { type: 'string', default: '1h', description: 'window size: 30s, 15m, 1h, 1d, 1w' },
            schedule: { type: 'string', description: 'cron expression (5 or 6 fields), UTC' },
            drift: DRIFT_OPTIONS,
          },
          required: ['schedule'],
          additionalProperties: false,
        },
        response: { 200: MONITOR, 400: ERROR_SCHEMA, 404: ERROR_SCHEMA },
      },
    },
    async (req) => {
      checkCron(req.body.schedule);
      const m = await deps.service.putMonitor(req.params.model, { window: req.body.window ?? '1h', schedule: req.body.schedule, drift: req.body.drift });
      deps.scheduler.set(m);
      return view(m, deps.scheduler);
    },
  );

  app.get<{ Params: { model: string } }>(
    '/v1/models/:model/monitor',
    { schema: { tags: ['monitors'], summary: 'The monitor', params: MODEL_PARAMS, response: { 200: MONITOR, 404: ERROR_SCHEMA } } },
    async (req) => {
      await deps.service.model(req.params.model);
      const m = await deps.service.store.getMonitor(req.params.model);
      if (!m) throw createError('DRIFTGAUGE_ERR_MONITOR_NOT_FOUND', req.params.model, req.params.model);
      return view(m, deps.scheduler);
    },
  );
}
