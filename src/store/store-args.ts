/**
 * Argument checks shared by every store implementation, so SQLite and a
 * shared store refuse the same values with the same
 * `DRIFTGAUGE_ERR_STORE_ARGUMENT` messages.
 */
import { createError } from '../errors.js';
import type { AppendPart, FoldPart, ReportRecord } from './store.js';

/** `listReports` `limit` when none is given. */
export const REPORT_LIMIT_DEFAULT = 50;
/** The most reports one `listReports` call returns. */
export const REPORT_LIMIT_MAX = 1000;

/** `listBatchTraceparents` `limit` when none is given: OTel's default span link limit. */
export const TRACEPARENT_LIMIT_DEFAULT = 128;
/** The most traceparents one `listBatchTraceparents` call returns. */
export const TRACEPARENT_LIMIT_MAX = 1000;

const TRACEPARENT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/**
 * A batch's traceparent as stored: `null` when absent; a W3C version-00
 * `traceparent` (lowercase hex, non-zero ids) as is; anything else refused.
 */
export function checkTraceparent(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || !TRACEPARENT.test(value) || /^00-0{32}-/.test(value) || /-0{16}-[0-9a-f]{2}$/.test(value)) {
    throw createError('DRIFTGAUGE_ERR_STORE_ARGUMENT', 'traceparent', `${JSON.stringify(value)?.slice(0, 80)} is not a W3C traceparent (00-<trace id>-<span id>-<flags>)`);
  }
  return value;
}

/** `listBatchTraceparents` `limit` filled with its default and clamped to the ceiling; refuses non-positive and fractional values. */
export function traceparentLimit(limit: number | undefined): number {
  if (limit === undefined) return TRACEPARENT_LIMIT_DEFAULT;
  if (!Number.isInteger(limit) || limit < 1) {
    throw createError('DRIFTGAUGE_ERR_STORE_ARGUMENT', 'limit', `${limit} is not a positive integer`);
  }
  return Math.min(limit, TRACEPARENT_LIMIT_MAX);
}

/** `value` as a canonical ISO 8601 UTC string, so stored timestamps compare as text. */
export function isoTime(name: string, value: string): string {
  const ms = typeof value === 'string' && value !== '' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms))
    throw createError('DRIFTGAUGE_ERR_STORE_ARGUMENT', name, `${JSON.stringify(value)} is not a date`);
  return new Date(ms).toISOString();
}

/** `limit` filled with its default and clamped to the ceiling; refuses non-positive and fractional values. */
export function reportLimit(limit: number | undefined): number {
  if (limit === undefined) return REPORT_LIMIT_DEFAULT;
  if (!Number.isInteger(limit) || limit < 1) {
    throw createError('DRIFTGAUGE_ERR_STORE_ARGUMENT', 'limit', `${limit} is not a positive integer`);
  }
  return Math.min(limit, REPORT_LIMIT_MAX);
}

/** Refuses anything but a safe integer (epoch ms, row counts), optionally with a lower bound. */
export function checkInteger(name: string, value: number, min = Number.MIN_SAFE_INTEGER): number {
  if (!Number.isSafeInteger(value) || value < min) {
    const want = min === Number.MIN_SAFE_INTEGER ? 'a safe integer' : `an integer ≥ ${min}`;
    throw createError('DRIFTGAUGE_ERR_STORE_ARGUMENT', name, `${value} is not ${want}`);
  }
  return value;
}

/** Refuses an empty or non-string name (models, batch ids, job keys). */
export function checkName(name: string, value: string): string {
  if (typeof value !== 'string' || value === '') {
    throw createError('DRIFTGAUGE_ERR_STORE_ARGUMENT', name, 'must be a non-empty string');
  }
  return value;
}

/** `value` as JSON text; refuses values JSON cannot hold (undefined, functions, BigInt, cycles). */
export function jsonText(name: string, value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (err) {
    throw createError('DRIFTGAUGE_ERR_STORE_ARGUMENT', name, `not JSON (${(err as Error).message})`);
  }
  if (text === undefined) throw createError('DRIFTGAUGE_ERR_STORE_ARGUMENT', name, 'not JSON');
  return text;
}

/** Refuses a report trigger other than the two the schema knows. */
export function checkTrigger(value: string): ReportRecord['trigger'] {
  if (value !== 'schedule' && value !== 'manual') {
    throw createError(
      'DRIFTGAUGE_ERR_STORE_ARGUMENT',
      'trigger',
      `${JSON.stringify(value)} is not "schedule" or "manual"`,
    );
  }
  return value;
}

/** Refuses an empty part list, a window that does not end after it starts, negative rows, two parts for one window. */
export function checkParts(parts: readonly FoldPart[]): void {
  checkWindows(parts);
  for (const part of parts) {
    if (typeof part.merge !== 'function') throw createError('DRIFTGAUGE_ERR_STORE_ARGUMENT', 'merge', 'not a function');
  }
}

/** `checkParts` for appended parts, whose delta must be bytes. */
export function checkAppendParts(parts: readonly AppendPart[]): void {
  checkWindows(parts);
  for (const part of parts) {
    if (!(part.delta instanceof Uint8Array)) throw createError('DRIFTGAUGE_ERR_STORE_ARGUMENT', 'delta', 'not a Uint8Array');
    checkBlobToPost('delta', part.delta);
  }
}

/**
 * A window blob on its way to the writer thread is never empty. An empty view is most likely one an
 * earlier call moved there: posted again, node drops the message without a word, and the call would
 * never settle.
 */
export function checkBlobToPost(name: string, bytes: Uint8Array): void {
  if (bytes.byteLength === 0) throw createError('DRIFTGAUGE_ERR_STORE_ARGUMENT', name, 'empty (a buffer an earlier call moved?)');
}

function checkWindows(parts: readonly { windowStart: number; windowEnd: number; rows: number }[]): void {
  if (!Array.isArray(parts) || parts.length === 0) {
    throw createError('DRIFTGAUGE_ERR_STORE_ARGUMENT', 'parts', 'a batch folds into at least one window');
  }
  const starts = new Set<number>();
  for (const part of parts) {
    checkInteger('windowStart', part.windowStart);
    checkInteger('windowEnd', part.windowEnd, part.windowStart + 1);
    checkInteger('rows', part.rows, 0);
    if (starts.has(part.windowStart)) {
      throw createError(
        'DRIFTGAUGE_ERR_STORE_ARGUMENT',
        'parts',
        `two parts for the window starting at ${part.windowStart}`,
      );
    }
    starts.add(part.windowStart);
  }
}

/** Refuses a merge result that is not bytes (a Promise from an async merge, say). */
export function checkSketch(value: unknown): Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw createError('DRIFTGAUGE_ERR_STORE_ARGUMENT', 'merge result', 'merge must return a Uint8Array synchronously');
  }
  return value;
}
