/**
 * What crosses into a compare worker and back. Bytes are views on
 * SharedArrayBuffers (shared, not copied); plans are small JSON.
 */

import type { ModelPlan } from '../engine/model-metrics.js';
import type { FeaturePlan } from '../engine/plan.js';
import type { FeatureReport, ModelReport } from '../engine/report.js';
import type { WireError } from '../errors.js';

export interface SharedTableBytes {
  bytes: Uint8Array;
  source: string;
}

interface TaskBase {
  reference: SharedTableBytes;
  current: SharedTableBytes;
  /** The columns the worker decodes; the rest of the table is never touched. */
  columns: string[];
}

export type CompareTask =
  | (TaskBase & { kind: 'feature'; plan: FeaturePlan; psiBins: number })
  | (TaskBase & { kind: 'model'; plan: ModelPlan });

export type CompareTaskResult = { ok: FeatureReport | ModelReport; error?: undefined } | { error: WireError; ok?: undefined };
