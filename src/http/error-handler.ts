/**
 * Every error leaves as `{statusCode, code, error, message}` with a
 * catalogued DRIFTGAUGE_ERR_* code: handlers throw catalogued errors, and
 * fastify's own errors (validation, body limits, media types, bad JSON) are
 * translated here, once.
 */
import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createError, DriftgaugeError, isErrorCode, toWire } from '../errors.js';

export interface ErrorBody {
  statusCode: number;
  code: string;
  error: string;
  message: string;
}

export const ERROR_SCHEMA = {
  type: 'object',
  properties: {
    statusCode: { type: 'integer' },
    code: { type: 'string' },
    error: { type: 'string' },
    message: { type: 'string' },
  },
  required: ['statusCode', 'code', 'error', 'message'],
} as const;

/** Maps fastify's own error codes onto the catalogue. */
function translate(err: FastifyError, req: FastifyRequest): DriftgaugeError {
  if (err instanceof DriftgaugeError) return err;
  if (isErrorCode(err.code)) return new DriftgaugeError(err.code, err.message);
  if (err.validation) return createError('DRIFTGAUGE_ERR_VALIDATION', err.message);
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return createError('DRIFTGAUGE_ERR_BODY_TOO_LARGE', req.routeOptions.bodyLimit ?? 0);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return createError('DRIFTGAUGE_ERR_UNSUPPORTED_MEDIA_TYPE', req.headers['content-type'] ?? '(none)', 'a supported content type');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return createError('DRIFTGAUGE_ERR_EMPTY_BODY');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return createError('DRIFTGAUGE_ERR_INVALID_JSON', err.message);
    default:
      break;
  }
  if (err instanceof SyntaxError) return createError('DRIFTGAUGE_ERR_INVALID_JSON', err.message);
  if (err.statusCode === 413) return createError('DRIFTGAUGE_ERR_BODY_TOO_LARGE', req.routeOptions.bodyLimit ?? 0);
  if (err.statusCode === 415) return createError('DRIFTGAUGE_ERR_UNSUPPORTED_MEDIA_TYPE', req.headers['content-type'] ?? '(none)', 'a supported content type');
  const wire = toWire(err);
  return new DriftgaugeError('DRIFTGAUGE_ERR_INTERNAL', wire.message);
}

export function errorBody(err: DriftgaugeError): ErrorBody {
  return { statusCode: err.statusCode, code: err.code, error: STATUS_CODES[err.statusCode] ?? 'Error', message: err.message };
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((raw: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const err = translate(raw, req);
    if (err.statusCode >= 500) req.log.error({ err: raw, code: err.code }, err.message);
    else req.log.info({ code: err.code }, err.message);
    if (err.code === 'DRIFTGAUGE_ERR_OVERLOADED' || err.code === 'DRIFTGAUGE_ERR_SHUTTING_DOWN' || err.code === 'DRIFTGAUGE_ERR_TASK_TIMEOUT') {
      reply.header('retry-after', String((err as DriftgaugeError & { retryAfter?: number }).retryAfter ?? 1));
    }
    void reply.status(err.statusCode).send(errorBody(err));
  });
  app.setNotFoundHandler((req, reply) => {
    const err = createError('DRIFTGAUGE_ERR_ROUTE_NOT_FOUND', req.method, req.url);
    void reply.status(404).send(errorBody(err));
  });
}
