/**
 * The lexical rules shared by OpenMetrics 1.0 and the Prometheus text
 * format 0.0.4: number rendering, escaping, code-point length.
 */

/**
 * Go's `strconv.FormatFloat(v, 'g', -1, 64)`, which Prometheus' own client
 * uses: shortest round-trip digits, exponent form below 1e-4 or from 1e6
 * (`1e-05`, `100000`, `1e+06`), `+Inf`, `-Inf`, `NaN`.
 */
export function formatGoFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Number.POSITIVE_INFINITY) return '+Inf';
  if (v === Number.NEGATIVE_INFINITY) return '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const abs = v < 0 ? -v : v;
  // Where JS and Go both print fixed notation with the same shortest digits.
  if (abs >= 1e-4 && abs < 1e6) return String(v);
  const [mantissa, expPart] = v.toExponential().split('e');
  const exp = Number(expPart);
  if (exp < -4 || exp >= 6) {
    const digits = String(Math.abs(exp)).padStart(2, '0');
    return `${mantissa}e${exp < 0 ? '-' : '+'}${digits}`;
  }
  return String(v);
}

/**
 * OpenMetrics canonical number for `le` and `quantile` label values:
 * Go's %g with `.0` appended when there is neither a point nor an exponent
 * (`1.0`, `0.001`, `100000.0`, `1e+06`, `+Inf`).
 */
export function formatCanonicalFloat(v: number): string {
  const s = formatGoFloat(v);
  return /^[-+]?\d+$/.test(s) ? `${s}.0` : s;
}

/** Label values, both formats: backslash, double quote and line feed escaped. */
export function escapeLabelValue(s: string): string {
  return /[\\"\n]/.test(s) ? s.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`)) : s;
}

/** HELP text: OpenMetrics escapes `\`, `"` and line feed; text 0.0.4 only `\` and line feed. */
export function escapeHelp(s: string, openMetrics: boolean): string {
  const re = openMetrics ? /[\\"\n]/g : /[\\\n]/g;
  return s.replace(re, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

/** Unicode code points in `s` (a surrogate pair counts once), as OpenMetrics' 128 limit counts them. */
export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** Exemplar timestamps: Unix seconds with millisecond decimals (never exponent form). */
export function formatTimestampSeconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}
