import { context } from '@opentelemetry/api';
import type { FastifyRequest } from 'fastify';
import type { TraceCarrier } from '../pool/ingest-task.js';
import { injectToCarrier } from '../telemetry/index.js';

/**
 * The trace context to hand to a worker task: the request's server span
 * (active while the handler runs, see telemetry-plugin.ts), so worker spans
 * are its children. A malformed incoming traceparent never gets this far:
 * the server span started a new root.
 */
export function traceCarrier(_req: FastifyRequest): TraceCarrier | undefined {
  const carrier = injectToCarrier(context.active());
  return carrier.traceparent ? carrier : undefined;
}
