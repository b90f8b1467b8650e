/**
 * The report's `multivariate` section: PCA reconstruction error and the
 * domain classifier (src/multivariate) over the numerical features, on rows
 * where every one of them is present. On by default with two or more
 * numerical features; the spec's `"multivariate": false` or the CLI's
 * `--no-multivariate` turn it off. A failure (no TF.js backend, too few
 * rows, a reference profile without a row sample) is an error entry, never
 * a failed report.
 *
 *   exact report:  the two tables' complete rows ──┐
 *   window report: the profile's row sample,       ├─▶ multivariateDrift ─▶ section (or an error entry)
 *                  the window's row sample ────────┘
 *
 * A window's section is computed on bottom-k row samples (src/sketches/row-sample.ts,
 * k = the profile's sampleRows, 10,000 by default) of the reference and of the window.
 */
import type { ColumnarTable, NumericColumn } from '../arrow/columns.js';
import { createError, toWire } from '../errors.js';
import { completeRows } from '../multivariate/complete-rows.js';
import { multivariateDrift } from '../multivariate/multivariate-drift.js';
import type { MultivariateOptions, MultivariateResult } from '../multivariate/multivariate-types.js';
import type { ReferenceProfile } from '../sketches/reference-profile.js';
import { sampleColumns } from '../sketches/row-sample.js';
import type { WindowSketch } from '../sketches/window-sketch.js';
import type { ComparisonPlan } from './plan.js';
import type { StatError } from './report.js';

export type MultivariateSection = Record<string, unknown> & { errors?: StatError[] };

function numericColumns(table: ColumnarTable, names: readonly string[]) {
  return names.map((n) => {
    const c = table.byName.get(n) as NumericColumn;
    return { values: c.values, valid: c.valid };
  });
}

/** The section of `names`: the methods' result, or null results with the error. */
async function section(names: string[], run: () => Promise<MultivariateResult>): Promise<MultivariateSection> {
  try {
    const result = await run();
    return { features: names, ...result } as MultivariateSection;
  } catch (err) {
    return { features: names, pca_reconstruction: null, domain_classifier: null, errors: [toWire(err)] };
  }
}

/**
 * The section of an exact comparison.
 *
 * @returns undefined with fewer than two numerical features
 */
export async function multivariateSection(
  ref: ColumnarTable,
  cur: ColumnarTable,
  plan: ComparisonPlan,
  opts: MultivariateOptions,
): Promise<MultivariateSection | undefined> {
  const names = plan.features.filter((f) => f.kind === 'numerical' && ref.byName.get(f.name)?.kind === 'numerical').map((f) => f.name);
  if (names.length < 2) return undefined;
  return section(names, () => multivariateDrift(completeRows(numericColumns(ref, names)), completeRows(numericColumns(cur, names)), opts));
}

/**
 * The section of a window comparison: the reference profile's row sample
 * against the window's, over the profile's numerical features (the exact
 * path's selection: the profile was planned as exact mode plans).
 *
 * Cost: as `multivariateDrift` on at most k rows a side; TF.js is loaded
 * (`opts.tf` as a loader) only when both samples hold enough rows.
 *
 * @param profile the reference profile
 * @param window the window, sketched against `profile`
 * @param opts TF.js (or its loader), seed, rows for the classifier
 * @returns undefined with fewer than two numerical features; an error entry when the profile keeps
 *   no row sample (built before samples existed, or with multivariate off): upload the reference again
 * @example
 * await windowMultivariateSection(profile, window, { tf, seed: 0 });
 * // { features: ['x', 'y'], pca_reconstruction: { ... }, domain_classifier: { ... } }
 */
export async function windowMultivariateSection(
  profile: ReferenceProfile,
  window: WindowSketch,
  opts: MultivariateOptions,
): Promise<MultivariateSection | undefined> {
  const names = profile.features.filter((f) => f.kind === 'numerical').map((f) => f.name);
  if (names.length < 2) return undefined;
  return section(names, () => {
    const ref = profile.sample;
    if (ref === null || ref.features.join('\u0000') !== names.join('\u0000')) {
      throw createError(
        'DRIFTGAUGE_ERR_STAT_UNDEFINED',
        'multivariate drift',
        'the reference profile keeps no row sample (it was uploaded before window reports had multivariate drift, or with multivariate off); upload the reference again',
      );
    }
    const s = window.sample;
    const cur = s ? sampleColumns(s.values, s.size, s.width) : names.map(() => new Float64Array(0));
    return multivariateDrift(sampleColumns(ref.values, ref.rows, names.length), cur, opts);
  });
}
