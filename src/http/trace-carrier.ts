import type { FastifyRequest } from 'fastify';
import type { TraceCarrier } from '../pool/ingest-task.js';

/** The W3C trace context of a request, to hand to a worker task. */
export function traceCarrier(req: FastifyRequest): TraceCarrier | undefined {
  const traceparent = req.headers.traceparent;
  if (typeof traceparent !== 'string') return undefined;
  const tracestate = req.headers.tracestate;
  return { traceparent, tracestate: typeof tracestate === 'string' ? tracestate : undefined };
}
