import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { appendByte, HOUR, openTemp } from './temp-store.js';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const spec = { task: 'binary', columns: { age: { role: 'feature', kind: 'numerical' } } };

describe('SqliteStore models', () => {
  it('stores a model and reads it back', async () => {
    const store = openTemp();
    const put = await store.putModel('churn', spec);
    expect(put).toEqual({ name: 'churn', spec, createdAt: put.createdAt, updatedAt: put.createdAt });
    expect(put.createdAt).toMatch(ISO);
    expect(await store.getModel('churn')).toEqual(put);
    expect(await store.getModel('nope')).toBeNull();
  });

  it('replaces the spec on a second put and keeps createdAt', async () => {
    const store = openTemp();
    const first = await store.putModel('churn', spec);
    await sleep(5);
    const second = await store.putModel('churn', { columns: {} });
    expect(second.spec).toEqual({ columns: {} });
    expect(second.createdAt).toBe(first.createdAt);
    expect(second.updatedAt > first.updatedAt).toBe(true);
    expect(await store.listModels()).toHaveLength(1);
  });

  it('lists models by name', async () => {
    const store = openTemp();
    await store.putModel('b', {});
    await store.putModel('a', {});
    await store.putModel('c', {});
    expect((await store.listModels()).map((m) => m.name)).toEqual(['a', 'b', 'c']);
  });

  it('refuses a spec that is not JSON and an empty name', async () => {
    const store = openTemp();
    await expect(store.putModel('m', undefined)).rejects.toMatchObject({ code: 'DRIFTGAUGE_ERR_STORE_ARGUMENT' });
    await expect(store.putModel('m', { n: 1n })).rejects.toMatchObject({ code: 'DRIFTGAUGE_ERR_STORE_ARGUMENT' });
    await expect(store.putModel('', {})).rejects.toMatchObject({
      code: 'DRIFTGAUGE_ERR_STORE_ARGUMENT',
      statusCode: 400,
    });
    expect(await store.listModels()).toEqual([]);
  });

  it('returns false when deleting a model that does not exist', async () => {
    const store = openTemp();
    expect(await store.deleteModel('nope')).toBe(false);
  });

  it('deletes the reference, monitor, windows, batch ids and reports with the model', async () => {
    const store = openTemp();
    for (const name of ['gone', 'kept']) {
      await store.putModel(name, spec);
      await store.putReference(name, new Uint8Array([1, 2, 3]), { rows: 3 });
      await store.putMonitor({ model: name, window: '1h', windowMs: HOUR, schedule: '*/5 * * * *' });
      await store.foldBatch({
        model: name,
        batchId: 'b1',
        windowStart: 0,
        windowEnd: HOUR,
        rows: 5,
        merge: appendByte(1),
      });
      await store.addReport({
        model: name,
        windowStart: 0,
        windowEnd: HOUR,
        trigger: 'manual',
        report: { mode: 'sketch' },
      });
    }
    expect(await store.deleteModel('gone')).toBe(true);

    expect(await store.getModel('gone')).toBeNull();
    expect(await store.getReference('gone')).toBeNull();
    expect(await store.getMonitor('gone')).toBeNull();
    expect(await store.listWindows('gone', {})).toEqual([]);
    expect(await store.listReports('gone', {})).toEqual([]);
    // The batch id went with its window: a model of the same name starts afresh.
    await store.putModel('gone', spec);
    const again = await store.foldBatch({
      model: 'gone',
      batchId: 'b1',
      windowStart: 0,
      windowEnd: HOUR,
      rows: 5,
      merge: appendByte(2),
    });
    expect(again.duplicate).toBe(false);
    expect(again.window).toMatchObject({ rows: 5, batches: 1 });

    expect(await store.getReference('kept')).not.toBeNull();
    expect(await store.getMonitor('kept')).not.toBeNull();
    expect(await store.listWindows('kept', {})).toHaveLength(1);
    expect(await store.listReports('kept', {})).toHaveLength(1);
  });
});

describe('SqliteStore reference profiles', () => {
  it('stores a large binary profile with its metadata and replaces it', async () => {
    const store = openTemp();
    await store.putModel('m', spec);
    const profile = new Uint8Array(20 * 1024 * 1024);
    for (let i = 0; i < profile.length; i += 4093) profile[i] = i % 251;
    await store.putReference('m', profile, { rows: 100_000, columns: ['age'] });
    const got = await store.getReference('m');
    expect(got?.meta).toEqual({ rows: 100_000, columns: ['age'] });
    expect(got?.updatedAt).toMatch(ISO);
    expect(Buffer.compare(Buffer.from(got!.profile), Buffer.from(profile))).toBe(0);

    await store.putReference('m', new Uint8Array([9]), null);
    const replaced = await store.getReference('m');
    expect([...replaced!.profile]).toEqual([9]);
    expect(replaced!.meta).toBeNull();
  });

  it('accepts a profile that is a view into a larger buffer', async () => {
    const store = openTemp();
    await store.putModel('m', spec);
    const backing = new Uint8Array([0, 1, 2, 3, 4, 5]);
    await store.putReference('m', backing.subarray(2, 4), {});
    expect([...(await store.getReference('m'))!.profile]).toEqual([2, 3]);
  });

  it('refuses a reference for a model that does not exist', async () => {
    const store = openTemp();
    await expect(store.putReference('nope', new Uint8Array(1), {})).rejects.toMatchObject({
      code: 'DRIFTGAUGE_ERR_MODEL_NOT_FOUND',
      statusCode: 404,
      message: "model 'nope' not found",
    });
    expect(await store.getReference('nope')).toBeNull();
  });
});

describe('SqliteStore monitors', () => {
  it('stores, replaces and lists monitors', async () => {
    const store = openTemp();
    await store.putModel('b', spec);
    await store.putModel('a', spec);
    const put = await store.putMonitor({ model: 'b', window: '1h', windowMs: HOUR, schedule: '*/5 * * * *' });
    expect(put).toEqual({
      model: 'b',
      window: '1h',
      windowMs: HOUR,
      schedule: '*/5 * * * *',
      updatedAt: put.updatedAt,
    });
    expect(put).not.toHaveProperty('drift');
    const drift = { method: 'psi', threshold: 0.2 };
    await store.putMonitor({ model: 'a', window: '30m', windowMs: HOUR / 2, schedule: '0 * * * *', drift });
    expect(await store.getMonitor('a')).toMatchObject({ window: '30m', windowMs: HOUR / 2, drift });

    const replaced = await store.putMonitor({ model: 'b', window: '1d', windowMs: 24 * HOUR, schedule: '0 0 * * *' });
    expect(replaced).toMatchObject({ window: '1d', windowMs: 24 * HOUR, schedule: '0 0 * * *' });
    expect((await store.listMonitors()).map((m) => [m.model, m.window])).toEqual([
      ['a', '30m'],
      ['b', '1d'],
    ]);
    expect(await store.getMonitor('none')).toBeNull();
  });

  it('refuses a monitor for a model that does not exist, or without a positive windowMs', async () => {
    const store = openTemp();
    await expect(
      store.putMonitor({ model: 'nope', window: '1h', windowMs: HOUR, schedule: '* * * * *' }),
    ).rejects.toMatchObject({ code: 'DRIFTGAUGE_ERR_MODEL_NOT_FOUND' });
    await store.putModel('m', spec);
    await expect(
      store.putMonitor({ model: 'm', window: '1h', windowMs: 0, schedule: '* * * * *' }),
    ).rejects.toMatchObject({
      code: 'DRIFTGAUGE_ERR_STORE_ARGUMENT',
    });
    expect(await store.listMonitors()).toEqual([]);
  });
});
