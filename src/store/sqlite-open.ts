/**
 * Opens the SQLite file for the store: creates the data directory, sets the
 * connection's pragmas and migrates the schema. Any failure, including a file
 * that is not a database, becomes `DRIFTGAUGE_ERR_STORE_OPEN` naming the file.
 *
 * Pragmas, and why:
 * - `journal_mode = WAL`: readers do not block the writer, and a commit is
 *   one append to the WAL (persistent in the file).
 * - `synchronous`: FULL fsyncs the WAL at every commit, so an acknowledged
 *   batch survives power loss as well as `kill -9`; NORMAL fsyncs only at
 *   checkpoints (survives `kill -9`, may lose the last commits on power loss).
 *   See bench/store.bench.ts for the cost.
 * - `foreign_keys = ON`: per connection; the cascades of migrations.ts need it.
 * - `busy_timeout`: waits for another connection's write lock instead of
 *   failing at once.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createError } from '../errors.js';
import { migrate } from './migrations.js';

/** How durable a commit is when the store acknowledges it. */
export type Synchronous = 'FULL' | 'NORMAL';

/** Options of `openSqliteStore`. */
export interface SqliteStoreOptions {
  /** The directory of the database file, created when missing (`DRIFTGAUGE_DATA_DIR`, default ./data). */
  dataDir: string;
  /** The file name inside `dataDir`; default `driftgauge.sqlite`. */
  fileName?: string;
  /** Default FULL: see the header of this file. */
  synchronous?: Synchronous;
  /** How long a write waits for another connection's lock; default 5000 ms. */
  busyTimeoutMs?: number;
}

/** The file name used when `fileName` is not given. */
export const DEFAULT_FILE_NAME = 'driftgauge.sqlite';

/** Opens, configures and migrates the database; returns the connection and its path. */
export function openDatabase(opts: SqliteStoreOptions): { db: Database.Database; file: string } {
  const file = join(opts.dataDir, opts.fileName ?? DEFAULT_FILE_NAME);
  const synchronous = opts.synchronous ?? 'FULL';
  const busyTimeoutMs = opts.busyTimeoutMs ?? 5000;
  if (synchronous !== 'FULL' && synchronous !== 'NORMAL') {
    throw createError(
      'DRIFTGAUGE_ERR_STORE_ARGUMENT',
      'synchronous',
      `${JSON.stringify(synchronous)} is not "FULL" or "NORMAL"`,
    );
  }
  if (!Number.isSafeInteger(busyTimeoutMs) || busyTimeoutMs < 0) {
    throw createError('DRIFTGAUGE_ERR_STORE_ARGUMENT', 'busyTimeoutMs', `${busyTimeoutMs} is not an integer ≥ 0`);
  }
  let db: Database.Database | undefined;
  try {
    mkdirSync(opts.dataDir, { recursive: true });
    // The constructor's timeout is the busy timeout, in force before the first pragma.
    db = new Database(file, { timeout: busyTimeoutMs });
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`journal_mode is ${String(mode)}, WAL is required`);
    db.pragma(`synchronous = ${synchronous}`);
    db.pragma('foreign_keys = ON');
    migrate(db);
    return { db, file };
  } catch (err) {
    try {
      db?.close();
    } catch {
      // Already failing; the open error below is the one to report.
    }
    const reason = err instanceof Error ? err.message : String(err);
    const error = createError('DRIFTGAUGE_ERR_STORE_OPEN', file, reason);
    error.cause = err;
    throw error;
  }
}
