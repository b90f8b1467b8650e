/**
 * The model spec (CONTRACT.md, "Model spec"): which column plays which role,
 * the task, and the drift defaults. Parsed and validated once; everything
 * downstream takes the filled `ModelSpec`.
 */
import { createError } from '../errors.js';
import { DEFAULT_FINE_GRID } from '../sketches/fine-edges.js';

export const ROLES = ['feature', 'target', 'prediction', 'score', 'timestamp', 'latency', 'id'] as const;
export type Role = (typeof ROLES)[number];
export const TASKS = ['binary', 'multiclass', 'regression'] as const;
export type Task = (typeof TASKS)[number];
export type Kind = 'numerical' | 'categorical';

export interface DriftOptions {
  method: string;
  threshold: number | null;
}

export interface ColumnSpec {
  role: Role;
  kind?: Kind;
  drift?: Partial<DriftOptions>;
}

export interface MultivariateSpec {
  enabled: boolean;
  seed: number;
  max_rows: number;
}

/** Window sketch resolution (the service's windows; exact mode ignores it). */
export interface SketchSpec {
  /** Reference quantile steps and uniform steps behind each numerical feature's fine bins (KS bound 1/fine_bins + 2/n). */
  fine_bins: number;
}

export interface ModelSpec {
  task?: Task;
  /** Multivariate drift (PCA reconstruction, domain classifier): on by default. */
  multivariate: MultivariateSpec;
  sketch: SketchSpec;
  positive_class?: string | number | boolean;
  columns: Record<string, ColumnSpec>;
  drift: DriftOptions & { drift_share: number; psi_bins: number };
}

export const DEFAULT_DRIFT = { method: 'auto', threshold: null, drift_share: 0.5, psi_bins: 10 } as const;

export const DEFAULT_MULTIVARIATE: MultivariateSpec = { enabled: true, seed: 0, max_rows: 50_000 };

export const DEFAULT_SKETCH: SketchSpec = { fine_bins: DEFAULT_FINE_GRID };

/** Bounds of `sketch.fine_bins`: at 16 the KS bound is already 1/16; past 8,192 a window's bins outweigh its purpose. */
const FINE_BINS_RANGE = [16, 8192] as const;

export function defaultSpec(): ModelSpec {
  return { columns: {}, drift: { ...DEFAULT_DRIFT }, multivariate: { ...DEFAULT_MULTIVARIATE }, sketch: { ...DEFAULT_SKETCH } };
}

function validateSketch(raw: unknown, source: string): SketchSpec {
  const out = { ...DEFAULT_SKETCH };
  if (raw === undefined) return out;
  if (!isObject(raw)) throw createError('DRIFTGAUGE_ERR_SPEC_INVALID', source, 'sketch must be an object');
  checkKeys(raw, ['fine_bins'], 'sketch', source);
  if (raw.fine_bins !== undefined) {
    const v = raw.fine_bins;
    const [lo, hi] = FINE_BINS_RANGE;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) {
      throw createError('DRIFTGAUGE_ERR_SPEC_INVALID', source, `sketch.fine_bins must be an integer from ${lo} to ${hi.toLocaleString('en-US')}`);
    }
    out.fine_bins = v;
  }
  return out;
}

function validateMultivariate(raw: unknown, source: string): MultivariateSpec {
  const out = { ...DEFAULT_MULTIVARIATE };
  if (raw === undefined) return out;
  if (typeof raw === 'boolean') return { ...out, enabled: raw };
  if (!isObject(raw)) throw createError('DRIFTGAUGE_ERR_SPEC_INVALID', source, 'multivariate must be true, false or an object');
  checkKeys(raw, ['enabled', 'seed', 'max_rows'], 'multivariate', source);
  if (raw.enabled !== undefined) {
    if (typeof raw.enabled !== 'boolean') throw createError('DRIFTGAUGE_ERR_SPEC_INVALID', source, 'multivariate.enabled must be a boolean');
    out.enabled = raw.enabled;
  }
  if (raw.seed !== undefined) {
    if (typeof raw.seed !== 'number' || !Number.isInteger(raw.seed)) throw createError('DRIFTGAUGE_ERR_SPEC_INVALID', source, 'multivariate.seed must be an integer');
    out.seed = raw.seed;
  }
  if (raw.max_rows !== undefined) {
    const v = raw.max_rows;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 100 || v > 10_000_000) {
      throw createError('DRIFTGAUGE_ERR_SPEC_INVALID', source, 'multivariate.max_rows must be an integer from 100 to 10,000,000');
    }
    out.max_rows = v;
  }
  return out;
}

/** Parses spec text; `source` names the file or request in errors. */
export function parseSpec(text: string, source: string, knownMethods: readonly string[]): ModelSpec {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw createError('DRIFTGAUGE_ERR_SPEC_JSON', source, (err as Error).message);
  }
  return validateSpec(raw, source, knownMethods);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkKeys(obj: Record<string, unknown>, allowed: readonly string[], where: string, source: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      throw createError('DRIFTGAUGE_ERR_SPEC_INVALID', source, `unknown field '${key}' in ${where} (allowed: ${allowed.join(', ')})`);
    }
  }
}

function validateDrift(
  raw: unknown,
  where: string,
  source: string,
  knownMethods: readonly string[],
  topLevel: boolean,
): Partial<ModelSpec['drift']> {
  if (raw === undefined) return {};
  if (!isObject(raw)) throw createError('DRIFTGAUGE_ERR_SPEC_INVALID', source, `${where} must be an object`);
  checkKeys(raw, topLevel ? ['method', 'threshold', 'drift_share', 'psi_bins'] : ['method', 'threshold'], where, source);
  const out: Partial<ModelSpec['drift']> = {};
  if (raw.method !== undefined) {
    if (typeof raw.method !== 'string' || (raw.method !== 'auto' && !knownMethods.includes(raw.method))) {
      throw createError(
        'DRIFTGAUGE_ERR_SPEC_INVALID',
        source,
        `${where}.method must be one of auto, ${knownMethods.join(', ')} (got ${JSON.stringify(raw.method)})`,
      );
    }
    out.method = raw.method;
  }
  if (raw.threshold !== undefined) {
    if (raw.threshold !== null && (typeof raw.threshold !== 'number' || !Number.isFinite(raw.threshold))) {
      throw createError('DRIFTGAUGE_ERR_SPEC_INVALID', source, `${where}.threshold must be a finite number or null`);
    }
    out.threshold = raw.threshold as number | null;
  }
  if (raw.drift_share !== undefined) {
    const v = raw.drift_share;
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
      throw createError('DRIFTGAUGE_ERR_SPEC_INVALID', source, `${where}.drift_share must be a number in [0, 1]`);
    }
    out.drift_share = v;
  }
  if (raw.psi_bins !== undefined) {
    const v = raw.psi_bins;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 2 || v > 1000) {
      throw createError('DRIFTGAUGE_ERR_SPEC_INVALID', source, `${where}.psi_bins must be an integer from 2 to 1000`);
    }
    out.psi_bins = v;
  }
  return out;
}

/** Validates a parsed spec object and fills the defaults. */
export function validateSpec(raw: unknown, source: string, knownMethods: readonly string[]): ModelSpec {
  if (!isObject(raw)) throw createError('DRIFTGAUGE_ERR_SPEC_INVALID', source, 'the spec must be a JSON object');
  checkKeys(raw, ['task', 'positive_class', 'columns', 'drift', 'multivariate', 'sketch'], 'the spec', source);
  const spec = defaultSpec();
  if (raw.task !== undefined && raw.task !== null) {
    if (!TASKS.includes(raw.task as Task)) {
      throw createError('DRIFTGAUGE_ERR_SPEC_INVALID', source, `task must be one of ${TASKS.join(', ')} (got ${JSON.stringify(raw.task)})`);
    }
    spec.task = raw.task as Task;
  }
  if (raw.positive_class !== undefined) {
    const p = raw.positive_class;
    if (typeof p !== 'string' && typeof p !== 'number' && typeof p !== 'boolean') {
      throw createError('DRIFTGAUGE_ERR_SPEC_INVALID', source, 'positive_class must be a string, number or boolean');
    }
    if (spec.task !== 'binary') {
      throw createError('DRIFTGAUGE_ERR_SPEC_INVALID', source, 'positive_class applies only to task "binary"');
    }
    spec.positive_class = p;
  }
  if (raw.columns !== undefined) {
    if (!isObject(raw.columns)) throw createError('DRIFTGAUGE_ERR_SPEC_INVALID', source, 'columns must be an object');
    for (const [name, col] of Object.entries(raw.columns)) {
      const where = `columns.${name}`;
      if (!isObject(col)) throw createError('DRIFTGAUGE_ERR_SPEC_INVALID', source, `${where} must be an object`);
      checkKeys(col, ['role', 'kind', 'drift'], where, source);
      const role = col.role === undefined ? 'feature' : col.role;
      if (!ROLES.includes(role as Role)) {
        throw createError(
          'DRIFTGAUGE_ERR_SPEC_INVALID',
          source,
          `column '${name}' has unknown role ${JSON.stringify(col.role)} (roles: ${ROLES.join(', ')})`,
        );
      }
      const out: ColumnSpec = { role: role as Role };
      if (col.kind !== undefined) {
        if (col.kind !== 'numerical' && col.kind !== 'categorical') {
          throw createError(
            'DRIFTGAUGE_ERR_SPEC_INVALID',
            source,
            `column '${name}' has unknown kind ${JSON.stringify(col.kind)} (kinds: numerical, categorical)`,
          );
        }
        out.kind = col.kind;
      }
      if (col.drift !== undefined) out.drift = validateDrift(col.drift, `${where}.drift`, source, knownMethods, false);
      spec.columns[name] = out;
    }
  }
  Object.assign(spec.drift, validateDrift(raw.drift, 'drift', source, knownMethods, true));
  spec.multivariate = validateMultivariate(raw.multivariate, source);
  spec.sketch = validateSketch(raw.sketch, source);
  const roles = Object.entries(spec.columns);
  for (const single of ['target', 'prediction', 'score', 'timestamp', 'latency'] as const) {
    const named = roles.filter(([, c]) => c.role === single).map(([n]) => n);
    if (named.length > 1) {
      throw createError('DRIFTGAUGE_ERR_SPEC_INVALID', source, `more than one column has role '${single}': ${named.join(', ')}`);
    }
  }
  if (spec.task && !roles.some(([, c]) => c.role === 'target')) {
    throw createError('DRIFTGAUGE_ERR_SPEC_INVALID', source, `task "${spec.task}" needs a column with role "target"`);
  }
  return spec;
}
