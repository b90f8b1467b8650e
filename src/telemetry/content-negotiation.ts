/**
 * GET /metrics content negotiation on Accept (RFC 9110 media ranges with q):
 * OpenMetrics 1.0 when `application/openmetrics-text` (version 1.0.0 or
 * none given) is acceptable and weighs at least as much as the text
 * format; otherwise the Prometheus text format 0.0.4, the safe default for
 * a missing, empty, malformed or wildcard Accept.
 *
 * Prometheus 2.42 sends
 *   application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,
 *   text/plain;version=0.0.4;q=0.5,*\/*;q=0.1
 * and gets OpenMetrics.
 */
import type { ExpositionFormat } from './render-exposition.js';

/** Content-Type of an OpenMetrics 1.0 answer. */
export const OPENMETRICS_CONTENT_TYPE = 'application/openmetrics-text; version=1.0.0; charset=utf-8';
/** Content-Type of a Prometheus text 0.0.4 answer. */
export const TEXT_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

interface MediaRange {
  type: string;
  params: Map<string, string>;
  q: number;
}

function parseAccept(accept: string): MediaRange[] {
  const out: MediaRange[] = [];
  for (const part of accept.split(',')) {
    const [rawType, ...rawParams] = part.split(';');
    const type = rawType.trim().toLowerCase();
    if (!/^[\w.+*-]+\/[\w.+*-]+$/.test(type)) continue;
    const params = new Map<string, string>();
    let q = 1;
    for (const p of rawParams) {
      const eq = p.indexOf('=');
      if (eq < 0) continue;
      const key = p.slice(0, eq).trim().toLowerCase();
      const value = p.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
      if (key === 'q') {
        const v = Number(value);
        q = Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0;
      } else params.set(key, value);
    }
    out.push({ type, params, q });
  }
  return out;
}

/** The highest q among ranges matching `type` for which `ok` holds (0 if none). */
function weight(ranges: readonly MediaRange[], type: string, ok: (r: MediaRange) => boolean): number {
  let best = 0;
  for (const r of ranges) if (r.type === type && ok(r) && r.q > best) best = r.q;
  return best;
}

/** The format to serve for this Accept header. */
export function negotiateExposition(accept: string | undefined): ExpositionFormat {
  if (!accept) return 'text';
  const ranges = parseAccept(accept);
  const om = weight(ranges, 'application/openmetrics-text', (r) => {
    const v = r.params.get('version');
    return v === undefined || v === '1.0.0';
  });
  if (om === 0) return 'text';
  const text = Math.max(
    weight(ranges, 'text/plain', (r) => {
      const v = r.params.get('version');
      return v === undefined || v === '0.0.4';
    }),
    weight(ranges, 'text/*', () => true),
  );
  return om >= text ? 'openmetrics' : 'text';
}

/** The Content-Type header for a format. */
export function contentTypeOf(format: ExpositionFormat): string {
  return format === 'openmetrics' ? OPENMETRICS_CONTENT_TYPE : TEXT_CONTENT_TYPE;
}
