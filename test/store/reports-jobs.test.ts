import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOUR, openTemp } from './temp-store.js';

describe('SqliteStore reports', () => {
  it('adds a report and returns it with its id and createdAt', async () => {
    const store = openTemp();
    await store.putModel('m', {});
    const report = { mode: 'sketch', dataset: { detected: true, share: 0.5 } };
    const added = await store.addReport({ model: 'm', windowStart: 0, windowEnd: HOUR, trigger: 'schedule', report });
    expect(added).toEqual({
      id: added.id,
      model: 'm',
      createdAt: added.createdAt,
      windowStart: 0,
      windowEnd: HOUR,
      trigger: 'schedule',
      report,
    });
    expect(Number.isInteger(added.id)).toBe(true);
    expect(await store.listReports('m', {})).toEqual([added]);
  });

  it('keeps a report without a window and normalises createdAt to UTC ISO', async () => {
    const store = openTemp();
    await store.putModel('m', {});
    const added = await store.addReport({
      model: 'm',
      windowStart: null,
      windowEnd: null,
      trigger: 'manual',
      report: {},
      createdAt: '2024-05-01T12:00:00+02:00',
    });
    expect(added).toMatchObject({ windowStart: null, windowEnd: null, createdAt: '2024-05-01T10:00:00.000Z' });
  });

  it('lists newest first, from `since` inclusive, up to `limit`', async () => {
    const store = openTemp();
    await store.putModel('m', {});
    await store.putModel('other', {});
    const at = (minute: number) => new Date(Date.UTC(2024, 0, 1, 0, minute)).toISOString();
    // Added out of order, and two reports at the same instant (ordered by id).
    for (const minute of [3, 1, 4, 1, 5, 9, 2, 6]) {
      await store.addReport({
        model: 'm',
        windowStart: null,
        windowEnd: null,
        trigger: 'schedule',
        report: { minute },
        createdAt: at(minute),
      });
    }
    await store.addReport({
      model: 'other',
      windowStart: null,
      windowEnd: null,
      trigger: 'manual',
      report: {},
      createdAt: at(7),
    });

    const all = await store.listReports('m', {});
    expect(all.map((r) => (r.report as { minute: number }).minute)).toEqual([9, 6, 5, 4, 3, 2, 1, 1]);
    const ones = all.filter((r) => (r.report as { minute: number }).minute === 1);
    expect(ones[0].id).toBeGreaterThan(ones[1].id);

    const since = await store.listReports('m', { since: at(4) });
    expect(since.map((r) => (r.report as { minute: number }).minute)).toEqual([9, 6, 5, 4]);
    const limited = await store.listReports('m', { since: at(2), limit: 2 });
    expect(limited.map((r) => (r.report as { minute: number }).minute)).toEqual([9, 6]);
    // `since` in another offset means the same instant.
    expect(await store.listReports('m', { since: '2024-01-01T01:04:00+01:00' })).toHaveLength(4);
  });

  it('defaults limit to 50 and caps it at 1000', async () => {
    const store = openTemp();
    await store.putModel('m', {});
    for (let i = 0; i < 1005; i++) {
      await store.addReport({ model: 'm', windowStart: null, windowEnd: null, trigger: 'schedule', report: { i } });
    }
    expect(await store.listReports('m', {})).toHaveLength(50);
    expect(await store.listReports('m', { limit: 5000 })).toHaveLength(1000);
    expect(await store.listReports('m')).toHaveLength(50);
  });

  it('refuses a bad since, limit or trigger, and a report for a model that does not exist', async () => {
    const store = openTemp();
    await store.putModel('m', {});
    await expect(store.listReports('m', { since: 'yesterday' })).rejects.toMatchObject({
      code: 'DRIFTGAUGE_ERR_STORE_ARGUMENT',
      message: 'invalid since: "yesterday" is not a date',
    });
    for (const limit of [0, -1, 1.5]) {
      await expect(store.listReports('m', { limit })).rejects.toMatchObject({ code: 'DRIFTGAUGE_ERR_STORE_ARGUMENT' });
    }
    const bad = { model: 'm', windowStart: null, windowEnd: null, report: {} };
    await expect(store.addReport({ ...bad, trigger: 'cron' as 'manual' })).rejects.toMatchObject({
      code: 'DRIFTGAUGE_ERR_STORE_ARGUMENT',
    });
    await expect(store.addReport({ ...bad, model: 'nope', trigger: 'manual' })).rejects.toMatchObject({
      code: 'DRIFTGAUGE_ERR_MODEL_NOT_FOUND',
    });
    expect(await store.listReports('m', {})).toEqual([]);
  });
});

describe('SqliteStore claimJob', () => {
  const T0 = 1_700_000_000_000;

  it('gives the lease to the first owner and refuses a second until it expires', async () => {
    const store = openTemp();
    expect(await store.claimJob('monitor:m', 'replica-a', 60_000, T0)).toBe(true);
    expect(await store.claimJob('monitor:m', 'replica-b', 60_000, T0 + 1)).toBe(false);
    expect(await store.claimJob('monitor:m', 'replica-b', 60_000, T0 + 59_999)).toBe(false);
    expect(await store.claimJob('monitor:m', 'replica-b', 60_000, T0 + 60_000)).toBe(true);
    expect(await store.claimJob('monitor:m', 'replica-a', 60_000, T0 + 60_001)).toBe(false);
  });

  it('lets the holder renew its lease, which pushes the expiry', async () => {
    const store = openTemp();
    expect(await store.claimJob('k', 'a', 1000, T0)).toBe(true);
    expect(await store.claimJob('k', 'a', 1000, T0 + 900)).toBe(true);
    expect(await store.claimJob('k', 'b', 1000, T0 + 1500)).toBe(false);
    expect(await store.claimJob('k', 'b', 1000, T0 + 1900)).toBe(true);
  });

  it('keeps leases of different keys apart', async () => {
    const store = openTemp();
    expect(await store.claimJob('k1', 'a', 1000, T0)).toBe(true);
    expect(await store.claimJob('k2', 'b', 1000, T0)).toBe(true);
  });

  it('shares leases between two connections on one file', async () => {
    const first = openTemp();
    const second = openTemp({ dataDir: dirname(first.file) });
    expect(await first.claimJob('k', 'a', 1000, T0)).toBe(true);
    expect(await second.claimJob('k', 'b', 1000, T0 + 10)).toBe(false);
    expect(await second.claimJob('k', 'b', 1000, T0 + 1000)).toBe(true);
    expect(await first.claimJob('k', 'a', 1000, T0 + 1001)).toBe(false);
  });

  it('refuses a lease that is not a positive integer', async () => {
    const store = openTemp();
    await expect(store.claimJob('k', 'a', 0, T0)).rejects.toMatchObject({ code: 'DRIFTGAUGE_ERR_STORE_ARGUMENT' });
  });
});
