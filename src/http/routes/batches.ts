/** POST /v1/models/{model}/batches: fold an Arrow batch into its window(s); 202 once durable. */
import type { FastifyInstance } from 'fastify';
import type { DriftService } from '../../service/drift-service.js';
import { ARROW_TYPES, requireArrow } from '../arrow-body.js';
import { ERROR_SCHEMA } from '../error-handler.js';
import { MODEL_PARAMS } from '../schemas.js';
import { traceCarrier } from '../trace-carrier.js';

const WINDOW = { type: 'object', properties: { start: { type: 'string' }, end: { type: 'string' } } } as const;

export async function batchRoutes(app: FastifyInstance, deps: { service: DriftService }): Promise<void> {
  app.post<{ Params: { model: string }; Body: Buffer; Headers: { 'idempotency-key'?: string } }>(
    '/v1/models/:model/batches',
    {
      schema: {
        tags: ['batches'],
        summary: 'Fold a batch into its window; the 202 means it is durable. Content-Encoding: gzip is accepted. An Idempotency-Key header makes retries safe.',
        params: MODEL_PARAMS,
        headers: {
          type: 'object',
          properties: { 'idempotency-key': { type: 'string', minLength: 1, maxLength: 200 } },
        },
        consumes: [...ARROW_TYPES],
        response: {
          202: {
            type: 'object',
            properties: {
              batch_id: { type: 'string' },
              rows: { type: 'integer' },
              duplicate: { type: 'boolean' },
              window: WINDOW,
              windows: { type: 'array', items: { ...WINDOW, properties: { ...WINDOW.properties, rows: { type: 'integer' } } } },
            },
          },
          400: ERROR_SCHEMA,
          404: ERROR_SCHEMA,
          409: ERROR_SCHEMA,
          413: ERROR_SCHEMA,
          415: ERROR_SCHEMA,
          422: ERROR_SCHEMA,
          503: ERROR_SCHEMA,
        },
      },
    },
    async (req, reply) => {
      requireArrow(req.headers['content-type']);
      const source = `batch for model '${req.params.model}'`;
      const ack = await deps.service.postBatch(req.params.model, req.body, source, req.headers['idempotency-key'], traceCarrier(req));
      return reply.status(202).send(ack);
    },
  );
}
