import { trace } from '@opentelemetry/api';

/** pino mixin: the active span's trace_id and span_id, on every log line written inside one. */
export function traceFields(): Record<string, string> {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}
