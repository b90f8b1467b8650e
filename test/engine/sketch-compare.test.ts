/**
 * Sketch mode against exact mode on the same rows: every sketched statistic
 * within its documented bound (docs/sketches.md), the same report shape and
 * the same verdicts. Windows are folded from 10,000-row batches in shuffled
 * order, as the service folds them.
 */
import { describe, expect, it } from 'vitest';
import type { ColumnarTable } from '../../src/arrow/columns.js';
import { compareTables } from '../../src/engine/compare.js';
import { DRIFT_METHOD_NAMES } from '../../src/engine/drift-methods.js';
import type { CategoricalFeatureReport, FeatureReport, NumericFeatureReport } from '../../src/engine/report.js';
import { compareSketch, referenceProfileFromTable, sketchErrorBounds } from '../../src/engine/sketch-compare.js';
import { defaultSpec, type ModelSpec, validateSpec } from '../../src/engine/spec.js';
import type { ReferenceProfile } from '../../src/sketches/reference-profile.js';
import { sketchBatch } from '../../src/sketches/sketch-batch.js';
import { createWindowSketch, mergeWindowInto, type WindowSketch } from '../../src/sketches/window-sketch.js';
import { categorical, numeric } from '../helpers/tables.js';
import { batches, DISTRIBUTIONS, numericColumn, rng, shuffled, table } from '../sketches/helpers.js';

const spec = (raw: unknown) => validateSpec(raw, 'spec.json', DRIFT_METHOD_NAMES);

function fold(profile: ReferenceProfile, cur: ColumnarTable, seed = 1): WindowSketch {
  const w = createWindowSketch(profile);
  for (const b of shuffled(batches(cur, 10_000), seed)) mergeWindowInto(profile, w, sketchBatch(profile, b));
  return w;
}

async function both(ref: ColumnarTable, cur: ColumnarTable, s: ModelSpec = defaultSpec(), options = {}) {
  const profile = referenceProfileFromTable(ref, s, options);
  const window = fold(profile, cur);
  return { exact: await compareTables(ref, cur, s), sketch: compareSketch(profile, window, s), bounds: sketchErrorBounds(profile, window), profile, window };
}

const rel = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(b), 1e-300));

/** Same keys everywhere (the report shape), whatever the numbers. */
function shape(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(shape);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)]).sort());
  return typeof v;
}

describe('numerical features: sketch vs exact on 100,000-row windows', () => {
  const N = 100_000;
  const names = Object.keys(DISTRIBUTIONS);
  const columns = (seed: number, drift: number) => names.map((name, i) => numericColumn(name, DISTRIBUTIONS[name](N, seed + i, drift)));
  const ref = table('ref', columns(1, 0));
  const profile = referenceProfileFromTable(ref, defaultSpec());
  const worst: Record<string, number> = { ks: 0, psi: 0, js: 0, wasserstein: 0 };

  for (const drift of [0, 1, 3]) {
    it(`${names.join(', ')} at drift ${drift}: KS within 1/512 + 2/n below exact, PSI and JS exact, Wasserstein within its certified bound and 0.5%`, async () => {
      const cur = table('cur', columns(100 + 10 * drift, drift));
      const exact = await compareTables(ref, cur, defaultSpec());
      const window = fold(profile, cur, drift);
      const sketch = compareSketch(profile, window);
      const bounds = sketchErrorBounds(profile, window);
      expect(sketch.mode).toBe('sketch');
      expect(shape({ ...sketch, mode: 'x' })).toEqual(shape({ ...exact, mode: 'x' }));
      expect(sketch.dataset).toEqual(exact.dataset);
      for (let i = 0; i < names.length; i++) {
        const e = exact.features[i] as NumericFeatureReport;
        const s = sketch.features[i] as NumericFeatureReport;
        const b = bounds.features[e.name];
        const where = `${e.name} drift ${drift}`;
        expect(s.missing, where).toEqual(e.missing);
        const ks = [s.ks?.statistic as number, e.ks?.statistic as number];
        expect(ks[0], where).toBeLessThanOrEqual(ks[1] + 1e-15);
        expect(ks[1] - ks[0], where).toBeLessThanOrEqual(1 / 512 + 2 / N);
        if (b.ks) expect(ks[1], where).toBeLessThanOrEqual(b.ks.upper + 1e-15);
        // a smaller statistic, the same distribution: never a smaller p-value (conservative)
        expect(s.ks?.pvalue as number, where).toBeGreaterThanOrEqual((e.ks?.pvalue as number) - 1e-12);
        if (b.exact) expect(s.ks, where).toEqual(e.ks);
        if (e.name === 'discrete') expect(b.exact).toBe(true);
        expect(rel(s.psi as number, e.psi as number), where).toBeLessThanOrEqual(1e-12);
        expect(rel(s.jensen_shannon as number, e.jensen_shannon as number), where).toBeLessThanOrEqual(1e-12);
        const w = [s.wasserstein as number, e.wasserstein as number];
        expect(w[0], where).toBeLessThanOrEqual(w[1] * (1 + 1e-12));
        if (b.wasserstein) expect(w[1], where).toBeLessThanOrEqual((w[0] + b.wasserstein.bound) * (1 + 1e-12));
        expect(rel(w[0], w[1]), where).toBeLessThanOrEqual(0.005);
        expect(rel(s.wasserstein_normed as number, e.wasserstein_normed as number), where).toBeLessThanOrEqual(0.005);
        expect(s.drift, where).toMatchObject({ method: e.drift?.method, detected: e.drift?.detected, threshold: e.drift?.threshold });
        worst.ks = Math.max(worst.ks, ks[1] - ks[0]);
        worst.psi = Math.max(worst.psi, rel(s.psi as number, e.psi as number));
        worst.js = Math.max(worst.js, rel(s.jensen_shannon as number, e.jensen_shannon as number));
        worst.wasserstein = Math.max(worst.wasserstein, rel(w[0], w[1]));
      }
    });
  }

  it('reports the measured worst cases (for docs/sketches.md)', () => {
    console.log('sketch vs exact, worst over distributions and drifts:', JSON.stringify(worst));
    expect(worst.ks).toBeLessThan(0.005);
  });
});

describe('numerical features: edge cases', () => {
  it('small windows take the exact KS distribution at the window n, and stay conservative', async () => {
    const ref = table('ref', [numericColumn('x', DISTRIBUTIONS.normal(5000, 1, 0))]);
    const cur = table('cur', [numericColumn('x', DISTRIBUTIONS.normal(3000, 2, 1))]);
    const { exact, sketch } = await both(ref, cur);
    const e = exact.features[0] as NumericFeatureReport;
    const s = sketch.features[0] as NumericFeatureReport;
    expect(e.drift?.method).toBe('wasserstein_normed');
    expect(Math.abs((s.ks?.statistic as number) - (e.ks?.statistic as number))).toBeLessThanOrEqual(1 / 512 + 2 / 5000);
    expect(s.ks?.pvalue as number).toBeGreaterThanOrEqual((e.ks?.pvalue as number) - 1e-12);
    expect(Math.abs((s.ks?.pvalue as number) - (e.ks?.pvalue as number))).toBeLessThan(0.05);
  });

  it("the spec's sketch.fine_bins sets the fine grids: finer bins, a tighter KS bound", async () => {
    const ref = table('ref', [numericColumn('x', DISTRIBUTIONS.lognormal(20_000, 1, 0))]);
    const cur = table('cur', [numericColumn('x', DISTRIBUTIONS.lognormal(20_000, 2, 1))]);
    const coarse = referenceProfileFromTable(ref, defaultSpec());
    const fine = await both(ref, cur, spec({ sketch: { fine_bins: 2048 } }));
    const edges = (p: ReferenceProfile) => (p.features[0].kind === 'numerical' ? p.features[0].edges.length : 0);
    expect(coarse.options).toMatchObject({ grid: 512, uniform: 512 });
    expect(fine.profile.options).toMatchObject({ grid: 2048, uniform: 2048 });
    // quantiles 0..1, the interior uniform steps, nextUp(max), and up to 9 PSI edges of their own
    expect(edges(coarse)).toBeGreaterThanOrEqual(512 + 1 + 511 + 1);
    expect(edges(coarse)).toBeLessThanOrEqual(512 + 1 + 511 + 1 + 9);
    expect(edges(fine.profile)).toBeGreaterThanOrEqual(2048 + 1 + 2047 + 1);
    expect(edges(fine.profile)).toBeLessThanOrEqual(2048 + 1 + 2047 + 1 + 9);
    const e = fine.exact.features[0] as NumericFeatureReport;
    const s = fine.sketch.features[0] as NumericFeatureReport;
    expect((e.ks?.statistic as number) - (s.ks?.statistic as number)).toBeLessThanOrEqual(1 / 2048 + 2 / 20_000);
    expect(fine.bounds.features.x.ks?.upper as number).toBeLessThanOrEqual((s.ks?.statistic as number) + 1 / 2048 + 2 / 20_000);
  });

  it('counts null, NaN and ±Infinity as missing, as exact mode', async () => {
    const n = 20_000;
    const r = rng(4);
    const values = DISTRIBUTIONS.shifted(n, 3, 1).map((v) => (r() < 0.01 ? Number.NaN : r() < 0.01 ? Number.POSITIVE_INFINITY : r() < 0.01 ? Number.NEGATIVE_INFINITY : v));
    const valid = new Uint8Array(n).map(() => (r() < 0.02 ? 0 : 1));
    const ref = table('ref', [numericColumn('x', DISTRIBUTIONS.shifted(n, 5, 0))]);
    const cur = table('cur', [numericColumn('x', values, valid)]);
    const { exact, sketch } = await both(ref, cur);
    expect(sketch.features[0].missing).toEqual(exact.features[0].missing);
    expect(sketch.features[0].missing.current).toBeGreaterThan(800);
  });

  it('reference with <= 20 distinct values, window with many: PSI undefined (error entry), JS exact, KS exact', async () => {
    const ref = table('ref', [numericColumn('x', DISTRIBUTIONS.discrete(20_000, 1, 0))]);
    const cur = table('cur', [numericColumn('x', DISTRIBUTIONS.normal(20_000, 2, 0).map((v) => 3 + 2 * v))]);
    const { exact, sketch, bounds } = await both(ref, cur, spec({ drift: { method: 'psi' } }));
    const e = exact.features[0] as NumericFeatureReport;
    const s = sketch.features[0] as NumericFeatureReport;
    expect(s.psi).toBeNull();
    expect(s.errors?.[0].code).toBe('DRIFTGAUGE_ERR_STAT_UNDEFINED');
    expect(s.errors?.[0].message).toMatch(/^psi is undefined: the reference has at most 20 distinct values/);
    expect(s.drift).toBeNull();
    expect(sketch.dataset.features).toBe(0);
    expect(rel(s.jensen_shannon as number, e.jensen_shannon as number)).toBeLessThan(1e-12);
    expect(s.ks?.statistic).toBe(e.ks?.statistic);
    expect(bounds.features.x.ks?.upper).toBe(bounds.features.x.ks?.statistic);
    expect(e.wasserstein as number).toBeLessThanOrEqual((s.wasserstein as number) + (bounds.features.x.wasserstein?.bound as number) + 1e-12);
  });

  it('an empty side yields the error entries of exact mode', async () => {
    const ref = table('ref', [numeric('x', [1, 2, 3, null])]);
    const cur = table('cur', [numeric('x', [null, null])]);
    const { exact, sketch } = await both(ref, cur);
    expect(sketch.features).toEqual(exact.features);
  });

  it('takes methods, thresholds and drift share from a newer spec; a different psi_bins is an error entry', async () => {
    const ref = table('ref', [numericColumn('x', DISTRIBUTIONS.normal(5000, 1, 0)), numericColumn('y', DISTRIBUTIONS.normal(5000, 2, 0))]);
    const cur = table('cur', [numericColumn('x', DISTRIBUTIONS.normal(5000, 3, 2)), numericColumn('y', DISTRIBUTIONS.normal(5000, 4, 0))]);
    const profile = referenceProfileFromTable(ref, defaultSpec());
    const w = fold(profile, cur);
    const newer = spec({ columns: { x: { drift: { method: 'ks', threshold: 0.01 } } }, drift: { method: 'psi', threshold: 0.05, drift_share: 0.25 } });
    const r = compareSketch(profile, w, newer);
    expect(r.features.map((f) => f.drift?.method)).toEqual(['ks', 'psi']);
    expect(r.features[0].drift?.threshold).toBe(0.01);
    expect(r.dataset.drift_share).toBe(0.25);
    const exact = await compareTables(ref, cur, newer);
    expect(r.dataset).toEqual(exact.dataset);
    const bins = compareSketch(profile, w, spec({ drift: { psi_bins: 5 } }));
    const f = bins.features[0] as NumericFeatureReport;
    expect([f.psi, f.jensen_shannon]).toEqual([null, null]);
    expect(f.errors?.map((e) => e.message)).toEqual([expect.stringMatching(/psi_bins 10, the spec asks for 5/), expect.stringMatching(/^jensen_shannon/)]);
  });
});

describe('categorical features', () => {
  const draw = (n: number, seed: number, categories: number, skew: number, extra = 0) => {
    const r = rng(seed);
    return Array.from({ length: n }, (_, i) => (r() < 0.01 ? null : extra > 0 && r() < 0.2 ? `new-${i % extra}` : `c${Math.floor(categories * r() ** skew)}`));
  };

  it('at most 256 categories in the window: identical to exact mode (counts are the same)', async () => {
    const ref = table('ref', [categorical('c', draw(50_000, 1, 40, 1.5)), numeric('n', Array.from({ length: 50_000 }, (_, i) => i % 7))]);
    const cur = table('cur', [categorical('c', draw(50_000, 2, 45, 1.2)), numeric('n', Array.from({ length: 50_000 }, (_, i) => (i % 9) - 1))]);
    const { exact, sketch } = await both(ref, cur, spec({ columns: { n: { kind: 'categorical' } } }));
    for (let i = 0; i < 2; i++) {
      const e = exact.features[i] as CategoricalFeatureReport;
      const s = sketch.features[i] as CategoricalFeatureReport;
      expect(s.new_categories).toEqual(e.new_categories);
      expect(s.chi2?.dof).toBe(e.chi2?.dof);
      for (const key of ['psi', 'jensen_shannon', 'linf'] as const) expect(rel(s[key] as number, e[key] as number)).toBeLessThanOrEqual(1e-12);
      expect(rel(s.chi2?.statistic as number, e.chi2?.statistic as number)).toBeLessThanOrEqual(1e-12);
      expect(Math.abs((s.chi2?.pvalue as number) - (e.chi2?.pvalue as number))).toBeLessThanOrEqual(1e-12);
      expect(s.drift).toEqual(e.drift);
    }
  });

  it('past 256 with every reference category tracked: JS and the chi2 statistic exact, chi2 dof and new-category count within 5%', async () => {
    const ref = table('ref', [categorical('c', draw(100_000, 1, 100, 1.5))]);
    const cur = table('cur', [categorical('c', draw(100_000, 2, 100, 1.2, 5000))]);
    const { exact, sketch, window } = await both(ref, cur);
    expect((window.features.c as { counts: unknown }).counts).toBeNull();
    const e = exact.features[0] as CategoricalFeatureReport;
    const s = sketch.features[0] as CategoricalFeatureReport;
    expect(rel(s.jensen_shannon as number, e.jensen_shannon as number)).toBeLessThanOrEqual(1e-9);
    expect(rel(s.chi2?.statistic as number, e.chi2?.statistic as number)).toBeLessThanOrEqual(1e-9);
    expect(rel(s.chi2?.dof as number, e.chi2?.dof as number)).toBeLessThanOrEqual(0.05);
    expect(s.new_categories?.share).toBe(e.new_categories?.share);
    expect(rel(s.new_categories?.count as number, e.new_categories?.count as number)).toBeLessThanOrEqual(0.05);
    // PSI: new categories spread evenly over their estimated count, a lower bound of their terms
    // (Jensen); here each is used ~Poisson(4) times, which the even split cannot see (−19%).
    expect(s.psi as number).toBeLessThanOrEqual((e.psi as number) * 1.02);
    expect(s.psi as number).toBeGreaterThan(0.7 * (e.psi as number));
    expect(s.linf as number).toBeLessThanOrEqual((e.linf as number) + 1e-12);
    expect(s.drift?.detected).toBe(e.drift?.detected);
  });

  it('past 256 with skewed new categories: PSI and linf estimates fall below exact (even split), JS stays exact', async () => {
    const r = rng(9);
    const ref = table('ref', [categorical('c', draw(100_000, 1, 100, 1.5))]);
    const cur = table('cur', [categorical('c', Array.from({ length: 100_000 }, () => (r() < 0.2 ? `new-${Math.floor(3000 * r() ** 2)}` : `c${Math.floor(100 * r() ** 1.2)}`)))]);
    const { exact, sketch } = await both(ref, cur);
    const e = exact.features[0] as CategoricalFeatureReport;
    const s = sketch.features[0] as CategoricalFeatureReport;
    expect(s.psi as number).toBeLessThanOrEqual((e.psi as number) * 1.02);
    expect(s.psi as number).toBeGreaterThan(0.4 * (e.psi as number));
    expect(s.linf as number).toBeLessThanOrEqual((e.linf as number) + 1e-12);
    expect(rel(s.jensen_shannon as number, e.jensen_shannon as number)).toBeLessThanOrEqual(1e-9);
  });

  it('a reference with more than 256 categories: other reference categories in one bin make JS and chi2 lower bounds', async () => {
    const ref = table('ref', [categorical('c', draw(100_000, 3, 2000, 2))]);
    const cur = table('cur', [categorical('c', draw(100_000, 4, 2000, 1.6, 50))]);
    const { exact, sketch, window, profile } = await both(ref, cur);
    expect((window.features.c as { counts: unknown }).counts).toBeNull();
    expect(profile.features[0].kind === 'categorical' && profile.features[0].categories.length).toBeGreaterThan(256);
    const e = exact.features[0] as CategoricalFeatureReport;
    const s = sketch.features[0] as CategoricalFeatureReport;
    expect(s.jensen_shannon as number).toBeLessThanOrEqual((e.jensen_shannon as number) + 1e-12);
    expect(s.chi2?.statistic as number).toBeLessThanOrEqual((e.chi2?.statistic as number) * (1 + 1e-12));
    expect(s.chi2?.pvalue as number).toBeGreaterThanOrEqual((e.chi2?.pvalue as number) - 1e-12);
    expect(rel(s.chi2?.dof as number, e.chi2?.dof as number)).toBeLessThanOrEqual(0.05);
    expect(s.new_categories?.share).toBe(e.new_categories?.share);
  });
});

describe('model metrics', () => {
  function binaryTable(source: string, n: number, seed: number, shift: number): ColumnarTable {
    const r = rng(seed);
    const y: (number | null)[] = [];
    const p: (number | null)[] = [];
    const s: (number | null)[] = [];
    for (let i = 0; i < n; i++) {
      const label = r() < 0.3 ? 1 : 0;
      const u = r() || 1e-12;
      const score = 1 / (1 + Math.exp(-(0.6 * Math.log(u / (1 - u)) + (label ? 1 : -1) + shift)));
      y.push(i % 101 === 0 ? null : label);
      s.push(i % 67 === 0 ? null : score);
      p.push(score > 0.5 ? 1 : 0);
    }
    return table(source, [numericColumn('f', DISTRIBUTIONS.normal(n, seed, shift)), numeric('label', y), numeric('pred', p), numeric('proba', s)]);
  }
  const binarySpec = spec({ task: 'binary', columns: { label: { role: 'target' }, pred: { role: 'prediction' }, proba: { role: 'score' } } });

  it('binary on 100,000 rows: ROC AUC within 0.001 and its certified bound, AP within its bound, the rest exact', async () => {
    const { exact, sketch, bounds } = await both(binaryTable('ref', 100_000, 1, 0), binaryTable('cur', 100_000, 2, 0.3), binarySpec);
    const e = exact.model?.current as Record<string, number>;
    const s = sketch.model?.current as Record<string, number>;
    expect(sketch.model?.reference).toEqual(exact.model?.reference);
    expect(s.rows).toBe(e.rows);
    for (const key of ['accuracy', 'precision', 'recall', 'f1']) expect(s[key]).toBe(e[key]);
    expect(s.confusion_matrix).toEqual(e.confusion_matrix);
    for (const key of ['log_loss', 'brier']) expect(rel(s[key], e[key])).toBeLessThanOrEqual(1e-12);
    expect(Math.abs(s.roc_auc - e.roc_auc)).toBeLessThanOrEqual(Math.min(0.001, (bounds.model?.roc_auc as number) + 1e-12));
    expect(Math.abs(s.pr_auc - e.pr_auc)).toBeLessThanOrEqual((bounds.model?.pr_auc as number) + 1e-12);
    expect(Math.abs(s.pr_auc - e.pr_auc)).toBeLessThanOrEqual(0.002);
    console.log('binary model: |ΔROC AUC|', Math.abs(s.roc_auc - e.roc_auc), 'bound', bounds.model?.roc_auc, '|ΔAP|', Math.abs(s.pr_auc - e.pr_auc), 'bound', bounds.model?.pr_auc);
  });

  it('binary: the same error entries as exact mode (more than two labels, one class, scores out of [0, 1])', async () => {
    const t = (y: number[], p: number[], s: number[]) => table('t', [numeric('label', y), numeric('pred', p), numeric('proba', s)]);
    const ref = t([0, 1, 0, 1], [0, 1, 1, 1], [0.1, 0.9, 0.6, 0.8]);
    for (const cur of [t([0, 1, 2], [0, 1, 1], [0.2, 0.4, 0.6]), t([1, 1, 1], [1, 0, 1], [0.2, 0.4, 0.6]), t([0, 1, 0], [0, 1, 1], [-0.2, 0.4, 1.5])]) {
      const { exact, sketch } = await both(ref, cur, binarySpec);
      const es = (exact.model?.current.errors ?? []).map((x) => x.message.replace(/\(.*\)/, ''));
      const ss = (sketch.model?.current.errors ?? []).map((x) => x.message.replace(/\(.*\)/, ''));
      expect(ss).toEqual(es);
      expect(Object.keys(sketch.model?.current ?? {}).sort()).toEqual(Object.keys(exact.model?.current ?? {}).sort());
    }
  });

  it('multiclass: identical labels, confusion matrix and averages', async () => {
    const lab = (n: number, seed: number) => {
      const r = rng(seed);
      return Array.from({ length: n }, () => (r() < 0.01 ? null : ['cat', 'dog', 'eel', 'fox'][Math.floor(r() * r() * 4)]));
    };
    const mk = (seed: number) => table('t', [categorical('y', lab(20_000, seed)), categorical('p', lab(20_000, seed + 1))]);
    const s = spec({ task: 'multiclass', columns: { y: { role: 'target' }, p: { role: 'prediction' } } });
    const { exact, sketch } = await both(mk(1), mk(3), s);
    expect(sketch.model).toEqual(exact.model);
  });

  it('regression: MAE, MSE, RMSE, MAPE, R² exact to 1e-9', async () => {
    const mk = (seed: number, bias: number) => {
      const y = DISTRIBUTIONS.lognormal(50_000, seed, 0).map((v) => 100 + 10 * v);
      const r = rng(seed + 7);
      return table('t', [numericColumn('y', y), numericColumn('yhat', y.map((v) => v + bias + 3 * (r() - 0.5)))]);
    };
    const s = spec({ task: 'regression', columns: { y: { role: 'target' }, yhat: { role: 'prediction' } } });
    const { exact, sketch } = await both(mk(1, 0), mk(2, 0.5), s);
    const e = exact.model?.current as Record<string, number>;
    const k = sketch.model?.current as Record<string, number>;
    expect(k.rows).toBe(e.rows);
    for (const key of ['mae', 'mse', 'rmse', 'mape', 'r2']) expect(rel(k[key], e[key])).toBeLessThanOrEqual(1e-9);
  });
});

describe('the report as a whole', () => {
  it('has exact mode\'s shape with "mode": "sketch", and the same dataset verdict', async () => {
    const n = 30_000;
    const mk = (seed: number, drift: number) =>
      table('t', [
        numericColumn('a', DISTRIBUTIONS.shifted(n, seed, drift)),
        numericColumn('b', DISTRIBUTIONS.bimodal(n, seed + 1, 0)),
        categorical('c', Array.from({ length: n }, (_, i) => `k${(i * (seed + drift)) % 17}`)),
      ]);
    const { exact, sketch } = await both(mk(1, 0), mk(2, 2));
    expect(sketch.mode).toBe('sketch');
    expect(sketch.reference).toEqual(exact.reference);
    expect(sketch.current).toEqual(exact.current);
    expect(shape({ ...sketch, mode: 0 })).toEqual(shape({ ...exact, mode: 0 }));
    expect(sketch.dataset).toEqual(exact.dataset);
    expect(sketch.features.map((f: FeatureReport) => f.drift?.detected)).toEqual(exact.features.map((f: FeatureReport) => f.drift?.detected));
  });

  it('refuses a window sketched against another profile', () => {
    const a = referenceProfileFromTable(table('a', [numeric('x', [1, 2, 3])]), defaultSpec());
    const b = referenceProfileFromTable(table('b', [numeric('x', [1, 2, 4])]), defaultSpec());
    expect(() => compareSketch(a, createWindowSketch(b))).toThrow(/another profile|not/);
  });
});

