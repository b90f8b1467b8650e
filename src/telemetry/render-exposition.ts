/**
 * Collected metrics (MetricReader.collect()) joined with the exemplar
 * reservoirs → OpenMetrics 1.0 text or Prometheus text 0.0.4.
 *
 *   OpenMetrics: # TYPE / # UNIT / # HELP per family, exemplars on counter
 *   `_total` and histogram `_bucket` lines only (Prometheus 2.42 refuses the
 *   whole scrape for an exemplar on a gauge), canonical `le`, `# EOF` last.
 *   Text 0.0.4: # HELP / # TYPE, no exemplars, no EOF.
 *
 * Exemplar timestamps come from a monotonic clock and a bucket or counter
 * slot is only ever overwritten by a later measurement, so the exemplar a
 * line shows never goes back in time from one scrape to the next.
 */
import type { Attributes, AttributeValue } from '@opentelemetry/api';
import type { Resource } from '@opentelemetry/resources';
import { DataPointType, type MetricData, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { ExemplarReservoir } from './exemplar.js';
import { renderExemplar } from './exemplar-labels.js';
import { escapeHelp, escapeLabelValue, formatCanonicalFloat, formatGoFloat } from './exposition-text.js';
import { prometheusName, sanitizeLabelName } from './prometheus-names.js';
import { latestExemplar } from './simple-fixed-size-reservoir.js';

/** The two text formats GET /metrics speaks. */
export type ExpositionFormat = 'openmetrics' | 'text';

/** Finds a data point's reservoir; instrument-set.ts implements it. */
export interface ExemplarLookup {
  reservoirFor(metricName: string, attributes: Attributes): ExemplarReservoir | null;
}

type Kind = 'counter' | 'gauge' | 'histogram';

function kindOf(m: MetricData): Kind | null {
  switch (m.dataPointType) {
    case DataPointType.SUM:
      return m.isMonotonic ? 'counter' : 'gauge';
    case DataPointType.GAUGE:
      return 'gauge';
    case DataPointType.HISTOGRAM:
      return 'histogram';
    default:
      return null; // exponential histograms have no text form in OpenMetrics 1.0
  }
}

function labelValue(v: AttributeValue | undefined): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return JSON.stringify(v);
  return String(v);
}

/** `a="x",b="y"` from attributes (no braces); '' when empty. */
function labelPairs(attributes: Attributes): string {
  let out = '';
  for (const k in attributes) {
    const v = attributes[k];
    if (v === undefined) continue;
    out += `${out === '' ? '' : ','}${sanitizeLabelName(k)}="${escapeLabelValue(labelValue(v))}"`;
  }
  return out;
}

/** `{a="x",b="y"}` from attributes; '' when empty. */
function labelBlock(attributes: Attributes): string {
  const pairs = labelPairs(attributes);
  return pairs === '' ? '' : `{${pairs}}`;
}

function header(out: string[], format: ExpositionFormat, kind: string, family: string, sample: string, unit: string, help: string) {
  if (format === 'openmetrics') {
    out.push(`# TYPE ${family} ${kind}`);
    if (unit) out.push(`# UNIT ${family} ${unit}`);
    if (help) out.push(`# HELP ${family} ${escapeHelp(help, true)}`);
  } else {
    if (help) out.push(`# HELP ${sample} ${escapeHelp(help, false)}`);
    out.push(`# TYPE ${sample} ${kind === 'info' ? 'gauge' : kind}`);
  }
}

function renderTargetInfo(out: string[], format: ExpositionFormat, resource: Resource) {
  const attrs: Attributes = {};
  for (const [k, v] of Object.entries(resource.attributes)) if (v !== undefined) attrs[k] = v;
  if (Object.keys(attrs).length === 0) return;
  header(out, format, format === 'openmetrics' ? 'info' : 'gauge', 'target', 'target_info', '', 'Target metadata');
  out.push(`target_info${labelBlock(attrs)} 1`);
}

function renderMetric(out: string[], format: ExpositionFormat, m: MetricData, kind: Kind, exemplars: ExemplarLookup | null, seen: Set<string>) {
  const om = format === 'openmetrics';
  const { family, unit } = prometheusName(m.descriptor.name, m.descriptor.unit, kind);
  if (seen.has(family)) return; // a family may appear once; a duplicate name is a bug upstream
  seen.add(family);
  const help = m.descriptor.description;
  if (kind === 'counter') {
    header(out, format, 'counter', family, `${family}_total`, unit, help);
    for (const dp of m.dataPoints as { attributes: Attributes; value: number }[]) {
      let ex = '';
      if (om && exemplars) {
        const kept = exemplars.reservoirFor(m.descriptor.name, dp.attributes)?.collect();
        const e = kept ? latestExemplar(kept) : null;
        if (e) ex = renderExemplar(e);
      }
      out.push(`${family}_total${labelBlock(dp.attributes)} ${formatGoFloat(dp.value)}${ex}`);
    }
    return;
  }
  if (kind === 'gauge') {
    header(out, format, 'gauge', family, family, unit, help);
    for (const dp of m.dataPoints as { attributes: Attributes; value: number }[]) {
      out.push(`${family}${labelBlock(dp.attributes)} ${formatGoFloat(dp.value)}`);
    }
    return;
  }
  header(out, format, 'histogram', family, family, unit, help);
  if (m.dataPointType !== DataPointType.HISTOGRAM) return;
  const formatLe = om ? formatCanonicalFloat : formatGoFloat;
  let leCache: { boundaries: readonly number[]; le: string[] } | null = null;
  for (const dp of m.dataPoints) {
    const { boundaries, counts } = dp.value.buckets;
    if (leCache === null || leCache.boundaries !== boundaries) {
      leCache = { boundaries, le: [...boundaries.map(formatLe), '+Inf'] };
    }
    const kept = om && exemplars ? (exemplars.reservoirFor(m.descriptor.name, dp.attributes)?.collect() ?? null) : null;
    const pairs = labelPairs(dp.attributes);
    const prefix = `${family}_bucket{${pairs === '' ? '' : `${pairs},`}le="`;
    let cumulative = 0;
    for (let i = 0; i <= boundaries.length; i++) {
      cumulative += counts[i] ?? 0;
      const e = kept?.[i] ?? null;
      const ex = e ? renderExemplar(e) : '';
      out.push(`${prefix}${leCache.le[i]}"} ${formatGoFloat(cumulative)}${ex}`);
    }
    const labels = pairs === '' ? '' : `{${pairs}}`;
    out.push(`${family}_sum${labels} ${formatGoFloat(dp.value.sum ?? 0)}`);
    out.push(`${family}_count${labels} ${formatGoFloat(dp.value.count)}`);
  }
}

/** The exposition body for `format`; `exemplars` is consulted for OpenMetrics only. */
export function renderExposition(rm: ResourceMetrics, format: ExpositionFormat, exemplars: ExemplarLookup | null): string {
  const out: string[] = [];
  renderTargetInfo(out, format, rm.resource);
  const seen = new Set<string>(['target']);
  for (const scope of rm.scopeMetrics) {
    for (const m of scope.metrics) {
      const kind = kindOf(m);
      if (kind !== null) renderMetric(out, format, m, kind, exemplars, seen);
    }
  }
  if (format === 'openmetrics') out.push('# EOF');
  return `${out.join('\n')}\n`;
}
