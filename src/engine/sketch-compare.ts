/**
 * Comparison of a window's sketches against the reference profile ("mode":
 * "sketch"): the report of exact mode, with the same drift methods, verdicts
 * and dataset verdict, each statistic computed from the profile and the
 * window's sketches instead of two tables.
 *
 * Error bounds versus exact mode on the same rows (docs/sketches.md has the
 * reasoning and the measured worst cases):
 *
 * | statistic | numerical window with <= 64 distinct values | otherwise |
 * |---|---|---|
 * | ks statistic | exact (same merge, same float ops) | 0 <= exact − sketch <= 1/grid + 2/n_ref (0.001 + 2/n at the default grid 1024); certified per window |
 * | ks p-value | exact | same kstwo / exact path at the window's n from the sketch statistic: never below exact's (conservative) |
 * | psi, jensen_shannon | exact | exact (every PSI edge is a fine edge); reference <= 20 distinct values: JS exact, PSI undefined (error entry) |
 * | wasserstein(_normed) | exact | 0 <= exact − sketch <= certified per-window bound (sign changes inside fine bins only) |
 *
 * Categorical: exact while the window holds at most K (256) categories;
 * past that, JS and the chi2 statistic stay exact when the reference has at
 * most K categories (lower bounds otherwise), the new-category count and
 * chi2 dof carry HyperLogLog's ~1.6% error, PSI and linf are estimates below
 * exact (new categories spread evenly over their count). Model: confusion
 * metrics exact; log loss, Brier, regression metrics exact up to summation
 * order; ROC AUC and average precision within a certified bound.
 * `sketchErrorBounds` returns the certified bounds of one window.
 *
 * `compareWindowSketch` adds the `multivariate` section (multivariate-section.ts) from the
 * bottom-k row samples of the reference and of the window (async: TF.js).
 */
import type { ColumnarTable } from '../arrow/columns.js';
import { DriftgaugeError, formatMessage } from '../errors.js';
import type { MultivariateOptions } from '../multivariate/multivariate-types.js';
import type { CategoricalSketch } from '../sketches/categorical-sketch.js';
import { newCategoryCount } from '../sketches/categorical-sketch.js';
import { averagePrecisionHistogram, rocAucHistogram } from '../sketches/histogram-ranking.js';
import { ksPvalue } from '../sketches/ks-pvalue.js';
import { ksStatisticBins } from '../sketches/ks-statistic-bins.js';
import { ksStatisticWeighted } from '../sketches/ks-statistic-weighted.js';
import type { BinaryModelSketch, ModelSketch } from '../sketches/model-sketch.js';
import type { NumericSketch } from '../sketches/numeric-sketch.js';
import {
  buildReferenceProfile,
  type CategoricalFeatureProfile,
  type NumericFeatureProfile,
  type ProfileFeaturePlan,
  type ProfileOptions,
  type ReferenceProfile,
} from '../sketches/reference-profile.js';
import { wassersteinBins } from '../sketches/wasserstein-bins.js';
import { wassersteinWeighted } from '../sketches/wasserstein-weighted.js';
import type { WindowSketch } from '../sketches/window-sketch.js';
import { binaryClassificationMetrics } from '../stats/binary-classification-metrics.js';
import { chi2Contingency } from '../stats/chi2-contingency.js';
import { chi2Sf } from '../stats/chi2-sf.js';
import { jensenShannon } from '../stats/jensen-shannon.js';
import { psi } from '../stats/psi.js';
import { attempt } from './attempt.js';
import { categoricalFeature } from './categorical-feature.js';
import { datasetVerdict } from './dataset-verdict.js';
import { resolveMethod, verdict } from './drift-methods.js';
import { type Label, positiveKey, sortLabels } from './labels.js';
import { modelSide, writeMulticlassMetrics } from './model-metrics.js';
import { type MultivariateSection, windowMultivariateSection } from './multivariate-section.js';
import { planComparison } from './plan.js';
import type { CategoricalFeatureReport, FeatureReport, ModelSideReport, NumericFeatureReport, Report, StatError } from './report.js';
import { DEFAULT_MULTIVARIATE, type ModelSpec } from './spec.js';

/**
 * Builds a reference profile from a decoded reference table under a spec:
 * the plan of exact mode (roles, kinds, methods), the positive class, and
 * the reference side's exact model metrics, then the sketches' profile.
 *
 * Cost: as `planComparison` + `modelSide` + `buildReferenceProfile`.
 *
 * @param table the reference
 * @param spec the model spec
 * @param options sketch bounds (ProfileOptions)
 * @returns the profile
 * @throws DriftgaugeError as `planComparison` does (empty table, spec column missing, wrong kind)
 * @example
 * const profile = referenceProfileFromTable(await readTableFile('ref.arrow'), spec);
 */
export function referenceProfileFromTable(table: ColumnarTable, spec: ModelSpec, options: ProfileOptions = {}): ReferenceProfile {
  const plan = planComparison(table, table, spec);
  // Multivariate off at upload: no row sample, so batches do not pay for one.
  if (spec.multivariate?.enabled === false) options = { ...options, sampleRows: 0 };
  const fine = spec.sketch?.fine_bins;
  if (fine !== undefined) options = { grid: fine, uniform: fine, ...options };
  const m = plan.model;
  const model = m && {
    task: m.task,
    target: m.target,
    prediction: m.prediction,
    score: m.score,
    positiveKey: positiveKey(table.byName.get(m.target) as ColumnarTable['columns'][number], m.positiveClass),
    reference: modelSide(table, m) as unknown as Record<string, unknown>,
  };
  return buildReferenceProfile(table, { features: plan.features, psiBins: plan.psiBins, driftShare: plan.driftShare, model }, options);
}

/** Methods, thresholds and drift share: from the spec when given (it may have changed since upload), else the profile's. */
function featurePlans(profile: ReferenceProfile, spec: ModelSpec | undefined): ProfileFeaturePlan[] {
  if (!spec) return profile.plan.features;
  return profile.plan.features.map((f) => {
    const o = spec.columns[f.name]?.drift;
    return { ...f, method: o?.method ?? spec.drift.method, threshold: o?.threshold !== undefined ? o.threshold : spec.drift.threshold };
  });
}

/**
 * Compares a window against the reference profile: exact mode's report
 * shape with `"mode": "sketch"`.
 *
 * Cost: O(features × bins) plus, for numerical windows still holding exact
 * value counts, O(n_ref) for their KS and Wasserstein.
 *
 * @param profile the reference profile
 * @param window the window's sketches (sketched against `profile`)
 * @param spec the current spec, for methods, thresholds and drift share (default: the profile's)
 * @returns the report
 * @throws RangeError when the window belongs to another profile
 * @example
 * compareSketch(profile, window).features[0].drift; // { method: 'wasserstein_normed', score: 0.03, threshold: 0.1, detected: false }
 */
export function compareSketch(profile: ReferenceProfile, window: WindowSketch, spec?: ModelSpec): Report {
  if (window.profileId !== profile.id) throw new RangeError(`window sketch belongs to reference profile ${window.profileId}, not ${profile.id}`);
  const plans = featurePlans(profile, spec);
  const psiBins = spec?.drift.psi_bins ?? profile.plan.psiBins;
  const features: FeatureReport[] = profile.features.map((fp, i) => {
    const plan = plans[i];
    const s = window.features[fp.name];
    const report =
      fp.kind === 'numerical'
        ? numericFromSketch(fp, s as NumericSketch, psiBins, profile.plan.psiBins)
        : categoricalFromSketch(fp, s as CategoricalSketch);
    report.drift = verdict(report, resolveMethod(plan.method, fp.kind, fp.valid), plan.threshold);
    return report;
  });
  const report: Report = {
    mode: 'sketch',
    reference: { rows: profile.rows },
    current: { rows: window.rows },
    features,
    dataset: datasetVerdict(features, spec?.drift.drift_share ?? profile.plan.driftShare),
  };
  const m = profile.plan.model;
  if (m && profile.model && window.model) {
    report.model = {
      task: m.task,
      reference: (m.reference as unknown as ModelSideReport | undefined) ?? { rows: 0 },
      current: modelFromSketch(profile, window.model),
    };
  }
  return report;
}

/** `report` with the multivariate section where exact reports have it (after `dataset`, before `model`). */
function withMultivariate(report: Report, multivariate: MultivariateSection): Report {
  const { model, ...rest } = report;
  return model ? { ...rest, multivariate, model } : { ...rest, multivariate };
}

/**
 * The service's window comparison: `compareSketch` plus the `multivariate`
 * section, computed on the reference profile's and the window's row samples
 * when the spec has multivariate on (the default) and the profile has two or
 * more numerical features. Same inputs and seed, same report.
 *
 * Cost: `compareSketch`, plus the multivariate methods on at most k
 * (sampleRows) rows a side: about a second on the wasm backend.
 *
 * @param profile the reference profile
 * @param window the window's sketches
 * @param spec the current spec (methods, thresholds, drift share, `multivariate`); default the profile's plan, multivariate on
 * @param tf tfjs-core with a backend, null without, or a loader called only when the samples are large enough
 * @returns the report; a multivariate failure (no TF.js, too few rows, no reference sample) is an error entry in it
 * @throws RangeError when the window belongs to another profile
 * @example
 * const report = await compareWindowSketch(profile, window, spec, () => loadTfBackend().then((l) => l.tf));
 * report.multivariate; // { features: [...], pca_reconstruction: {...}, domain_classifier: {...} }
 */
export async function compareWindowSketch(
  profile: ReferenceProfile,
  window: WindowSketch,
  spec: ModelSpec | undefined,
  tf: MultivariateOptions['tf'],
): Promise<Report> {
  const report = compareSketch(profile, window, spec);
  const mv = spec?.multivariate ?? DEFAULT_MULTIVARIATE;
  if (!mv.enabled) return report;
  const section = await windowMultivariateSection(profile, window, { tf, seed: mv.seed, maxRows: mv.max_rows });
  return section ? withMultivariate(report, section) : report;
}

function noValidValues(name: string, refValid: number, curValid: number): StatError[] {
  const where = [refValid === 0 ? `reference column '${name}'` : null, curValid === 0 ? `current column '${name}'` : null];
  return where
    .filter((w) => w !== null)
    .map((w) => ({ code: 'DRIFTGAUGE_ERR_NO_VALID_VALUES', message: formatMessage('DRIFTGAUGE_ERR_NO_VALID_VALUES', w) }));
}

function undefinedStat(statistic: string, why: string): DriftgaugeError {
  return new DriftgaugeError('DRIFTGAUGE_ERR_STAT_UNDEFINED', formatMessage('DRIFTGAUGE_ERR_STAT_UNDEFINED', statistic, why));
}

/** PSI-bin counts of a window: exact from its fine bins (edges) or its distinct values (values). */
function windowPsiCounts(fp: NumericFeatureProfile, s: NumericSketch): { ref: Float64Array; cur: Float64Array } {
  const bins = fp.psi;
  if (bins === null) throw new RangeError('no PSI bins');
  if (bins.kind === 'edges') {
    const cur = new Float64Array(bins.counts.length);
    for (let b = 0; b < s.counts.length; b++) cur[bins.fineToPsi[b]] += s.counts[b];
    return { ref: bins.counts, cur };
  }
  const d = s.distinct;
  if (d === null) {
    throw undefinedStat(
      'psi',
      `the reference has at most 20 distinct values, so PSI needs one bin per distinct value of the window, and the window has seen more than ${fp.layout.maxDistinct} (sketch mode keeps exact counts only up to that; jensen_shannon and wasserstein_normed stay exact or bounded)`,
    );
  }
  // One bin per distinct value of reference ∪ window, ascending, as numericBinsSorted's values bins.
  const ref: number[] = [];
  const cur: number[] = [];
  let i = 0;
  let j = 0;
  const a = bins.values;
  const b = d.values;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i] < b[j])) {
      ref.push(bins.counts[i++]);
      cur.push(0);
    } else if (i >= a.length || b[j] < a[i]) {
      ref.push(0);
      cur.push(d.counts[j++]);
    } else {
      ref.push(bins.counts[i++]);
      cur.push(d.counts[j++]);
    }
  }
  return { ref: Float64Array.from(ref), cur: Float64Array.from(cur) };
}

function numericFromSketch(fp: NumericFeatureProfile, s: NumericSketch, psiBins: number, profileBins: number): NumericFeatureReport {
  const errors: StatError[] = [];
  const report: NumericFeatureReport = {
    name: fp.name,
    kind: 'numerical',
    missing: { reference: fp.missing, current: s.missing },
    psi: null,
    ks: null,
    wasserstein: null,
    wasserstein_normed: null,
    jensen_shannon: null,
    drift: null,
  };
  if (fp.valid === 0 || s.count === 0) {
    report.errors = noValidValues(fp.name, fp.valid, s.count);
    return report;
  }
  const n1 = fp.valid;
  const n2 = s.count;
  const d = s.distinct;
  report.ks = attempt(errors, 'ks', 'DRIFTGAUGE_ERR_STAT_UNDEFINED', () => {
    const statistic = d !== null ? ksStatisticWeighted(fp.sorted, d.values, d.counts, n2) : ksStatisticBins(fp.counts, n1, s.counts, n2).statistic;
    const r = ksPvalue(n1, n2, statistic);
    return { statistic: r.statistic, pvalue: r.pvalue };
  });
  if (psiBins !== profileBins) {
    const why = `the reference profile was built with psi_bins ${profileBins}, the spec asks for ${psiBins}; upload the reference again`;
    attempt(errors, 'psi', 'DRIFTGAUGE_ERR_STAT_UNDEFINED', () => {
      throw undefinedStat('psi', why);
    });
    attempt(errors, 'jensen_shannon', 'DRIFTGAUGE_ERR_STAT_UNDEFINED', () => {
      throw undefinedStat('jensen_shannon', why);
    });
  } else {
    const counts = attempt(errors, 'psi', 'DRIFTGAUGE_ERR_STAT_UNDEFINED', () => windowPsiCounts(fp, s));
    if (counts) {
      report.psi = attempt(errors, 'psi', 'DRIFTGAUGE_ERR_STAT_UNDEFINED', () => psi(counts.ref, counts.cur));
      report.jensen_shannon = attempt(errors, 'jensen_shannon', 'DRIFTGAUGE_ERR_STAT_UNDEFINED', () => jensenShannon(counts.ref, counts.cur, 2));
    } else if (fp.psi?.kind === 'values') {
      // Reference values sit alone in their fine bins and the bins between them hold no
      // reference row; there the JS terms are linear in the window's counts, so the fine bins
      // give the exact distance.
      report.jensen_shannon = attempt(errors, 'jensen_shannon', 'DRIFTGAUGE_ERR_STAT_UNDEFINED', () => jensenShannon(fp.counts, s.counts, 2));
    }
  }
  report.wasserstein = attempt(errors, 'wasserstein', 'DRIFTGAUGE_ERR_STAT_UNDEFINED', () =>
    d !== null
      ? wassersteinWeighted(fp.sorted, d.values, d.counts, n2)
      : wassersteinBins(fp.edges, { counts: fp.counts, offsets: fp.offsets, n: n1 }, { counts: s.counts, offsets: s.offsets, n: n2 }).distance,
  );
  if (report.wasserstein !== null && fp.std !== null) {
    report.wasserstein_normed = report.wasserstein / Math.max(fp.std, 0.001);
  }
  if (errors.length > 0) report.errors = errors;
  return report;
}

function categoricalFromSketch(fp: CategoricalFeatureProfile, s: CategoricalSketch): CategoricalFeatureReport {
  const refCounts = new Map<string, number>();
  for (let i = 0; i < fp.categories.length; i++) refCounts.set(fp.categories[i], fp.counts[i]);
  const ref = { counts: refCounts, valid: fp.valid, missing: fp.missing };
  if (s.counts !== null) return categoricalFeature(fp.name, ref, { counts: s.counts, valid: s.count, missing: s.missing });
  const errors: StatError[] = [];
  const report: CategoricalFeatureReport = {
    name: fp.name,
    kind: 'categorical',
    missing: { reference: fp.missing, current: s.missing },
    psi: null,
    jensen_shannon: null,
    linf: null,
    chi2: null,
    new_categories: null,
    drift: null,
  };
  if (fp.valid === 0 || s.count === 0) {
    report.errors = noValidValues(fp.name, fp.valid, s.count);
    return report;
  }
  // Collapsed window: tracked reference categories, one bin for the other reference
  // categories, one for the categories the reference never had.
  const layout = fp.layout;
  const tracked = s.tracked as Float64Array;
  const r: number[] = layout.tracked.map((c) => refCounts.get(c) ?? 0);
  const c: number[] = Array.from(tracked);
  const otherRef = fp.valid - r.reduce((x, y) => x + y, 0);
  if (otherRef > 0) {
    r.push(otherRef);
    c.push(s.otherRows);
  }
  if (s.newRows > 0) {
    r.push(0);
    c.push(s.newRows);
  }
  const rc = Float64Array.from(r);
  const cc = Float64Array.from(c);
  const newCount = newCategoryCount(s, layout);
  const known = s.newRows > 0 ? r.length - 1 : r.length;
  // PSI's zero-filled terms and linf are not linear in a category's rows: spread the new
  // categories' rows evenly over their estimated count (a lower bound of their PSI terms, by
  // Jensen, when the count is right). JS and chi2 are linear there: one bin is exact.
  report.psi = attempt(errors, 'psi', 'DRIFTGAUGE_ERR_STAT_UNDEFINED', () => psiSplit(rc.subarray(0, known), cc.subarray(0, known), s.newRows, newCount));
  report.jensen_shannon = attempt(errors, 'jensen_shannon', 'DRIFTGAUGE_ERR_STAT_UNDEFINED', () => jensenShannon(rc, cc, 2));
  report.linf = attempt(errors, 'linf', 'DRIFTGAUGE_ERR_STAT_UNDEFINED', () => {
    // Tracked categories exactly; untracked reference categories spread like the reference
    // (the assumption their one bin makes for PSI, JS and chi2), so the largest of them moves
    // most; new categories evenly.
    let otherMax = 0;
    for (let i = 0; i < fp.categories.length; i++) if (!layout.slotOf.has(fp.categories[i])) otherMax = Math.max(otherMax, fp.counts[i]);
    const R = fp.valid;
    const C = s.count;
    let max = s.newRows > 0 ? s.newRows / C / newCount : 0;
    for (let i = 0; i < tracked.length; i++) max = Math.max(max, Math.abs(r[i] / R - tracked[i] / C));
    if (otherRef > 0) max = Math.max(max, (otherMax / R) * Math.abs(1 - s.otherRows / C / (otherRef / R)));
    return max;
  });
  report.chi2 = attempt(errors, 'chi2', 'DRIFTGAUGE_ERR_STAT_UNDEFINED', () => {
    // New categories add R·c/C each, linear in c: their bin gives the exact sum. The dof counts
    // every category of either sample (new ones estimated).
    const lumped = chi2Contingency(rc, cc);
    const dof = fp.categories.length + newCount - 1;
    return { statistic: lumped.statistic, pvalue: dof > 0 ? chi2Sf(lumped.statistic, dof) : 1, dof };
  });
  report.new_categories = { count: newCount, share: s.newRows / s.count };
  if (errors.length > 0) report.errors = errors;
  return report;
}

/**
 * PSI (psi.ts semantics: shares, Evidently's zero replacement, Σ (r − c) ln(r / c)) over known
 * bins plus `count` new categories sharing `newRows` evenly (reference share 0, zero-filled).
 */
function psiSplit(ref: Float64Array, cur: Float64Array, newRows: number, count: number): number {
  const refTotal = ref.reduce((a, b) => a + b, 0);
  const curTotal = cur.reduce((a, b) => a + b, 0) + newRows;
  if (!(refTotal > 0) || !(curTotal > 0)) return psi(ref, cur); // psi's own error
  if (newRows === 0) return psi(ref, cur);
  const rs = Array.from(ref, (x) => x / refTotal);
  const cs = Array.from(cur, (x) => x / curTotal);
  const cNew = newRows / curTotal / count;
  const fill = (shares: number[]) => {
    const smallest = Math.min(...shares.filter((x) => x > 0));
    return smallest <= 0.0001 ? smallest / 1e6 : 0.0001;
  };
  const rFill = fill(rs);
  const cFill = fill([...cs, cNew]);
  let total = 0;
  for (let i = 0; i < rs.length; i++) {
    const a = rs[i] === 0 ? rFill : rs[i];
    const b = cs[i] === 0 ? cFill : cs[i];
    total += (a - b) * Math.log(a / b);
  }
  return total + count * (rFill - cNew) * Math.log(rFill / cNew);
}

function undefinedMetric(errors: StatError[], metric: string, why: string): null {
  errors.push({ code: 'DRIFTGAUGE_ERR_METRIC_UNDEFINED', message: formatMessage('DRIFTGAUGE_ERR_METRIC_UNDEFINED', metric, why) });
  return null;
}

function binaryFromSketch(profile: ReferenceProfile, s: BinaryModelSketch, out: ModelSideReport, errors: StatError[]): void {
  const layout = profile.model?.layout;
  if (!layout) return;
  const pos = layout.positiveKey;
  if (s.labels.length > 2) {
    undefinedMetric(errors, 'binary metrics', `task is binary but target and prediction hold more than two labels (${s.labels.join(', ')}, ...)`);
    return;
  }
  if (s.labels.length > 0 && !s.labels.includes(pos)) {
    undefinedMetric(
      errors,
      'binary metrics',
      `positive class '${pos}' does not occur in target or prediction (labels: ${s.labels.join(', ')}); set "positive_class" in the spec`,
    );
    return;
  }
  if (layout.hasPrediction) {
    const c = attempt(errors, 'confusion_matrix', 'DRIFTGAUGE_ERR_METRIC_UNDEFINED', () => {
      const [tn, fp, fn, tp] = s.confusion;
      if (tn + fp + fn + tp === 0) throw new RangeError('no rows with both target and prediction');
      return { tn, fp, fn, tp };
    });
    const m = c ? binaryClassificationMetrics(c) : null;
    out.accuracy = m?.accuracy ?? null;
    out.precision = m?.precision ?? null;
    out.recall = m?.recall ?? null;
    out.f1 = m?.f1 ?? null;
    out.confusion_matrix = c ? [[c.tn, c.fp], [c.fn, c.tp]] : null;
  }
  if (layout.hasScore) {
    const guard = <T>(name: string, f: () => T) =>
      attempt(errors, name, 'DRIFTGAUGE_ERR_METRIC_UNDEFINED', () => {
        if (s.scored === 0) throw new RangeError('no rows with both target and score');
        return f();
      });
    const positives = s.scorePositive.reduce((x, y) => x + y, 0);
    out.roc_auc = guard('roc_auc', () => rocAucHistogram(s.scorePositive, s.scoreNegative).value);
    out.pr_auc = guard('pr_auc', () => averagePrecisionHistogram(s.scorePositive, s.scoreNegative).value);
    out.log_loss = guard('log_loss', () => {
      if (positives === 0 || positives === s.scored) {
        throw new RangeError(
          `y_true contains only one label (${positives === 0 ? 0 : 1}). Please provide the true labels explicitly through the labels argument.`,
        );
      }
      return s.logLossSum / s.scored;
    });
    out.brier = guard('brier', () => {
      if (s.scoreMax > 1) throw new RangeError('y_prob contains values greater than 1.');
      if (s.scoreMin < 0) throw new RangeError('y_prob contains values less than 0.');
      return s.brierSum / s.scored;
    });
  }
}

function modelFromSketch(profile: ReferenceProfile, s: ModelSketch): ModelSideReport {
  const out: ModelSideReport = { rows: s.rows };
  const errors: StatError[] = [];
  const layout = profile.model?.layout;
  if (s.task === 'binary') binaryFromSketch(profile, s, out, errors);
  else if (s.task === 'multiclass' && layout?.hasPrediction) {
    if (s.classes === null || s.cells === null) {
      undefinedMetric(errors, 'multiclass metrics', `the window holds more than ${layout.maxLabels} labels; sketch mode keeps a confusion matrix over at most that many`);
      for (const key of ['accuracy', 'precision_macro', 'recall_macro', 'f1_macro', 'f1_weighted', 'labels', 'confusion_matrix'] as const) out[key] = null;
    } else {
      const labels = sortLabels(s.classes.values() as Iterable<Label>);
      const index = new Map(labels.map((l, i) => [typeof l === 'number' ? String(l) : l, i]));
      const k = labels.length;
      const matrix = attempt(errors, 'confusion_matrix', 'DRIFTGAUGE_ERR_METRIC_UNDEFINED', () => {
        if (s.pairs === 0) throw new RangeError('no rows with both target and prediction');
        const m = new Float64Array(k * k);
        for (const [cell, rows] of s.cells as Map<string, number>) {
          const [t, p] = cell.split('\u0001');
          m[(index.get(t) as number) * k + (index.get(p) as number)] += rows;
        }
        return m;
      });
      writeMulticlassMetrics(out, matrix, k, labels);
    }
  } else if (s.task === 'regression' && layout?.hasPrediction) {
    const n = s.pairs;
    const ok = attempt(errors, 'regression metrics', 'DRIFTGAUGE_ERR_METRIC_UNDEFINED', () => {
      if (n === 0) throw new RangeError('no rows with both target and prediction');
      return true;
    });
    const mse = s.sqSum / n;
    // A constant target has SS_tot = 0 exactly (sklearn's intent; its mean can be off by an ulp).
    const ssTot = s.targetMin === s.targetMax ? 0 : s.targetM2;
    const r2 = n >= 2 ? (s.sqSum === 0 ? 1 : ssTot === 0 ? 0 : 1 - s.sqSum / ssTot) : Number.NaN;
    out.mae = ok ? s.absSum / n : null;
    out.mse = ok ? mse : null;
    out.rmse = ok ? Math.sqrt(mse) : null;
    out.mape = ok ? s.pctSum / n : null;
    out.r2 = ok ? r2 : null;
  }
  if (errors.length > 0) out.errors = errors;
  return out;
}

/** Certified bounds of one window's sketched statistics (0 where exact). */
export interface SketchErrorBounds {
  features: Record<string, { exact: boolean; ks?: { statistic: number; upper: number }; wasserstein?: { distance: number; bound: number } }>;
  model?: { roc_auc?: number; pr_auc?: number };
}

/**
 * The certified error bounds of a window's sketched statistics: for each
 * numerical feature the KS statistic with its upper bound and the
 * Wasserstein distance with its bound (exact − sketch); for a binary model
 * the ROC AUC and average precision bounds. Features whose window still
 * holds exact values are marked exact.
 *
 * Cost: O(features × bins).
 *
 * @param profile the reference profile
 * @param window the window
 * @returns the bounds
 * @throws RangeError when the window belongs to another profile
 * @example
 * sketchErrorBounds(profile, window).features.age.ks; // { statistic: 0.0213, upper: 0.0217 }
 */
export function sketchErrorBounds(profile: ReferenceProfile, window: WindowSketch): SketchErrorBounds {
  if (window.profileId !== profile.id) throw new RangeError(`window sketch belongs to reference profile ${window.profileId}, not ${profile.id}`);
  const features: SketchErrorBounds['features'] = {};
  for (const fp of profile.features) {
    const s = window.features[fp.name];
    let entry: SketchErrorBounds['features'][string];
    if (fp.kind === 'categorical') entry = { exact: (s as CategoricalSketch).counts !== null };
    else {
      const ns = s as NumericSketch;
      if (ns.distinct !== null || fp.valid === 0 || ns.count === 0) entry = { exact: true };
      else {
        entry = {
          exact: false,
          ks: ksStatisticBins(fp.counts, fp.valid, ns.counts, ns.count, fp.edges),
          wasserstein: wassersteinBins(fp.edges, { counts: fp.counts, offsets: fp.offsets, n: fp.valid }, { counts: ns.counts, offsets: ns.offsets, n: ns.count }),
        };
      }
    }
    Object.defineProperty(features, fp.name, { value: entry, enumerable: true, writable: true, configurable: true });
  }
  const out: SketchErrorBounds = { features };
  const m = window.model;
  if (m?.task === 'binary' && m.scored > 0) {
    const model: NonNullable<SketchErrorBounds['model']> = {};
    const pos = m.scorePositive.reduce((x, y) => x + y, 0);
    if (pos > 0 && pos < m.scored) model.roc_auc = rocAucHistogram(m.scorePositive, m.scoreNegative).bound;
    model.pr_auc = averagePrecisionHistogram(m.scorePositive, m.scoreNegative).bound;
    out.model = model;
  }
  return out;
}
