/** Models: PUT / GET / DELETE /v1/models/{model}, GET /v1/models. */
import type { FastifyInstance } from 'fastify';
import { DRIFT_METHOD_NAMES } from '../../engine/drift-methods.js';
import { validateSpec } from '../../engine/spec.js';
import { createError } from '../../errors.js';
import type { ModelRecord, Store } from '../../store/store.js';
import { ERROR_SCHEMA } from '../error-handler.js';
import { MODEL_PARAMS, MODEL_RECORD, SPEC_BODY } from '../schemas.js';

export interface ModelsDeps {
  store: Store;
  onModelDeleted?: (model: string) => void;
}

function view(m: ModelRecord) {
  return { name: m.name, spec: m.spec, createdAt: m.createdAt, updatedAt: m.updatedAt };
}

/** Loads a model or throws DRIFTGAUGE_ERR_MODEL_NOT_FOUND. */
export async function requireModel(store: Store, name: string): Promise<ModelRecord> {
  const m = await store.getModel(name);
  if (!m) throw createError('DRIFTGAUGE_ERR_MODEL_NOT_FOUND', name);
  return m;
}

export async function modelRoutes(app: FastifyInstance, deps: ModelsDeps): Promise<void> {
  const { store } = deps;
  const errors = { 400: ERROR_SCHEMA, 404: ERROR_SCHEMA };

  app.put<{ Params: { model: string }; Body: unknown }>(
    '/v1/models/:model',
    { schema: { tags: ['models'], summary: 'Create or replace a model spec', params: MODEL_PARAMS, body: SPEC_BODY, response: { 200: MODEL_RECORD, 201: MODEL_RECORD, ...errors } } },
    async (req, reply) => {
      const spec = validateSpec(req.body, `model '${req.params.model}' spec`, DRIFT_METHOD_NAMES);
      const existed = (await store.getModel(req.params.model)) !== null;
      const m = await store.putModel(req.params.model, spec);
      return reply.status(existed ? 200 : 201).send(view(m));
    },
  );

  app.get<{ Params: { model: string } }>(
    '/v1/models/:model',
    { schema: { tags: ['models'], summary: 'A model spec', params: MODEL_PARAMS, response: { 200: MODEL_RECORD, ...errors } } },
    async (req) => view(await requireModel(store, req.params.model)),
  );

  app.get(
    '/v1/models',
    {
      schema: {
        tags: ['models'],
        summary: 'Every model',
        response: { 200: { type: 'object', properties: { models: { type: 'array', items: MODEL_RECORD } } } },
      },
    },
    async () => ({ models: (await store.listModels()).map(view) }),
  );

  app.delete<{ Params: { model: string } }>(
    '/v1/models/:model',
    { schema: { tags: ['models'], summary: 'Delete a model with its reference, windows, monitor and reports', params: MODEL_PARAMS, response: { 204: { type: 'null' }, ...errors } } },
    async (req, reply) => {
      if (!(await store.deleteModel(req.params.model))) throw createError('DRIFTGAUGE_ERR_MODEL_NOT_FOUND', req.params.model);
      deps.onModelDeleted?.(req.params.model);
      return reply.status(204).send();
    },
  );
}
