import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/service/runtime.js';
import { SYNTHETIC_SPEC, startRuntime } from './harness.js';

let rt: Runtime;
beforeAll(async () => {
  rt = await startRuntime();
});
afterAll(async () => {
  await rt.close();
});

describe('models API', () => {
  it('creates (201), replaces (200), reads, lists and deletes a model', async () => {
    const put = await rt.app.inject({ method: 'PUT', url: '/v1/models/credit', payload: SYNTHETIC_SPEC });
    expect(put.statusCode).toBe(201);
    expect(put.json()).toMatchObject({ name: 'credit', spec: { task: 'binary' } });
    const again = await rt.app.inject({ method: 'PUT', url: '/v1/models/credit', payload: SYNTHETIC_SPEC });
    expect(again.statusCode).toBe(200);
    expect((await rt.app.inject({ url: '/v1/models/credit' })).json().spec.columns.label.role).toBe('target');
    expect((await rt.app.inject({ url: '/v1/models' })).json().models.map((m: { name: string }) => m.name)).toEqual(['credit']);
    expect((await rt.app.inject({ method: 'DELETE', url: '/v1/models/credit' })).statusCode).toBe(204);
    expect((await rt.app.inject({ url: '/v1/models/credit' })).statusCode).toBe(404);
  });

  it('answers an unknown model with a catalogued 404', async () => {
    const r = await rt.app.inject({ url: '/v1/models/nope' });
    expect(r.statusCode).toBe(404);
    expect(r.json()).toEqual({ statusCode: 404, code: 'DRIFTGAUGE_ERR_MODEL_NOT_FOUND', error: 'Not Found', message: "model 'nope' not found" });
  });

  it('rejects an invalid spec with 400 naming the problem', async () => {
    const r = await rt.app.inject({ method: 'PUT', url: '/v1/models/m', payload: { columns: { a: { role: 'labl' } } } });
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('DRIFTGAUGE_ERR_SPEC_INVALID');
    expect(r.json().message).toContain("column 'a' has unknown role");
  });

  it('rejects a body that is not JSON with 400', async () => {
    const r = await rt.app.inject({ method: 'PUT', url: '/v1/models/m', headers: { 'content-type': 'application/json' }, payload: '{"task":' });
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('DRIFTGAUGE_ERR_INVALID_JSON');
  });

  it('rejects a model name outside the allowed pattern', async () => {
    const r = await rt.app.inject({ method: 'PUT', url: '/v1/models/bad%20name', payload: {} });
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('DRIFTGAUGE_ERR_VALIDATION');
  });

  it('answers an unknown route with a catalogued 404', async () => {
    const r = await rt.app.inject({ url: '/v2/nothing' });
    expect(r.statusCode).toBe(404);
    expect(r.json().code).toBe('DRIFTGAUGE_ERR_ROUTE_NOT_FOUND');
  });

  it('serves liveness, readiness and the OpenAPI document', async () => {
    expect((await rt.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await rt.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', store: 'up', pool: { threads: 2 } });
    const doc = await rt.app.inject({ url: '/docs/json' });
    expect(doc.statusCode).toBe(200);
    const paths = Object.keys(doc.json().paths);
    for (const p of ['/v1/models/{model}', '/v1/models/{model}/reference', '/v1/models/{model}/batches', '/v1/models/{model}/comparisons', '/v1/models/{model}/monitor', '/v1/models/{model}/reports']) {
      expect(paths).toContain(p);
    }
    expect((await rt.app.inject({ url: '/docs' })).statusCode).toBeLessThan(400);
  });
});
