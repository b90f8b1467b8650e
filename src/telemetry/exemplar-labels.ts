/**
 * An exemplar's OpenMetrics rendering: ` # {trace_id="…",span_id="…",k="v"} value timestamp`.
 * OpenMetrics caps the label set at 128 code points of names plus values
 * (quotes, `=` and `,` not counted). The trace and span ids take 63; the
 * filtered attributes are added in order while they fit and skipped when
 * they do not, so an over-long batch id costs its own label, not the
 * exemplar. A label set over the limit anyway is not rendered at all.
 */
import type { Exemplar } from './exemplar.js';
import { codePointLength, escapeLabelValue, formatGoFloat, formatTimestampSeconds } from './exposition-text.js';
import { sanitizeLabelName } from './prometheus-names.js';

/** OpenMetrics 1.0: combined length of an exemplar's label names and values, in code points. */
export const EXEMPLAR_LABEL_LIMIT = 128;

/** `{…}` for the exemplar's labels, or null when even the required ones exceed the limit. */
export function exemplarLabelSet(e: Exemplar, limit = EXEMPLAR_LABEL_LIMIT): string | null {
  const parts: string[] = [];
  let used = 0;
  if (e.traceId !== '') {
    used += 'trace_id'.length + codePointLength(e.traceId) + 'span_id'.length + codePointLength(e.spanId);
    if (used > limit) return null;
    parts.push(`trace_id="${escapeLabelValue(e.traceId)}"`, `span_id="${escapeLabelValue(e.spanId)}"`);
  }
  if (e.filtered !== null) {
    for (const [key, value] of Object.entries(e.filtered)) {
      const name = sanitizeLabelName(key);
      if (name === 'trace_id' || name === 'span_id') continue;
      const cost = codePointLength(name) + codePointLength(value);
      if (used + cost > limit) continue;
      used += cost;
      parts.push(`${name}="${escapeLabelValue(value)}"`);
    }
  }
  return `{${parts.join(',')}}`;
}

/** The exemplar suffix of a sample line (leading space included), or '' when it cannot be rendered. */
export function renderExemplar(e: Exemplar): string {
  const labels = exemplarLabelSet(e);
  if (labels === null) return '';
  return ` # ${labels} ${formatGoFloat(e.value)} ${formatTimestampSeconds(e.timeMs)}`;
}
