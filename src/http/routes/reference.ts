/** PUT /v1/models/{model}/reference: an Arrow body becomes the model's reference profile. */
import type { FastifyInstance } from 'fastify';
import type { DriftService } from '../../service/drift-service.js';
import { ARROW_TYPES, requireArrow } from '../arrow-body.js';
import { ERROR_SCHEMA } from '../error-handler.js';
import { MODEL_PARAMS } from '../schemas.js';
import { traceCarrier } from '../trace-carrier.js';

export async function referenceRoutes(app: FastifyInstance, deps: { service: DriftService }): Promise<void> {
  app.put<{ Params: { model: string }; Body: Buffer }>(
    '/v1/models/:model/reference',
    {
      schema: {
        tags: ['reference'],
        summary: 'Replace the reference: the Arrow body is profiled once (sorted values, quantile and fine edges, category counts, moments)',
        params: MODEL_PARAMS,
        consumes: [...ARROW_TYPES],
        response: {
          200: {
            type: 'object',
            properties: { model: { type: 'string' }, rows: { type: 'integer' }, features: { type: 'integer' }, profile: { type: 'string' } },
          },
          400: ERROR_SCHEMA,
          404: ERROR_SCHEMA,
          413: ERROR_SCHEMA,
          415: ERROR_SCHEMA,
          422: ERROR_SCHEMA,
          503: ERROR_SCHEMA,
        },
      },
    },
    async (req) => {
      requireArrow(req.headers['content-type']);
      return deps.service.putReference(req.params.model, req.body, `reference of model '${req.params.model}'`, traceCarrier(req));
    },
  );
}
