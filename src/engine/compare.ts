/**
 * Exact comparison of two tables: plan, run every feature (in-process or
 * through a runner that sends features to worker threads), add the model
 * metrics and the dataset verdict. The report's feature order is the
 * reference's column order, whatever order the runner finishes in.
 */
import type { ColumnarTable } from '../arrow/columns.js';
import type { MultivariateOptions } from '../multivariate/multivariate-types.js';
import { datasetVerdict } from './dataset-verdict.js';
import { computeFeature } from './feature.js';
import { modelReport } from './model-metrics.js';
import { multivariateSection } from './multivariate-section.js';
import { type ComparisonPlan, type FeaturePlan, planComparison } from './plan.js';
import type { FeatureReport, ModelReport, Report } from './report.js';
import type { ModelSpec } from './spec.js';

/** Runs the features and the model section of a plan; the default runs them here, one by one. */
export interface ComparisonRunner {
  feature(plan: FeaturePlan, psiBins: number): Promise<FeatureReport>;
  model?(plan: NonNullable<ComparisonPlan['model']>): Promise<ModelReport>;
}

export interface CompareOptions {
  runner?: ComparisonRunner;
  /** Called after each finished unit of work (features, then the model section). */
  onProgress?: (done: number, total: number) => void;
  /** Multivariate drift over the numerical features (TF.js); omitted: no `multivariate` section. */
  multivariate?: MultivariateOptions;
}

export function inProcessRunner(ref: ColumnarTable, cur: ColumnarTable): ComparisonRunner {
  return {
    feature: async (plan, psiBins) => {
      const r = ref.byName.get(plan.name);
      const c = cur.byName.get(plan.name);
      if (!r || !c) throw new Error(`column '${plan.name}' missing`);
      return computeFeature(plan, psiBins, r, c);
    },
    model: async (plan) => modelReport(ref, cur, plan),
  };
}

export async function compareTables(
  ref: ColumnarTable,
  cur: ColumnarTable,
  spec: ModelSpec,
  opts: CompareOptions = {},
): Promise<Report> {
  const plan = planComparison(ref, cur, spec);
  const runner = opts.runner ?? inProcessRunner(ref, cur);
  const total = plan.features.length + (plan.model ? 1 : 0);
  let done = 0;
  const tick = <T>(p: Promise<T>) =>
    p.then((v) => {
      opts.onProgress?.(++done, total);
      return v;
    });
  const modelRun = plan.model ? runner.model ?? inProcessRunner(ref, cur).model : undefined;
  const [features, model, multivariate] = await Promise.all([
    Promise.all(plan.features.map((f) => tick(runner.feature(f, plan.psiBins)))),
    plan.model && modelRun ? tick(modelRun(plan.model)) : Promise.resolve(undefined),
    opts.multivariate ? multivariateSection(ref, cur, plan, opts.multivariate) : Promise.resolve(undefined),
  ]);
  const report: Report = {
    mode: 'exact',
    reference: { rows: ref.rows },
    current: { rows: cur.rows },
    features,
    dataset: datasetVerdict(features, plan.driftShare),
  };
  if (multivariate) report.multivariate = multivariate;
  if (model) report.model = model;
  return report;
}
