/**
 * The reference profile: everything a window comparison needs from the
 * reference, computed once at upload from the reference's columns, stored
 * as one blob (profile-codec.ts), never recomputed per comparison.
 *
 * Per numerical feature: the sorted finite values (exact KS and Wasserstein
 * for windows that hold few distinct values; the population std), the
 * missing count, the PSI bins of CONTRACT.md with their reference counts,
 * and the fine edges (fine-edges.ts: 512 quantile steps merged with the
 * PSI edges and a 512-step uniform grid by default, ties isolated) with the
 * reference's counts and offset sums per fine bin. Per categorical feature: the category counts and the tracked
 * set. For the model: the positive class, the label kinds, the score edges,
 * and the reference's exact metrics (computed by the engine, carried here).
 */
import { finiteValues } from '../stats/finite-values.js';
import { countBinsSorted, numericBinsSorted } from '../stats/psi-bins.js';
import { sortFloat64 } from '../stats/sort-float64.js';
import { stdPopulation } from '../stats/std-population.js';
import { buildBinLookup } from './bin-lookup.js';
import { DEFAULT_MAX_DISTINCT } from './bounded-distinct.js';
import { type CategoricalLayout, categoricalLayout, DEFAULT_MAX_CATEGORIES } from './categorical-sketch.js';
import type { ColumnInput } from './column-input.js';
import { DEFAULT_FINE_GRID, fineEdgesSorted, isolatingEdges } from './fine-edges.js';
import { fingerprint } from './fingerprint.js';
import { DEFAULT_HLL_PRECISION } from './hyperloglog.js';
import { DEFAULT_MAX_LABELS, type ModelLayout, type ModelTask } from './model-sketch.js';
import { type NumericLayout, numericLayout } from './numeric-sketch.js';
import { createRowSample, DEFAULT_SAMPLE_ROWS, sampleTable } from './row-sample.js';

export interface ProfileOptions {
  /** Reference quantile steps behind the fine edges (KS bound 1/grid + 2/n). Default 512 (`DEFAULT_FINE_GRID`). */
  grid?: number;
  /** Uniform steps between the reference's min and max, merged into the fine edges: caps bin widths in the tails,
   * where quantile bins are wide and Wasserstein's within-bin losses live. Default 512 (0 = none). */
  uniform?: number;
  /** Exact value counts per numerical window while at most this many distinct values. Default 64. */
  maxDistinct?: number;
  /** Exact category counts per categorical window while at most this many categories. Default 256. */
  maxCategories?: number;
  /** Multiclass windows keep confusion counts for at most this many labels. Default 64. */
  maxLabels?: number;
  /** Uniform score bins on [0, 1] (binary ROC AUC / AP). Default 2^14 = 16384 (exact scaling). */
  scoreGrid?: number;
  /** HyperLogLog precision for new categories. Default 12 (1.6% error). */
  hllPrecision?: number;
  /**
   * Rows of the bounded row sample (row-sample.ts) the reference and every window keep for
   * multivariate drift: float32 values, 4 × sampleRows × numerical features bytes each (plus a
   * float64 priority per row in windows). Default 10,000; 0 = no
   * sample (and no multivariate section in window reports). A profile with fewer than two
   * numerical features keeps none.
   */
  sampleRows?: number;
}

export type ResolvedProfileOptions = Required<ProfileOptions>;

/** Structurally the engine's FeaturePlan. */
export interface ProfileFeaturePlan {
  name: string;
  kind: 'numerical' | 'categorical';
  method: string;
  threshold: number | null;
}

export interface ProfileModelPlan {
  task: ModelTask;
  target: string;
  prediction?: string;
  score?: string;
  /** Binary: the positive class as a label key (the engine's `positiveKey`). */
  positiveKey: string;
  /** The reference side's exact metrics, computed by the engine at upload; carried as is. */
  reference?: Record<string, unknown>;
}

/** The "spec-ish plan" a profile is built for. */
export interface ProfilePlan {
  features: ProfileFeaturePlan[];
  psiBins: number;
  driftShare: number;
  model?: ProfileModelPlan;
}

export type PsiProfile =
  | { kind: 'edges'; edges: Float64Array; counts: Float64Array; /** derived: fine bin → PSI bin */ fineToPsi: Int32Array }
  | { kind: 'values'; values: Float64Array; counts: Float64Array };

export interface NumericFeatureProfile {
  kind: 'numerical';
  name: string;
  valid: number;
  missing: number;
  /** Finite values, ascending. */
  sorted: Float64Array;
  /** Population std (numpy's), null without valid values. */
  std: number | null;
  /** PSI bins with the reference counts; null without valid values. */
  psi: PsiProfile | null;
  /** Fine edges. */
  edges: Float64Array;
  /** Reference rows and offset sums per fine bin. */
  counts: Float64Array;
  offsets: Float64Array;
  /** Derived from `edges`. */
  layout: NumericLayout;
}

export interface CategoricalFeatureProfile {
  kind: 'categorical';
  name: string;
  /** Arrow kind of the column: numbers can be read as categories. */
  column: 'numerical' | 'categorical';
  valid: number;
  missing: number;
  /** Categories in exact mode's order (first seen), with their rows. */
  categories: string[];
  counts: Float64Array;
  /** Derived from the counts. */
  layout: CategoricalLayout;
}

export type FeatureProfile = NumericFeatureProfile | CategoricalFeatureProfile;

export interface ModelProfile {
  targetKind: 'numerical' | 'categorical';
  predictionKind: 'numerical' | 'categorical' | null;
  scoreKind: 'numerical' | 'categorical' | null;
  /** Binary with a score: score bin edges; else empty. */
  scoreEdges: Float64Array;
  /** Derived. */
  layout: ModelLayout;
}

/**
 * The reference's bottom-k row sample (row-sample.ts) over its numerical
 * features, for multivariate drift against windows' samples.
 */
export interface ReferenceSample {
  /** The sampled features: the profile's numerical features, in plan order. */
  features: string[];
  /** Rows held (≤ options.sampleRows; fewer when the reference has fewer complete rows). */
  rows: number;
  /** Row-major values, rows × features, float32 as windows keep theirs (row-sample.ts `sampleValue`). */
  values: Float32Array;
}

export interface ReferenceProfile {
  format: 1;
  /** Fingerprint of everything a window sketch depends on. */
  id: string;
  rows: number;
  options: ResolvedProfileOptions;
  plan: ProfilePlan;
  features: FeatureProfile[];
  model: ModelProfile | null;
  /**
   * The reference's row sample; null when `options.sampleRows` is 0 (fewer than two numerical
   * features, multivariate off at upload, or a profile from before samples existed).
   */
  sample: ReferenceSample | null;
}

/** The columns a profile (or a batch sketch) reads: a decoded table. */
export interface TableInput {
  rows: number;
  byName: ReadonlyMap<string, ColumnInput>;
}

export function resolveProfileOptions(o: ProfileOptions = {}): ResolvedProfileOptions {
  const r: ResolvedProfileOptions = {
    grid: o.grid ?? DEFAULT_FINE_GRID,
    uniform: o.uniform ?? DEFAULT_FINE_GRID,
    maxDistinct: o.maxDistinct ?? DEFAULT_MAX_DISTINCT,
    maxCategories: o.maxCategories ?? DEFAULT_MAX_CATEGORIES,
    maxLabels: o.maxLabels ?? DEFAULT_MAX_LABELS,
    scoreGrid: o.scoreGrid ?? 16384,
    hllPrecision: o.hllPrecision ?? DEFAULT_HLL_PRECISION,
    sampleRows: o.sampleRows ?? DEFAULT_SAMPLE_ROWS,
  };
  for (const [key, v] of Object.entries(r)) {
    const least = key === 'uniform' || key === 'sampleRows' ? 0 : 1;
    if (!Number.isInteger(v) || v < least) throw new RangeError(`options.${key} must be ${least === 0 ? 'a non-negative' : 'a positive'} integer`);
  }
  return r;
}

function column(table: TableInput, name: string, role: string): ColumnInput {
  const col = table.byName.get(name);
  if (!col) throw new RangeError(`reference has no column '${name}' (${role})`);
  return col;
}

/**
 * Builds the profile of a reference table for a plan.
 *
 * Cost: one sort per numerical feature (O(n) radix sort for n >= 32768) and
 * O(grid log n) for its edges; one pass per categorical feature; memory
 * 8 bytes per valid numerical value plus O(grid) per feature.
 *
 * @param table the reference's decoded columns
 * @param plan features (name, kind, method, threshold), psi bins, drift share, model
 * @param options bounds of the window sketches (defaults in ProfileOptions)
 * @returns the profile
 * @throws RangeError when a planned column is absent or of the wrong kind, or an option is invalid
 * @example
 * const profile = buildReferenceProfile(table, { features: [{ name: 'age', kind: 'numerical', method: 'auto', threshold: null }],
 *   psiBins: 10, driftShare: 0.5 });
 * profile.features[0].edges.length; // about 1,030 for continuous data
 */
export function buildReferenceProfile(table: TableInput, plan: ProfilePlan, options: ProfileOptions = {}): ReferenceProfile {
  const opts = resolveProfileOptions(options);
  const sampled = plan.features.filter((f) => f.kind === 'numerical').map((f) => f.name);
  // No sample below two numerical features: multivariate drift needs two.
  if (sampled.length < 2) opts.sampleRows = 0;
  const features: FeatureProfile[] = plan.features.map((f) => {
    const col = column(table, f.name, 'feature');
    if (f.kind === 'numerical') {
      if (col.kind !== 'numerical') throw new RangeError(`column '${f.name}' is categorical and cannot be a numerical feature`);
      return numericProfile(f.name, col.values, col.valid, plan.psiBins, opts);
    }
    return categoricalProfile(f.name, col, opts);
  });
  const model = plan.model ? modelProfile(table, plan.model, opts) : null;
  const sample = opts.sampleRows > 0 ? referenceSample(table, sampled, opts.sampleRows) : null;
  const profile: ReferenceProfile = { format: 1, id: '', rows: table.rows, options: opts, plan, features, model, sample };
  profile.id = profileFingerprint(profile);
  return profile;
}

/** The sampled features' columns of a table (checked numerical by the caller's feature loop). */
export function sampledColumns(table: TableInput, names: readonly string[]): { values: Float64Array; valid: Uint8Array | null }[] {
  return names.map((name) => {
    const col = column(table, name, 'feature');
    if (col.kind !== 'numerical') throw new RangeError(`column '${name}' is categorical and cannot be a numerical feature`);
    return col;
  });
}

function referenceSample(table: TableInput, names: string[], k: number): ReferenceSample {
  const s = sampleTable(createRowSample(names.length, k), sampledColumns(table, names), table.rows);
  return { features: names, rows: s.size, values: s.values.slice(0, s.size * names.length) };
}

/** The profile's sampled features (its numerical features, in plan order); empty when it keeps no sample. */
export function sampleFeatures(p: ReferenceProfile): string[] {
  return p.options.sampleRows > 0 ? p.features.filter((f) => f.kind === 'numerical').map((f) => f.name) : [];
}

function numericProfile(name: string, values: Float64Array, valid: Uint8Array | null, psiBins: number, opts: ResolvedProfileOptions): NumericFeatureProfile {
  const finite = finiteValues(values, valid);
  const sorted = sortFloat64(finite.values);
  const n = sorted.length;
  let psi: PsiProfile | null = null;
  let edges: Float64Array = new Float64Array(0);
  if (n > 0) {
    const bins = numericBinsSorted(sorted, new Float64Array(0), psiBins);
    if (bins.kind === 'values') {
      psi = { kind: 'values', values: bins.values, counts: countBinsSorted(sorted, bins) };
      edges = isolatingEdges(bins.values);
    } else {
      edges = fineEdgesSorted(sorted, opts.grid, concat(bins.edges, uniformEdges(sorted[0], sorted[n - 1], opts.uniform)));
      psi = { kind: 'edges', edges: bins.edges, counts: countBinsSorted(sorted, bins), fineToPsi: new Int32Array(0) };
    }
  }
  return attachNumeric({
    kind: 'numerical',
    name,
    valid: n,
    missing: finite.missing,
    sorted,
    std: n > 0 ? stdPopulation(sorted) : null,
    psi,
    edges,
    counts: countBinsSorted(sorted, { kind: 'edges', edges }),
    offsets: offsetSums(sorted, edges),
    layout: numericLayout(new Float64Array(0), opts.maxDistinct),
  }, opts);
}

/** min + (max − min)·k/steps for k = 1 .. steps − 1 (none when the range overflows). */
function uniformEdges(min: number, max: number, steps: number): Float64Array {
  const range = max - min;
  if (steps < 2 || !(range > 0 && range < Number.POSITIVE_INFINITY)) return new Float64Array(0);
  const out = new Float64Array(steps - 1);
  for (let k = 1; k < steps; k++) out[k - 1] = min + (range * k) / steps;
  return out;
}

function concat(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Per fine bin Σ (x − left edge), bin 0 Σ (e0 − x): the sketch's offsets for the reference. */
function offsetSums(sorted: Float64Array, edges: Float64Array): Float64Array {
  const out = new Float64Array(edges.length + 1);
  let b = 0;
  for (let i = 0; i < sorted.length; i++) {
    const x = sorted[i];
    while (b < edges.length && edges[b] <= x) b++;
    out[b] += b === 0 ? (edges.length > 0 ? edges[0] - x : 0) : x - edges[b - 1];
  }
  return out;
}

/** Rebuilds the derived parts of a numerical feature profile (after building or deserializing). */
export function attachNumeric(p: NumericFeatureProfile, opts: ResolvedProfileOptions): NumericFeatureProfile {
  p.layout = numericLayout(p.edges, opts.maxDistinct);
  if (p.psi?.kind === 'edges') {
    const map = new Int32Array(p.edges.length + 1);
    let j = 0;
    for (let b = 1; b <= p.edges.length; b++) {
      while (j < p.psi.edges.length && p.psi.edges[j] <= p.edges[b - 1]) j++;
      map[b] = j;
    }
    p.psi.fineToPsi = map;
  }
  return p;
}

function categoricalProfile(name: string, col: ColumnInput, opts: ResolvedProfileOptions): CategoricalFeatureProfile {
  const counts = new Map<string, number>();
  let missing = 0;
  if (col.kind === 'categorical') {
    const perCode = new Float64Array(col.categories.length);
    for (let i = 0; i < col.codes.length; i++) {
      const c = col.codes[i];
      if (c < 0) missing++;
      else perCode[c]++;
    }
    for (let c = 0; c < perCode.length; c++) {
      if (perCode[c] > 0) counts.set(col.categories[c], (counts.get(col.categories[c]) ?? 0) + perCode[c]);
    }
  } else {
    const byValue = new Map<number, number>();
    for (let i = 0; i < col.values.length; i++) {
      const v = col.values[i];
      if ((col.valid !== null && col.valid[i] === 0) || !Number.isFinite(v)) missing++;
      else byValue.set(v, (byValue.get(v) ?? 0) + 1);
    }
    for (const [v, n] of byValue) counts.set(String(v), (counts.get(String(v)) ?? 0) + n);
  }
  return attachCategorical({
    kind: 'categorical',
    name,
    column: col.kind,
    valid: col.length - missing,
    missing,
    categories: [...counts.keys()],
    counts: Float64Array.from(counts.values()),
    layout: categoricalLayout(new Map(), 0),
  }, opts);
}

/** Rebuilds the derived parts of a categorical feature profile. */
export function attachCategorical(p: CategoricalFeatureProfile, opts: ResolvedProfileOptions): CategoricalFeatureProfile {
  const counts = new Map<string, number>();
  for (let i = 0; i < p.categories.length; i++) counts.set(p.categories[i], p.counts[i]);
  p.layout = categoricalLayout(counts, opts.maxCategories, opts.hllPrecision);
  return p;
}

function modelProfile(table: TableInput, plan: ProfileModelPlan, opts: ResolvedProfileOptions): ModelProfile {
  const target = column(table, plan.target, 'target');
  const prediction = plan.prediction === undefined ? null : column(table, plan.prediction, 'prediction');
  const score = plan.task === 'binary' && plan.score !== undefined ? column(table, plan.score, 'score') : null;
  let scoreEdges: Float64Array = new Float64Array(0);
  if (score !== null) {
    if (score.kind !== 'numerical') throw new RangeError(`score column '${plan.score}' must be numerical`);
    const sorted = sortFloat64(finiteValues(score.values, score.valid).values);
    const grid = new Float64Array(opts.scoreGrid + 1);
    for (let k = 0; k <= opts.scoreGrid; k++) grid[k] = k / opts.scoreGrid;
    scoreEdges = fineEdgesSorted(sorted, opts.grid, grid);
  }
  return attachModel(
    {
      targetKind: target.kind,
      predictionKind: prediction?.kind ?? null,
      scoreKind: score?.kind ?? null,
      scoreEdges,
      layout: undefined as unknown as ModelLayout,
    },
    plan,
    opts,
  );
}

/** Rebuilds the derived parts of a model profile. */
export function attachModel(p: ModelProfile, plan: ProfileModelPlan, opts: ResolvedProfileOptions): ModelProfile {
  p.layout = {
    task: plan.task,
    hasPrediction: p.predictionKind !== null,
    hasScore: p.scoreKind !== null,
    positiveKey: plan.positiveKey,
    mixedLabels: p.predictionKind !== null && p.predictionKind !== p.targetKind,
    maxLabels: opts.maxLabels,
    scores: p.scoreKind !== null ? buildBinLookup(p.scoreEdges) : null,
  };
  return p;
}

/** Fingerprint of what window sketches depend on: options, plan, edges, categories. */
export function profileFingerprint(p: ReferenceProfile): string {
  // sampleRows 0 is left out, so profiles from before row samples keep their ids.
  const { sampleRows, ...rest } = p.options;
  const options = sampleRows > 0 ? p.options : rest;
  const parts: (string | Float64Array)[] = [JSON.stringify({ format: p.format, options, plan: { ...p.plan, model: p.plan.model && { ...p.plan.model, reference: undefined } } })];
  for (const f of p.features) {
    if (f.kind === 'numerical') parts.push(f.name, f.edges);
    else parts.push(f.name, f.column, ...f.categories, f.counts);
  }
  if (p.model) parts.push(p.model.targetKind, p.model.predictionKind ?? '', p.model.scoreKind ?? '', p.model.scoreEdges);
  return fingerprint(parts);
}
