/**
 * The exemplar filter of the OTel metrics SDK spec: which measurements may
 * become exemplars. `trace_based` (the default) admits a measurement only
 * when its context (explicit, else the active one) holds a sampled span;
 * `always_on` admits every measurement; `always_off` none, and then the
 * record path does no exemplar work at all (the caller checks `enabled`
 * before reading a context or the clock).
 */
import { type Context, context as contextApi, type SpanContext, TraceFlags, trace } from '@opentelemetry/api';

/** The values of OTEL_METRICS_EXEMPLAR_FILTER. */
export type ExemplarFilter = 'always_on' | 'always_off' | 'trace_based';

const FILTERS: readonly ExemplarFilter[] = ['always_on', 'always_off', 'trace_based'];

/** OTEL_METRICS_EXEMPLAR_FILTER → filter; an unknown value falls back to trace_based with a warning. */
export function parseExemplarFilter(raw: string | undefined): { filter: ExemplarFilter; warning?: string } {
  const v = raw?.trim().toLowerCase();
  if (!v) return { filter: 'trace_based' };
  if ((FILTERS as readonly string[]).includes(v)) return { filter: v as ExemplarFilter };
  return {
    filter: 'trace_based',
    warning: `OTEL_METRICS_EXEMPLAR_FILTER=${JSON.stringify(raw)} is not always_on, always_off or trace_based: using trace_based`,
  };
}

/** The span a measurement is offered with; ids are empty when there is none (always_on without a span). */
export interface ExemplarSpan {
  readonly traceId: string;
  readonly spanId: string;
}

/** Used for always_on measurements made outside any valid span. */
export const NO_SPAN: ExemplarSpan = Object.freeze({ traceId: '', spanId: '' });

function isValidIds(sc: SpanContext): boolean {
  return sc.traceId.length === 32 && sc.spanId.length === 16 && trace.isSpanContextValid(sc);
}

/**
 * Decides, per measurement, whether it is offered to the reservoirs.
 * Construct once per Telemetry; `admit` is only called when `enabled`.
 */
export class ExemplarSampler {
  readonly filter: ExemplarFilter;
  /** False for always_off: callers skip every exemplar step. */
  readonly enabled: boolean;

  constructor(filter: ExemplarFilter) {
    this.filter = filter;
    this.enabled = filter !== 'always_off';
  }

  /** The span to attach, or null when the filter refuses the measurement. */
  admit(ctx: Context | undefined): ExemplarSpan | null {
    if (!this.enabled) return null;
    const sc = trace.getSpanContext(ctx ?? contextApi.active());
    const valid = sc !== undefined && isValidIds(sc);
    if (this.filter === 'always_on') return valid ? sc : NO_SPAN;
    return valid && (sc.traceFlags & TraceFlags.SAMPLED) === TraceFlags.SAMPLED ? sc : null;
  }
}
