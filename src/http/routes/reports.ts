/** Report history: GET /v1/models/{model}/reports?since=&limit=. */
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../store/store.js';
import { ERROR_SCHEMA } from '../error-handler.js';
import { MODEL_PARAMS, REPORT_ANY } from '../schemas.js';
import { requireModel } from './models.js';

export async function reportRoutes(app: FastifyInstance, deps: { store: Store }): Promise<void> {
  app.get<{ Params: { model: string }; Querystring: { since?: string; limit?: number } }>(
    '/v1/models/:model/reports',
    {
      schema: {
        tags: ['reports'],
        summary: 'Report history, newest first',
        params: MODEL_PARAMS,
        querystring: {
          type: 'object',
          properties: {
            since: { type: 'string', format: 'date-time', description: 'ISO 8601 time; reports created at or after it' },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 50 },
          },
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            properties: {
              reports: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'integer' },
                    createdAt: { type: 'string' },
                    trigger: { type: 'string' },
                    window: { type: ['object', 'null'], properties: { start: { type: 'string' }, end: { type: 'string' } } },
                    report: REPORT_ANY,
                  },
                },
              },
            },
          },
          404: ERROR_SCHEMA,
          400: ERROR_SCHEMA,
        },
      },
    },
    async (req) => {
      await requireModel(deps.store, req.params.model);
      const since = req.query.since === undefined ? undefined : new Date(req.query.since).toISOString();
      const records = await deps.store.listReports(req.params.model, { since, limit: req.query.limit });
      return {
        reports: records.map((r) => ({
          id: r.id,
          createdAt: r.createdAt,
          trigger: r.trigger,
          window:
            r.windowStart === null || r.windowEnd === null
              ? null
              : { start: new Date(r.windowStart).toISOString(), end: new Date(r.windowEnd).toISOString() },
          report: r.report,
        })),
      };
    },
  );
}
