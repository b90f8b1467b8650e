/**
 * The report's `multivariate` section for an exact comparison: PCA
 * reconstruction error and the domain classifier (src/multivariate) over the
 * numerical features, on rows where every one of them is present. On by
 * default with two or more numerical features; the spec's `"multivariate":
 * false` or the CLI's `--no-multivariate` turn it off. A failure (no TF.js
 * backend, too few rows) is an error entry, never a failed report.
 */
import type { ColumnarTable, NumericColumn } from '../arrow/columns.js';
import { toWire } from '../errors.js';
import { completeRows } from '../multivariate/complete-rows.js';
import { multivariateDrift } from '../multivariate/multivariate-drift.js';
import type { MultivariateOptions } from '../multivariate/multivariate-types.js';
import type { ComparisonPlan } from './plan.js';
import type { StatError } from './report.js';

export type MultivariateSection = Record<string, unknown> & { errors?: StatError[] };

function numericColumns(table: ColumnarTable, names: readonly string[]) {
  return names.map((n) => {
    const c = table.byName.get(n) as NumericColumn;
    return { values: c.values, valid: c.valid };
  });
}

export async function multivariateSection(
  ref: ColumnarTable,
  cur: ColumnarTable,
  plan: ComparisonPlan,
  opts: MultivariateOptions,
): Promise<MultivariateSection | undefined> {
  const names = plan.features.filter((f) => f.kind === 'numerical' && ref.byName.get(f.name)?.kind === 'numerical').map((f) => f.name);
  if (names.length < 2) return undefined;
  try {
    const result = await multivariateDrift(completeRows(numericColumns(ref, names)), completeRows(numericColumns(cur, names)), opts);
    return { features: names, ...result } as MultivariateSection;
  } catch (err) {
    return { features: names, pca_reconstruction: null, domain_classifier: null, errors: [toWire(err)] };
  }
}
