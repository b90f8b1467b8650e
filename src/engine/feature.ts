/**
 * One feature, start to finish: samples from the two columns, every
 * statistic of the feature's kind, and the drift verdict of its method.
 * Pure; runs on the main thread or in a worker alike.
 */
import type { Column } from '../arrow/columns.js';
import {
  type CategoricalSample,
  categoricalFeature,
  categoricalSampleFromCodes,
  categoricalSampleFromNumbers,
} from './categorical-feature.js';
import { resolveMethod, verdict } from './drift-methods.js';
import { numericFeature, numericSample } from './numeric-feature.js';
import type { FeaturePlan } from './plan.js';
import type { FeatureReport } from './report.js';
import { sampleBuffers } from './sample-buffers.js';

function categoricalSample(col: Column): CategoricalSample {
  return col.kind === 'categorical'
    ? categoricalSampleFromCodes(col.codes, col.categories)
    : categoricalSampleFromNumbers(col.values, col.valid);
}

export function computeFeature(plan: FeaturePlan, psiBins: number, refCol: Column, curCol: Column): FeatureReport {
  let report: FeatureReport;
  let referenceValid: number;
  if (plan.kind === 'numerical') {
    if (refCol.kind !== 'numerical' || curCol.kind !== 'numerical') throw new TypeError(`column '${plan.name}' is not numeric`);
    // The sorted samples live in this thread's reused buffers: they must not outlive this call.
    const buffers = sampleBuffers(refCol.values.length, curCol.values.length);
    const ref = numericSample(refCol.values, refCol.valid, buffers.ref);
    const cur = numericSample(curCol.values, curCol.valid, buffers.cur);
    referenceValid = ref.sorted.length;
    report = numericFeature(plan.name, ref, cur, { psiBins });
  } else {
    const ref = categoricalSample(refCol);
    const cur = categoricalSample(curCol);
    referenceValid = ref.valid;
    report = categoricalFeature(plan.name, ref, cur);
  }
  report.drift = verdict(report, resolveMethod(plan.method, plan.kind, referenceValid), plan.threshold);
  return report;
}
