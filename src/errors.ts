/**
 * The one error catalogue. Every error driftgauge reports carries a stable
 * `DRIFTGAUGE_ERR_*` code, an HTTP status and a message built from the
 * template. Codes are never renamed or reused; retired codes stay listed in
 * docs/errors.md as retired.
 *
 * Errors do not survive `postMessage` as classes, so workers send
 * `{ code, message }` (see `toWire`) and the main thread rebuilds the error
 * with `fromWire`.
 */
import { format } from 'node:util';

export const catalogue = {
  // Input files and Arrow decoding
  DRIFTGAUGE_ERR_FILE_NOT_FOUND: { status: 400, template: '%s: file not found' },
  DRIFTGAUGE_ERR_FILE_READ: { status: 400, template: '%s: cannot read file: %s' },
  DRIFTGAUGE_ERR_ARROW_INVALID: { status: 400, template: '%s: not Arrow IPC data (%s)' },
  DRIFTGAUGE_ERR_ARROW_TRUNCATED: { status: 400, template: '%s: truncated Arrow IPC data (%s)' },
  DRIFTGAUGE_ERR_ARROW_UNSUPPORTED_TYPE: {
    status: 422,
    template: "%s: column '%s' has unsupported Arrow type %s",
  },
  DRIFTGAUGE_ERR_INT64_PRECISION: {
    status: 422,
    template: "%s: column '%s' holds the 64-bit integer %s, beyond 2^53 where float64 loses precision",
  },
  DRIFTGAUGE_ERR_EMPTY_TABLE: { status: 422, template: '%s: the table has no rows' },
  DRIFTGAUGE_ERR_NO_COLUMNS: { status: 422, template: '%s: the table has no columns' },
  DRIFTGAUGE_ERR_DUPLICATE_COLUMN: { status: 422, template: "%s: column '%s' appears more than once" },
  // Comparing two tables
  DRIFTGAUGE_ERR_COLUMN_MISSING: { status: 422, template: "%s: column '%s' is missing (it is in %s)" },
  DRIFTGAUGE_ERR_COLUMN_TYPE_MISMATCH: {
    status: 422,
    template: "%s: column '%s' is %s but %s in %s",
  },
  DRIFTGAUGE_ERR_COLUMN_KIND: { status: 422, template: "%s: column '%s' is %s and cannot be used as %s" },
  // Model spec
  DRIFTGAUGE_ERR_SPEC_JSON: { status: 400, template: '%s: spec is not valid JSON (%s)' },
  DRIFTGAUGE_ERR_SPEC_INVALID: { status: 400, template: '%s: invalid spec: %s' },
  DRIFTGAUGE_ERR_SPEC_COLUMN: { status: 422, template: "%s: column '%s' named in the spec is not in the data" },
  // Statistics that cannot be computed (report error entries, never a failed report)
  DRIFTGAUGE_ERR_NO_VALID_VALUES: { status: 422, template: 'no valid values in %s' },
  DRIFTGAUGE_ERR_STAT_UNDEFINED: { status: 422, template: '%s is undefined: %s' },
  DRIFTGAUGE_ERR_METRIC_UNDEFINED: { status: 422, template: '%s is undefined: %s' },
  // CLI
  DRIFTGAUGE_ERR_USAGE: { status: 400, template: '%s' },
  DRIFTGAUGE_ERR_OUTPUT_WRITE: { status: 500, template: '%s: cannot write output: %s' },
  // Anything unexpected, so a bug still reaches the user with a code
  DRIFTGAUGE_ERR_INTERNAL: { status: 500, template: 'internal error: %s' },
} as const satisfies Record<string, { status: number; template: string }>;

export type ErrorCode = keyof typeof catalogue;

export interface WireError {
  code: string;
  message: string;
}

export class DriftgaugeError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'DriftgaugeError';
    this.code = code;
    this.statusCode = catalogue[code].status;
  }

  toJSON(): WireError {
    return { code: this.code, message: this.message };
  }
}

/** Builds a catalogued error: `createError('DRIFTGAUGE_ERR_FILE_NOT_FOUND', 'ref.arrow')`. */
export function createError(code: ErrorCode, ...args: unknown[]): DriftgaugeError {
  return new DriftgaugeError(code, format(catalogue[code].template, ...args));
}

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(catalogue, code);
}

/** What crosses a thread boundary: code and message only. */
export function toWire(err: unknown): WireError {
  if (err instanceof DriftgaugeError) return err.toJSON();
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'DRIFTGAUGE_ERR_INTERNAL', message: format(catalogue.DRIFTGAUGE_ERR_INTERNAL.template, message) };
}

/** Rebuilds the catalogued error on the main thread from what a worker sent. */
export function fromWire(wire: WireError): DriftgaugeError {
  const code = isErrorCode(wire.code) ? wire.code : 'DRIFTGAUGE_ERR_INTERNAL';
  return new DriftgaugeError(code, wire.message);
}
