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
 * - `page_size = 65536` for a new file (an existing file keeps its pages):
 *   a window's sketches are blobs of about a megabyte, written in WAL frames
 *   of one page each; 64 KiB pages make a durable 1.6 MB append ~2x faster
 *   than 4 KiB pages on the CI disk (bench/ingest-breakdown.ts). The WAL
 *   checkpoints every `WAL_CHECKPOINT_BYTES` whatever the page size.
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
  /** The page size of a new file, a power of two from 512 to 65536; default 65536. An existing file keeps its own. */
  pageSize?: number;
}

/** The file name used when `fileName` is not given. */
export const DEFAULT_FILE_NAME = 'driftgauge.sqlite';

/** The page size of a new file (see the header). */
export const DEFAULT_PAGE_SIZE = 65536;

/** The WAL is checkpointed when it holds about this many bytes (`wal_autocheckpoint` is in pages). */
export const WAL_CHECKPOINT_BYTES = 16 * 2 ** 20;

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
  const pageSize = opts.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) {
    throw createError('DRIFTGAUGE_ERR_STORE_ARGUMENT', 'pageSize', `${pageSize} is not a power of two from 512 to 65536`);
  }
  let db: Database.Database | undefined;
  try {
    mkdirSync(opts.dataDir, { recursive: true });
    // The constructor's timeout is the busy timeout, in force before the first pragma.
    db = new Database(file, { timeout: busyTimeoutMs });
    // Only takes effect before the first table exists, so a new file.
    if (db.pragma('page_count', { simple: true }) === 0) db.pragma(`page_size = ${pageSize}`);
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`journal_mode is ${String(mode)}, WAL is required`);
    configureConnection(db, synchronous);
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

/**
 * The settings every connection to the file needs (they are per connection, not stored in it):
 * the durability level, foreign keys (cascading deletes) and the checkpoint size.
 */
export function configureConnection(db: Database.Database, synchronous: Synchronous): void {
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('foreign_keys = ON');
  db.pragma(`wal_autocheckpoint = ${walCheckpointPages(db)}`);
}

/**
 * The writer thread's connection (appends and compactions): as every connection, with statement
 * and savepoint journals in memory. Every append runs in a savepoint (group-commit.ts) and its
 * INSERTs check foreign keys, so SQLite first copies each 64 KiB page they change; past 64 KiB
 * such a journal spilled to a temporary file, a pwrite of every copied page on every batch. What
 * it holds is bounded by one job (an append, or a compaction's window blob). The main connection
 * keeps the default: its deletes (a model with all its windows) could touch far more pages.
 */
export function configureWriterConnection(db: Database.Database, synchronous: Synchronous): void {
  configureConnection(db, synchronous);
  db.pragma('temp_store = MEMORY');
}

/** `wal_autocheckpoint` for the connection's page size: `WAL_CHECKPOINT_BYTES` worth of pages. */
export function walCheckpointPages(db: Database.Database): number {
  return Math.max(1, Math.round(WAL_CHECKPOINT_BYTES / (db.pragma('page_size', { simple: true }) as number)));
}
