import { type Span, SpanStatusCode } from '@opentelemetry/api';

/** Records `err` on `span` as an exception and marks the span failed (the span stays open). */
export function recordSpanError(span: Span, err: unknown): void {
  span.recordException(err instanceof Error ? err : String(err));
  span.setStatus({ code: SpanStatusCode.ERROR });
}
