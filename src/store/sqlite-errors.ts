/**
 * SQLite failures as catalogued errors. Only errors that come from SQLite are
 * translated; anything else (a catalogued error, or whatever a merge callback
 * threw) passes through unchanged.
 */
import Database from 'better-sqlite3';
import { createError, type DriftgaugeError } from '../errors.js';

/** Result-code prefixes that mean the file or the disk failed, not the request. */
const IO_CODES = [
  'SQLITE_FULL',
  'SQLITE_IOERR',
  'SQLITE_READONLY',
  'SQLITE_CORRUPT',
  'SQLITE_NOTADB',
  'SQLITE_CANTOPEN',
  'SQLITE_PERM',
  'SQLITE_NOMEM',
  'SQLITE_PROTOCOL',
  'SQLITE_NOLFS',
];

/** better-sqlite3's message when a statement runs on a closed connection. */
const NOT_OPEN = 'The database connection is not open';

/**
 * The catalogued error for a failure of `op` ("fold a batch", ...). `model`,
 * when given, names the model a foreign-key failure is about.
 */
export function storeError(op: string, err: unknown, model?: string): unknown {
  if (err instanceof TypeError && err.message === NOT_OPEN) {
    return withCause(createError('DRIFTGAUGE_ERR_STORE_CLOSED', op), err);
  }
  if (!(err instanceof Database.SqliteError)) return err;
  const code = err.code;
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY' && model !== undefined) {
    return withCause(createError('DRIFTGAUGE_ERR_MODEL_NOT_FOUND', model), err);
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return withCause(createError('DRIFTGAUGE_ERR_STORE_BUSY', op, err.message), err);
  }
  if (code === 'SQLITE_TOOBIG') {
    return withCause(createError('DRIFTGAUGE_ERR_STORE_ARGUMENT', 'value', `${err.message} (${op})`), err);
  }
  if (IO_CODES.some((prefix) => code.startsWith(prefix))) {
    return withCause(createError('DRIFTGAUGE_ERR_STORE_IO', op, `${err.message} (${code})`), err);
  }
  // A constraint or SQL error the store's own checks should have prevented: a bug.
  return withCause(createError('DRIFTGAUGE_ERR_INTERNAL', `${op}: ${err.message} (${code})`), err);
}

function withCause(error: DriftgaugeError, cause: unknown): DriftgaugeError {
  error.cause = cause;
  return error;
}
