/**
 * An exemplar as the OTel metrics data model has it: one measurement, the
 * time it was made, the span it was made in, and the attributes of the
 * measurement that are not labels of its series ("filtered attributes":
 * a batch id, the feature behind a drift-score observation).
 */
import type { ExemplarSpan } from './exemplar-filter.js';

/** Measurement attributes kept on an exemplar but not labels of the series (batch_id, feature). */
export type FilteredAttributes = Readonly<Record<string, string>>;

/** One kept measurement. */
export interface Exemplar {
  value: number;
  /** Unix milliseconds, from the telemetry's monotonic clock. */
  timeMs: number;
  /** 32 lowercase hex digits, or '' when the measurement had no span (always_on). */
  traceId: string;
  /** 16 lowercase hex digits, or ''. */
  spanId: string;
  filtered: FilteredAttributes | null;
}

/**
 * One reservoir per series. `offer` must not allocate once the reservoir
 * is warm; `collect` copies what is kept and starts a new sampling cycle
 * (the kept exemplars stay until replaced, so every reader sees one).
 */
export interface ExemplarReservoir {
  offer(value: number, timeMs: number, span: ExemplarSpan, filtered: FilteredAttributes | null): void;
  /** Kept exemplars by slot: bucket index for histograms, reservoir slot otherwise. */
  collect(): (Exemplar | null)[];
}

/** A fresh exemplar cell (slots are reused: `writeExemplar` overwrites in place). */
export function emptyExemplar(): Exemplar {
  return { value: 0, timeMs: 0, traceId: '', spanId: '', filtered: null };
}

/** Overwrites `cell` in place: no allocation on the record path. */
export function writeExemplar(
  cell: Exemplar,
  value: number,
  timeMs: number,
  span: ExemplarSpan,
  filtered: FilteredAttributes | null,
): void {
  cell.value = value;
  cell.timeMs = timeMs;
  cell.traceId = span.traceId;
  cell.spanId = span.spanId;
  cell.filtered = filtered;
}

/** A copy of a kept cell, safe to hand to an exporter. */
export function copyExemplar(cell: Exemplar): Exemplar {
  return { value: cell.value, timeMs: cell.timeMs, traceId: cell.traceId, spanId: cell.spanId, filtered: cell.filtered };
}
