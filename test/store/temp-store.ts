import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { SqliteStoreOptions } from '../../src/store/sqlite-open.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite-store.js';

const dirs: string[] = [];
const stores: SqliteStore[] = [];

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory under the OS temp dir, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'driftgauge-store-'));
  dirs.push(dir);
  return dir;
}

/** A store on a real SQLite file in `dataDir` (a fresh temp dir by default), closed after the test. */
export function openTemp(opts: Partial<SqliteStoreOptions> = {}): SqliteStore {
  const store = openSqliteStore({ dataDir: opts.dataDir ?? tempDir(), ...opts });
  stores.push(store);
  return store;
}

/** A merge that appends `byte` to the existing sketch, so the sketch records every fold in order. */
export function appendByte(byte: number): (existing: Uint8Array | null) => Uint8Array {
  return (existing) => Uint8Array.from([...(existing ?? []), byte]);
}

export const HOUR = 3_600_000;
