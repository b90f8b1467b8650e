/**
 * A numerical feature sent to a worker thread as its two decoded columns.
 *
 * A float64 column read with `shared: true` is a view on a
 * SharedArrayBuffer, and structured clone shares such views instead of
 * copying them: the worker gets the same memory and computes the feature
 * without decoding Arrow (so without loading apache-arrow). Other numeric
 * columns (converted integers, several record batches) are copied by the
 * clone, which is still cheaper than decoding them again; validity arrays
 * (1 byte per row) are copied.
 */
import type { NumericColumn } from '../arrow/columns.js';
import type { FeaturePlan } from './plan.js';

export interface FeatureColumnsTask {
  kind: 'feature-columns';
  plan: FeaturePlan;
  psiBins: number;
  reference: NumericColumn;
  current: NumericColumn;
}

