import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCron } from '../../src/schedule/cron.js';
import type { Runtime } from '../../src/service/runtime.js';
import { ARROW_STREAM, batchBytes, SYNTHETIC_SPEC, startRuntime } from '../http/harness.js';

let rt: Runtime;
beforeAll(async () => {
  rt = await startRuntime();
});
afterAll(async () => {
  await rt.close();
});

describe('monitors', () => {
  it('run the comparison on their cron schedule and store the report', async () => {
    await rt.app.inject({ method: 'PUT', url: '/v1/models/sched', payload: SYNTHETIC_SPEC });
    await rt.app.inject({ method: 'PUT', url: '/v1/models/sched/reference', headers: { 'content-type': ARROW_STREAM }, payload: batchBytes(2000, 1, 0, Date.now() - 86_400_000) });
    const now = Date.now();
    const hour = Math.floor(now / 3_600_000) * 3_600_000;
    expect((await rt.app.inject({ method: 'POST', url: '/v1/models/sched/batches', headers: { 'content-type': ARROW_STREAM }, payload: batchBytes(500, 2, 0.5, hour, 'stream') })).statusCode).toBe(202);
    const m = await rt.app.inject({ method: 'PUT', url: '/v1/models/sched/monitor', payload: { window: '1h', schedule: '* * * * * *' } });
    expect(m.statusCode).toBe(200);
    let reports: { trigger: string; report: { current: { rows: number }; mode: string } }[] = [];
    for (let i = 0; i < 40 && reports.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 250));
      reports = (await rt.app.inject({ url: '/v1/models/sched/reports' })).json().reports;
    }
    expect(reports.length).toBeGreaterThan(0);
    expect(reports[0].trigger).toBe('schedule');
    expect(reports[0].report.mode).toBe('sketch');
    expect(reports[0].report.current.rows).toBe(500);
  });

  it('stop with the model when it is deleted', async () => {
    expect((await rt.app.inject({ method: 'DELETE', url: '/v1/models/sched' })).statusCode).toBe(204);
    expect(rt.scheduler.nextRun('sched')).toBeNull();
  });
});

describe('checkCron', () => {
  it('accepts 5- and 6-field expressions and names what is wrong with others', () => {
    expect(() => checkCron('*/5 * * * *')).not.toThrow();
    expect(() => checkCron('*/10 * * * * *')).not.toThrow();
    expect(() => checkCron('61 * * * *')).toThrow(expect.objectContaining({ code: 'DRIFTGAUGE_ERR_INVALID_CRON' }));
    expect(() => checkCron('hourly please')).toThrow(expect.objectContaining({ code: 'DRIFTGAUGE_ERR_INVALID_CRON' }));
  });
});
