import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../../src/store/migrations.js';
import { configureConnection, configureWriterConnection } from '../../src/store/sqlite-open.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { appendByte, HOUR, openTemp, tempDir } from './temp-store.js';

describe('openSqliteStore', () => {
  it('creates a missing data directory and the default file in it', async () => {
    const dataDir = join(tempDir(), 'nested', 'data');
    const store = openTemp({ dataDir });
    expect(store.file).toBe(join(dataDir, 'driftgauge.sqlite'));
    await store.ping();
    expect(existsSync(store.file)).toBe(true);
  });

  it('uses the file name it is given', () => {
    const dataDir = tempDir();
    expect(openTemp({ dataDir, fileName: 'other.db' }).file).toBe(join(dataDir, 'other.db'));
  });

  it('runs with WAL, synchronous FULL, foreign keys and a busy timeout', async () => {
    const store = openTemp();
    expect(store.settings()).toEqual({
      file: store.file,
      journalMode: 'wal',
      synchronous: 'FULL',
      foreignKeys: true,
      busyTimeoutMs: 5000,
      schemaVersion,
    });
    await store.putModel('m', {});
    expect(existsSync(`${store.file}-wal`)).toBe(true);
    // WAL is a property of the file: another connection sees it too.
    const other = new Database(store.file, { readonly: true });
    try {
      expect(other.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      other.close();
    }
  });

  it('configures every connection alike, and the writer thread\'s with statement journals in memory', () => {
    const dir = tempDir();
    const main = new Database(join(dir, 'c.db'));
    const writer = new Database(join(dir, 'c.db'));
    try {
      configureConnection(main, 'NORMAL');
      configureWriterConnection(writer, 'NORMAL');
      for (const db of [main, writer]) {
        expect(db.pragma('synchronous', { simple: true })).toBe(1);
        expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
        expect(db.pragma('wal_autocheckpoint', { simple: true })).toBeGreaterThan(0);
      }
      expect(main.pragma('temp_store', { simple: true })).toBe(0);
      expect(writer.pragma('temp_store', { simple: true })).toBe(2);
    } finally {
      main.close();
      writer.close();
    }
  });

  it('takes synchronous NORMAL and a busy timeout when asked', () => {
    const store = openTemp({ synchronous: 'NORMAL', busyTimeoutMs: 250 });
    expect(store.settings()).toMatchObject({ synchronous: 'NORMAL', busyTimeoutMs: 250 });
  });

  it('refuses a synchronous setting other than FULL or NORMAL', () => {
    expect(() => openSqliteStore({ dataDir: tempDir(), synchronous: 'OFF' as 'FULL' })).toThrow(
      expect.objectContaining({ code: 'DRIFTGAUGE_ERR_STORE_ARGUMENT' }),
    );
  });

  it('gives DRIFTGAUGE_ERR_STORE_OPEN for a file that is not a database', () => {
    const dataDir = tempDir();
    const file = join(dataDir, 'driftgauge.sqlite');
    writeFileSync(file, 'this is not an SQLite database, it only sits where one should be\n'.repeat(200));
    let caught: unknown;
    try {
      openSqliteStore({ dataDir });
    } catch (err) {
      caught = err;
    }
    expect(caught).toMatchObject({
      code: 'DRIFTGAUGE_ERR_STORE_OPEN',
      statusCode: 500,
      message: `${file}: cannot open the store: file is not a database`,
    });
  });

  it('gives DRIFTGAUGE_ERR_STORE_OPEN when the data directory is a file', () => {
    const dataDir = join(tempDir(), 'data');
    writeFileSync(dataDir, 'a file, not a directory');
    expect(() => openSqliteStore({ dataDir })).toThrow(expect.objectContaining({ code: 'DRIFTGAUGE_ERR_STORE_OPEN' }));
  });

  it('gives DRIFTGAUGE_ERR_STORE_OPEN for a file written by a newer schema', () => {
    const dataDir = tempDir();
    mkdirSync(dataDir, { recursive: true });
    const db = new Database(join(dataDir, 'driftgauge.sqlite'));
    db.pragma(`user_version = ${schemaVersion + 1}`);
    db.close();
    expect(() => openSqliteStore({ dataDir })).toThrow(
      expect.objectContaining({ code: 'DRIFTGAUGE_ERR_STORE_OPEN', message: expect.stringContaining('newer') }),
    );
  });

  it('gives DRIFTGAUGE_ERR_STORE_BUSY when another connection holds the write lock past the timeout', async () => {
    const store = openTemp({ busyTimeoutMs: 50 });
    await store.putModel('m', {});
    const other = new Database(store.file);
    other.exec('BEGIN IMMEDIATE');
    try {
      await expect(
        store.foldBatch({ model: 'm', batchId: 'b1', windowStart: 0, windowEnd: HOUR, rows: 1, merge: appendByte(1) }),
      ).rejects.toMatchObject({ code: 'DRIFTGAUGE_ERR_STORE_BUSY', statusCode: 503 });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(
      (
        await store.foldBatch({
          model: 'm',
          batchId: 'b1',
          windowStart: 0,
          windowEnd: HOUR,
          rows: 1,
          merge: appendByte(1),
        })
      ).duplicate,
    ).toBe(false);
  });

  it('answers DRIFTGAUGE_ERR_STORE_CLOSED after close, and closes twice harmlessly', async () => {
    const store = openTemp();
    await store.ping();
    await store.close();
    await store.close();
    await expect(store.ping()).rejects.toMatchObject({ code: 'DRIFTGAUGE_ERR_STORE_CLOSED', statusCode: 503 });
    await expect(store.getModel('m')).rejects.toMatchObject({ code: 'DRIFTGAUGE_ERR_STORE_CLOSED' });
  });
});

describe('SqliteStore across a restart', () => {
  it('finds models, references, monitors, open windows, batch ids, reports and leases after reopening', async () => {
    const dataDir = tempDir();
    const first = openSqliteStore({ dataDir });
    await first.putModel('m', { task: 'binary' });
    await first.putReference('m', new Uint8Array([1, 2, 3, 4]), { rows: 4 });
    await first.putMonitor({
      model: 'm',
      window: '1h',
      windowMs: HOUR,
      schedule: '*/5 * * * *',
      drift: { method: 'psi' },
    });
    await first.foldBatchMulti({
      model: 'm',
      batchId: 'b1',
      parts: [
        { windowStart: 0, windowEnd: HOUR, rows: 2, merge: appendByte(1) },
        { windowStart: HOUR, windowEnd: 2 * HOUR, rows: 3, merge: appendByte(2) },
      ],
    });
    const report = await first.addReport({
      model: 'm',
      windowStart: 0,
      windowEnd: HOUR,
      trigger: 'schedule',
      report: { mode: 'sketch' },
    });
    await first.claimJob('monitor:m', 'a', 60_000, 1000);
    const before = {
      models: await first.listModels(),
      reference: await first.getReference('m'),
      monitors: await first.listMonitors(),
      windows: await first.listWindows('m', {}),
    };
    await first.close();

    const second = openTemp({ dataDir });
    expect(await second.listModels()).toEqual(before.models);
    expect(await second.getReference('m')).toEqual(before.reference);
    expect(await second.listMonitors()).toEqual(before.monitors);
    expect(await second.listWindows('m', {})).toEqual(before.windows);
    expect(await second.latestWindow('m')).toMatchObject({ start: HOUR, rows: 3, batches: 1 });
    expect(await second.listReports('m', {})).toEqual([report]);
    expect(
      (
        await second.foldBatch({
          model: 'm',
          batchId: 'b1',
          windowStart: 0,
          windowEnd: HOUR,
          rows: 2,
          merge: appendByte(9),
        })
      ).duplicate,
    ).toBe(true);
    expect(await second.claimJob('monitor:m', 'b', 60_000, 2000)).toBe(false);
    expect(second.settings().schemaVersion).toBe(schemaVersion);
  });
});

describe('migrations', () => {
  it('numbers the migrations 1, 2, ... so user_version counts them', async () => {
    const { migrations } = await import('../../src/store/migrations.js');
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(schemaVersion).toBe(migrations.length);
  });
});
