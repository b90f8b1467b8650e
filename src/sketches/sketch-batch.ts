/**
 * One batch's columns → a window sketch against the reference profile: the
 * hot path of ingestion (a worker runs it on each POSTed batch; the result
 * folds into the open window with `mergeWindowInto`). Columns are read once,
 * as the Arrow reader decoded them; nothing is copied or sorted.
 */

import type { CategoricalSketch } from './categorical-sketch.js';
import { addCategoricalCodes, addCategoricalNumbers } from './categorical-sketch.js';
import type { ColumnInput } from './column-input.js';
import { addModel } from './model-sketch.js';
import type { NumericSketch } from './numeric-sketch.js';
import { addNumeric } from './numeric-sketch.js';
import { type ReferenceProfile, sampledColumns, sampleFeatures, type TableInput } from './reference-profile.js';
import { BatchSampler } from './row-sample.js';
import { createWindowSketch, type WindowSketch } from './window-sketch.js';

/**
 * Sketches one batch.
 *
 * Cost: O(rows × features): ~12–30 ns per numerical value (fine-bin lookup
 * through the profile's uniform-grid table), one pass over codes per
 * categorical feature; memory O(features × bins) for the result.
 *
 * @param profile the reference profile
 * @param table the batch's decoded columns (an Arrow `ColumnarTable` fits)
 * @param into an empty window of this profile to fill (`resetWindowSketch`) instead of a new one
 * @param sampleLimit rows whose sample priority is above this are left out of the row sample: a
 *   `SampleThresholds` threshold of the batch's window (row-sample.ts; pruning that leaves the
 *   window's merged sample unchanged). Default: none left out.
 * @returns the batch's window sketch (`into` when given)
 * @throws RangeError when a profiled column is absent or of another Arrow kind than in the
 *   reference (the HTTP layer checks batches against the spec first)
 * @example
 * mergeWindowInto(profile, open, sketchBatch(profile, readTable(bytes, 'batch')));
 */
export function sketchBatch(profile: ReferenceProfile, table: TableInput, into?: WindowSketch, sampleLimit = Number.POSITIVE_INFINITY): WindowSketch {
  const columns = profile.features.map((f) => {
    const col = table.byName.get(f.name);
    if (!col) throw new RangeError(`batch has no column '${f.name}'`);
    if (f.kind === 'numerical' && col.kind !== 'numerical') throw new RangeError(`batch column '${f.name}' is categorical; the reference's is numerical`);
    if (f.kind !== 'numerical' && col.kind !== f.column) throw new RangeError(`batch column '${f.name}' is ${col.kind}; the reference's is ${f.column}`);
    return col;
  });
  const w = into ?? createWindowSketch(profile);
  w.rows = table.rows;
  // The row sample's columns are the numerical features in profile order: each is gathered right after it is sketched.
  const sampler = w.sample ? new BatchSampler(w.sample, sampledColumns(table, sampleFeatures(profile)), table.rows, sampleLimit) : null;
  let sampled = 0;
  profile.features.forEach((f, k) => {
    const col = columns[k];
    if (f.kind === 'numerical' && col.kind === 'numerical') {
      addNumeric(w.features[f.name] as NumericSketch, f.layout, col.values, col.valid);
      sampler?.gather(sampled++);
    } else if (f.kind !== 'numerical') {
      const s = w.features[f.name] as CategoricalSketch;
      if (col.kind === 'categorical') addCategoricalCodes(s, f.layout, col.codes, col.categories);
      else if (col.kind === 'numerical') addCategoricalNumbers(s, f.layout, col.values, col.valid);
    }
  });
  const plan = profile.plan.model;
  if (plan && profile.model && w.model) {
    const get = (name: string | undefined, kind: string | null): ColumnInput | undefined => {
      if (name === undefined || kind === null) return undefined;
      const col = table.byName.get(name);
      if (!col) throw new RangeError(`batch has no column '${name}'`);
      if (col.kind !== kind) throw new RangeError(`batch column '${name}' is ${col.kind}; the reference's is ${kind}`);
      return col;
    };
    const target = get(plan.target, profile.model.targetKind) as ColumnInput;
    addModel(w.model, profile.model.layout, {
      target,
      prediction: get(plan.prediction, profile.model.predictionKind),
      score: get(plan.score, profile.model.scoreKind),
    });
  }
  sampler?.finish();
  return w;
}
