/**
 * The standard OTEL_* environment variables, read once into typed settings.
 * Bad values never stop the service (the OTel spec: "MUST NOT fail"): they
 * fall back to the default and are listed in `warnings` for the caller to log.
 *
 * Supported: OTEL_SDK_DISABLED, OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES,
 * OTEL_TRACES_SAMPLER(_ARG), OTEL_TRACES_EXPORTER, OTEL_METRICS_EXPORTER,
 * OTEL_EXPORTER_OTLP_(TRACES_|METRICS_)ENDPOINT / HEADERS / TIMEOUT / PROTOCOL,
 * OTEL_METRIC_EXPORT_INTERVAL / TIMEOUT, OTEL_METRICS_EXEMPLAR_FILTER.
 */
import { type ExemplarFilter, parseExemplarFilter } from './exemplar-filter.js';

/** An environment (process.env or a test's map). */
export type Env = Record<string, string | undefined>;

/** The values of OTEL_TRACES_SAMPLER driftgauge supports (all the spec's built-ins). */
export type SamplerName =
  | 'always_on'
  | 'always_off'
  | 'traceidratio'
  | 'parentbased_always_on'
  | 'parentbased_always_off'
  | 'parentbased_traceidratio';

const SAMPLERS: readonly SamplerName[] = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
];

/** Where and how one signal is pushed over OTLP/HTTP (JSON encoding). */
export interface OtlpTarget {
  url: string;
  headers: Record<string, string>;
  timeoutMillis: number;
}

/** Everything telemetry reads from OTEL_*, validated. */
export interface OtelSettings {
  disabled: boolean;
  serviceName: string;
  resourceAttributes: Record<string, string>;
  sampler: SamplerName;
  /** Ratio for the *traceidratio samplers, 0..1. */
  samplerRatio: number;
  exemplarFilter: ExemplarFilter;
  /** Absent: no trace export (spans still carry ids for exemplars). */
  traces?: OtlpTarget;
  /** Absent: no metric push (GET /metrics still works). */
  metrics?: OtlpTarget & { intervalMillis: number };
  /** Values that were ignored, one line each, for the caller's logger. */
  warnings: string[];
}

/** Parses `k1=v1,k2=v2` (values percent-decoded, the W3C Baggage octet rules); null if malformed. */
export function parseKeyValueList(raw: string): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const part of raw.split(',')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) return null;
    const key = part.slice(0, eq).trim();
    let value: string;
    try {
      value = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return null;
    }
    if (key === '') return null;
    out[key] = value;
  }
  return out;
}

function positiveInt(env: Env, name: string, fallback: number, warnings: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const v = Number(raw);
  if (Number.isInteger(v) && v > 0) return v;
  warnings.push(`${name}=${JSON.stringify(raw)} is not a positive integer: using ${fallback}`);
  return fallback;
}

function joinPath(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path}`;
}

function otlpTarget(env: Env, signal: 'TRACES' | 'METRICS', warnings: string[]): OtlpTarget | undefined {
  const exporterVar = `OTEL_${signal}_EXPORTER`;
  const exporters = (env[exporterVar] ?? 'otlp').split(',').map((s) => s.trim().toLowerCase());
  if (exporters.includes('none')) return undefined;
  const specific = env[`OTEL_EXPORTER_OTLP_${signal}_ENDPOINT`];
  const generic = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  let url: string | undefined;
  if (specific) url = specific;
  else if (generic) url = joinPath(generic, signal === 'TRACES' ? 'v1/traces' : 'v1/metrics');
  if (!url) return undefined;
  try {
    new URL(url);
  } catch {
    warnings.push(`OTLP ${signal.toLowerCase()} endpoint ${JSON.stringify(url)} is not a URL: no ${signal.toLowerCase()} export`);
    return undefined;
  }
  const protocol = env[`OTEL_EXPORTER_OTLP_${signal}_PROTOCOL`] ?? env.OTEL_EXPORTER_OTLP_PROTOCOL;
  if (protocol && protocol !== 'http/json') {
    warnings.push(`OTLP protocol ${JSON.stringify(protocol)} is not available here: ${signal.toLowerCase()} are sent as http/json`);
  }
  const headers: Record<string, string> = {};
  for (const name of ['OTEL_EXPORTER_OTLP_HEADERS', `OTEL_EXPORTER_OTLP_${signal}_HEADERS`]) {
    const raw = env[name];
    if (!raw) continue;
    const parsed = parseKeyValueList(raw);
    if (parsed) Object.assign(headers, parsed);
    else warnings.push(`${name} is not a list of key=value pairs: ignored`);
  }
  const timeoutMillis = positiveInt(
    env,
    env[`OTEL_EXPORTER_OTLP_${signal}_TIMEOUT`] ? `OTEL_EXPORTER_OTLP_${signal}_TIMEOUT` : 'OTEL_EXPORTER_OTLP_TIMEOUT',
    10_000,
    warnings,
  );
  return { url, headers, timeoutMillis };
}

/** Reads the OTEL_* variables of `env`; `serviceName` is the default when OTEL_SERVICE_NAME is unset. */
export function readOtelSettings(env: Env, serviceName = 'driftgauge'): OtelSettings {
  const warnings: string[] = [];
  const disabled = (env.OTEL_SDK_DISABLED ?? '').trim().toLowerCase() === 'true';

  let resourceAttributes: Record<string, string> = {};
  if (env.OTEL_RESOURCE_ATTRIBUTES) {
    const parsed = parseKeyValueList(env.OTEL_RESOURCE_ATTRIBUTES);
    if (parsed) resourceAttributes = parsed;
    else warnings.push('OTEL_RESOURCE_ATTRIBUTES is not a list of key=value pairs: ignored');
  }
  const name = env.OTEL_SERVICE_NAME || resourceAttributes['service.name'] || serviceName;

  let sampler: SamplerName = 'parentbased_always_on';
  const rawSampler = env.OTEL_TRACES_SAMPLER?.trim().toLowerCase();
  if (rawSampler) {
    if ((SAMPLERS as readonly string[]).includes(rawSampler)) sampler = rawSampler as SamplerName;
    else warnings.push(`OTEL_TRACES_SAMPLER=${JSON.stringify(rawSampler)} is not supported: using parentbased_always_on`);
  }
  let samplerRatio = 1;
  const rawArg = env.OTEL_TRACES_SAMPLER_ARG;
  if (sampler.endsWith('traceidratio') && rawArg !== undefined && rawArg !== '') {
    const v = Number(rawArg);
    if (Number.isFinite(v) && v >= 0 && v <= 1) samplerRatio = v;
    else warnings.push(`OTEL_TRACES_SAMPLER_ARG=${JSON.stringify(rawArg)} is not a ratio in [0, 1]: using 1`);
  }

  const filter = parseExemplarFilter(env.OTEL_METRICS_EXEMPLAR_FILTER);
  if (filter.warning) warnings.push(filter.warning);

  const traces = disabled ? undefined : otlpTarget(env, 'TRACES', warnings);
  const metricTarget = disabled ? undefined : otlpTarget(env, 'METRICS', warnings);
  const metrics = metricTarget && {
    ...metricTarget,
    intervalMillis: positiveInt(env, 'OTEL_METRIC_EXPORT_INTERVAL', 60_000, warnings),
    timeoutMillis: env.OTEL_METRIC_EXPORT_TIMEOUT
      ? positiveInt(env, 'OTEL_METRIC_EXPORT_TIMEOUT', 30_000, warnings)
      : metricTarget.timeoutMillis,
  };
  return {
    disabled,
    serviceName: name,
    resourceAttributes,
    sampler: disabled ? 'always_off' : sampler,
    samplerRatio,
    exemplarFilter: filter.filter,
    traces,
    metrics,
    warnings,
  };
}
