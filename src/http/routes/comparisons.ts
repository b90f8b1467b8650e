/** POST /v1/models/{model}/comparisons: compare a window with the reference now; returns the report. */
import type { FastifyInstance } from 'fastify';
import type { DriftService } from '../../service/drift-service.js';
import { ERROR_SCHEMA } from '../error-handler.js';
import { MODEL_PARAMS, REPORT_ANY } from '../schemas.js';
import { traceCarrier } from '../trace-carrier.js';

type Window = 'current' | { start: string; end: string };

export async function comparisonRoutes(app: FastifyInstance, deps: { service: DriftService }): Promise<void> {
  app.post<{ Params: { model: string }; Body: { window?: Window } | undefined }>(
    '/v1/models/:model/comparisons',
    {
      schema: {
        tags: ['comparisons'],
        summary: 'Run a comparison now over the current window or a {start, end} range (ISO 8601); the report is stored and returned',
        params: MODEL_PARAMS,
        body: {
          type: ['object', 'null'],
          properties: {
            window: {
              oneOf: [
                { type: 'string', enum: ['current'] },
                {
                  type: 'object',
                  properties: { start: { type: 'string', format: 'date-time' }, end: { type: 'string', format: 'date-time' } },
                  required: ['start', 'end'],
                  additionalProperties: false,
                },
              ],
            },
          },
          additionalProperties: false,
        },
        response: { 200: REPORT_ANY, 400: ERROR_SCHEMA, 404: ERROR_SCHEMA, 409: ERROR_SCHEMA, 503: ERROR_SCHEMA },
      },
    },
    async (req) => {
      const window = req.body?.window ?? 'current';
      const r = await deps.service.compare(req.params.model, window, 'manual', traceCarrier(req));
      return r.report;
    },
  );
}
