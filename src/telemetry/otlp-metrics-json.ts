/**
 * ResourceMetrics + exemplar reservoirs → an OTLP ExportMetricsServiceRequest
 * in the OTLP/JSON encoding (opentelemetry-proto, JSON mapping): hex trace
 * and span ids, 64-bit integers as decimal strings, enums as numbers.
 * Written here because the OTel JS transformer drops exemplars; with it,
 * gauge, sum and histogram data points carry theirs (OTLP allows exemplars
 * on gauges, unlike OpenMetrics).
 */
import type { Attributes, AttributeValue, HrTime } from '@opentelemetry/api';
import { AggregationTemporality, DataPointType, type MetricData, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { Exemplar } from './exemplar.js';
import type { ExemplarLookup } from './render-exposition.js';

type AnyValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: string }
  | { doubleValue: number }
  | { arrayValue: { values: AnyValue[] } };

interface KeyValue {
  key: string;
  value: AnyValue;
}

function anyValue(v: AttributeValue): AnyValue {
  if (typeof v === 'string') return { stringValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  if (typeof v === 'number') return Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v };
  return { arrayValue: { values: (v as unknown[]).filter((x) => x !== null && x !== undefined).map((x) => anyValue(x as AttributeValue)) } };
}

/** OTLP attributes from an attribute map (undefined values skipped). */
export function toKeyValues(attrs: Attributes | Readonly<Record<string, string>>): KeyValue[] {
  const out: KeyValue[] = [];
  for (const [key, v] of Object.entries(attrs)) if (v !== undefined && v !== null) out.push({ key, value: anyValue(v as AttributeValue) });
  return out;
}

/** HrTime → nanoseconds since the epoch, as a decimal string. */
export function hrTimeToNanos(t: HrTime): string {
  return (BigInt(t[0]) * 1_000_000_000n + BigInt(t[1])).toString();
}

/** Unix milliseconds (fractional) → nanoseconds, as a decimal string. */
export function millisToNanos(ms: number): string {
  const whole = Math.floor(ms);
  return (BigInt(whole) * 1_000_000n + BigInt(Math.round((ms - whole) * 1e6))).toString();
}

function exemplarJson(e: Exemplar) {
  return {
    filteredAttributes: e.filtered ? toKeyValues(e.filtered) : [],
    timeUnixNano: millisToNanos(e.timeMs),
    asDouble: e.value,
    ...(e.traceId !== '' ? { traceId: e.traceId, spanId: e.spanId } : {}),
  };
}

function exemplarsOf(lookup: ExemplarLookup | null, name: string, attributes: Attributes) {
  const kept = lookup?.reservoirFor(name, attributes)?.collect() ?? [];
  return kept.filter((e): e is Exemplar => e !== null).map(exemplarJson);
}

const CUMULATIVE = 2;
const DELTA = 1;

function metricJson(m: MetricData, lookup: ExemplarLookup | null) {
  const base = { name: m.descriptor.name, description: m.descriptor.description, unit: m.descriptor.unit };
  const temporality = m.aggregationTemporality === AggregationTemporality.DELTA ? DELTA : CUMULATIVE;
  switch (m.dataPointType) {
    case DataPointType.GAUGE:
    case DataPointType.SUM: {
      const dataPoints = m.dataPoints.map((dp) => ({
        attributes: toKeyValues(dp.attributes),
        startTimeUnixNano: hrTimeToNanos(dp.startTime),
        timeUnixNano: hrTimeToNanos(dp.endTime),
        asDouble: dp.value,
        exemplars: exemplarsOf(lookup, m.descriptor.name, dp.attributes),
      }));
      if (m.dataPointType === DataPointType.GAUGE) return { ...base, gauge: { dataPoints } };
      return { ...base, sum: { dataPoints, aggregationTemporality: temporality, isMonotonic: m.isMonotonic } };
    }
    case DataPointType.HISTOGRAM: {
      const dataPoints = m.dataPoints.map((dp) => ({
        attributes: toKeyValues(dp.attributes),
        startTimeUnixNano: hrTimeToNanos(dp.startTime),
        timeUnixNano: hrTimeToNanos(dp.endTime),
        count: String(dp.value.count),
        sum: dp.value.sum,
        bucketCounts: dp.value.buckets.counts.map(String),
        explicitBounds: dp.value.buckets.boundaries,
        exemplars: exemplarsOf(lookup, m.descriptor.name, dp.attributes),
        ...(dp.value.min !== undefined && Number.isFinite(dp.value.min) ? { min: dp.value.min } : {}),
        ...(dp.value.max !== undefined && Number.isFinite(dp.value.max) ? { max: dp.value.max } : {}),
      }));
      return { ...base, histogram: { dataPoints, aggregationTemporality: temporality } };
    }
    default:
      return null; // no exponential histograms are created here
  }
}

/** The request body object; JSON.stringify it to send. */
export function toOtlpMetricsRequest(rm: ResourceMetrics, lookup: ExemplarLookup | null) {
  return {
    resourceMetrics: [
      {
        resource: { attributes: toKeyValues(rm.resource.attributes), droppedAttributesCount: 0 },
        scopeMetrics: rm.scopeMetrics.map((s) => ({
          scope: { name: s.scope.name, version: s.scope.version ?? '' },
          metrics: s.metrics.map((m) => metricJson(m, lookup)).filter((m) => m !== null),
        })),
      },
    ],
  };
}
