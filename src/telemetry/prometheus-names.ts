/**
 * OTel instrument name and unit → Prometheus metric family name and unit,
 * as the OTel "Prometheus and OpenMetrics compatibility" spec converts them:
 * invalid characters become `_`, the unit (annotations in braces dropped,
 * `s` → `seconds`, ...) is appended unless the name already ends with it,
 * and a counter's samples get `_total` (the family name never has it).
 *
 *   driftgauge.batch.processing, unit s       → driftgauge_batch_processing_seconds
 *   driftgauge.batches, unit {batch}, counter → family driftgauge_batches, sample driftgauge_batches_total
 */

const UNIT_WORDS: Record<string, string> = {
  s: 'seconds',
  ms: 'milliseconds',
  us: 'microseconds',
  ns: 'nanoseconds',
  min: 'minutes',
  h: 'hours',
  d: 'days',
  By: 'bytes',
  KiBy: 'kibibytes',
  MiBy: 'mebibytes',
  m: 'meters',
  V: 'volts',
  A: 'amperes',
  J: 'joules',
  W: 'watts',
  g: 'grams',
  Cel: 'celsius',
  Hz: 'hertz',
  '%': 'percent',
};

/** `[a-zA-Z_:][a-zA-Z0-9_:]*`: every other character becomes `_`; runs of `_` collapse. */
export function sanitizeMetricName(name: string): string {
  let out = name.replace(/[^a-zA-Z0-9_:]/g, '_').replace(/__+/g, '_');
  if (/^[0-9]/.test(out)) out = `_${out}`;
  return out;
}

const labelNames = new Map<string, string>();

/** `[a-zA-Z_][a-zA-Z0-9_]*` for label names (resource attributes become labels of target_info). */
export function sanitizeLabelName(name: string): string {
  if (/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name)) return name;
  const known = labelNames.get(name);
  if (known !== undefined) return known;
  const out = sanitizeUncached(name);
  if (labelNames.size < 1000) labelNames.set(name, out);
  return out;
}

function sanitizeUncached(name: string): string {
  let out = name.replace(/[^a-zA-Z0-9_]/g, '_').replace(/__+/g, '_');
  if (/^[0-9]/.test(out)) out = `_${out}`;
  return out === '' ? '_' : out;
}

/** The Prometheus unit word for an OTel (UCUM) unit; '' for none or annotations only. */
export function prometheusUnit(unit: string, isGauge: boolean): string {
  const bare = unit.replace(/\{[^}]*\}/g, '').trim();
  if (bare === '') return '';
  if (bare === '1') return isGauge ? 'ratio' : '';
  const per = bare.split('/');
  const words = per.map((u) => UNIT_WORDS[u] ?? u);
  return sanitizeMetricName(words.length === 2 ? `${words[0]}_per_${words[1]}` : words.join('_')).replace(/^_+|_+$/g, '');
}

/** An instrument's name and unit in Prometheus spelling. */
export interface PrometheusName {
  /** The metric family name: TYPE/HELP/UNIT lines, gauge samples, histogram sample prefix. */
  family: string;
  /** The UNIT line's value ('' for none): always a suffix of `family`. */
  unit: string;
}

/** Prometheus naming of one instrument; `counter` for monotonic sums. */
export function prometheusName(name: string, unit: string, kind: 'counter' | 'gauge' | 'histogram'): PrometheusName {
  let family = sanitizeMetricName(name);
  const unitWord = prometheusUnit(unit, kind === 'gauge');
  if (kind === 'counter') family = family.replace(/_total$/, '');
  if (unitWord !== '' && !family.endsWith(`_${unitWord}`)) family = `${family}_${unitWord}`;
  return { family, unit: unitWord };
}
