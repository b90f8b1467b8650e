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
  DRIFTGAUGE_ERR_ARROW_UNSUPPORTED_FEATURE: {
    status: 422,
    template: '%s: Arrow IPC data uses a feature driftgauge cannot read: %s',
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
  // HTTP service
  DRIFTGAUGE_ERR_MODEL_NOT_FOUND: { status: 404, template: "model '%s' not found" },
  DRIFTGAUGE_ERR_MONITOR_NOT_FOUND: { status: 404, template: "model '%s' has no monitor: PUT /v1/models/%s/monitor" },
  DRIFTGAUGE_ERR_ROUTE_NOT_FOUND: { status: 404, template: 'no route %s %s' },
  DRIFTGAUGE_ERR_NO_REFERENCE: { status: 409, template: "model '%s' has no reference yet: PUT /v1/models/%s/reference first" },
  DRIFTGAUGE_ERR_NO_WINDOW_DATA: { status: 409, template: "model '%s' has no batches in %s" },
  DRIFTGAUGE_ERR_VALIDATION: { status: 400, template: 'invalid request: %s' },
  DRIFTGAUGE_ERR_INVALID_JSON: { status: 400, template: 'request body is not valid JSON: %s' },
  DRIFTGAUGE_ERR_EMPTY_BODY: { status: 400, template: 'request body is empty' },
  DRIFTGAUGE_ERR_BODY_TOO_LARGE: { status: 413, template: 'request body is larger than the limit of %d bytes' },
  DRIFTGAUGE_ERR_UNSUPPORTED_MEDIA_TYPE: { status: 415, template: "content type '%s' is not accepted here: send %s" },
  DRIFTGAUGE_ERR_BAD_ENCODING: { status: 400, template: 'cannot decode the %s request body: %s' },
  DRIFTGAUGE_ERR_SCHEMA_MISMATCH: { status: 422, template: "%s: columns do not match model '%s': %s" },
  DRIFTGAUGE_ERR_INVALID_CRON: { status: 400, template: "invalid cron schedule '%s': %s" },
  DRIFTGAUGE_ERR_INVALID_WINDOW: { status: 400, template: "invalid window '%s': %s" },
  DRIFTGAUGE_ERR_OVERLOADED: { status: 503, template: 'the worker queue is full (%d tasks waiting): retry after %d s' },
  DRIFTGAUGE_ERR_TASK_TIMEOUT: { status: 503, template: 'the worker task did not finish within %d ms' },
  DRIFTGAUGE_ERR_WORKER_CRASHED: { status: 500, template: 'the worker handling this request crashed: %s' },
  DRIFTGAUGE_ERR_NOT_READY: { status: 503, template: 'not ready: %s' },
  DRIFTGAUGE_ERR_PENDING_LIMIT: {
    status: 409,
    template: "model '%s' has no reference yet and this window already holds %d bytes of waiting batches: PUT a reference",
  },
  DRIFTGAUGE_ERR_SHUTTING_DOWN: { status: 503, template: 'the service is shutting down' },
  // Configuration
  DRIFTGAUGE_ERR_CONFIG: { status: 500, template: 'configuration %s %s (got %j)' },
  // TF.js backends (native-bindings/) and multivariate drift (src/multivariate/)
  DRIFTGAUGE_ERR_TF_BACKEND: { status: 500, template: "TF.js backend '%s' was forced but cannot be loaded: %s" },
  DRIFTGAUGE_ERR_TF_UNAVAILABLE: { status: 500, template: '%s needs TF.js, but no TF.js backend is loaded (%s)' },
  // CLI
  DRIFTGAUGE_ERR_USAGE: { status: 400, template: '%s' },
  DRIFTGAUGE_ERR_OUTPUT_WRITE: { status: 500, template: '%s: cannot write output: %s' },
  // Persistence (src/store/)
  DRIFTGAUGE_ERR_STORE_OPEN: { status: 500, template: '%s: cannot open the store: %s' },
  DRIFTGAUGE_ERR_STORE_ARGUMENT: { status: 400, template: 'invalid %s: %s' },
  DRIFTGAUGE_ERR_WINDOW_CONFLICT: {
    status: 409,
    template: "model '%s': the window starting at %s ends at %s, not %s",
  },
  DRIFTGAUGE_ERR_STORE_BUSY: { status: 503, template: 'the store is busy (%s): %s' },
  DRIFTGAUGE_ERR_STORE_IO: { status: 503, template: 'the store cannot %s: %s' },
  DRIFTGAUGE_ERR_STORE_CLOSED: { status: 503, template: 'the store is closed (%s)' },
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

/** The catalogue message for `code` filled with `args`. */
export function formatMessage(code: ErrorCode, ...args: unknown[]): string {
  return format(catalogue[code].template, ...args);
}

/** Builds a catalogued error: `createError('DRIFTGAUGE_ERR_FILE_NOT_FOUND', 'ref.arrow')`. */
export function createError(code: ErrorCode, ...args: unknown[]): DriftgaugeError {
  return new DriftgaugeError(code, formatMessage(code, ...args));
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
