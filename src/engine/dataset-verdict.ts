import type { DatasetVerdict, FeatureReport } from './report.js';

/**
 * The dataset-level verdict: the share of features whose drift was detected,
 * against `drift_share` (detected when share >= drift_share, as Evidently).
 * Features whose statistic could not be computed have no verdict and are
 * not counted.
 */
export function datasetVerdict(features: readonly FeatureReport[], driftShare: number): DatasetVerdict {
  const judged = features.filter((f) => f.drift !== null);
  const drifted = judged.filter((f) => f.drift?.detected).length;
  const share = judged.length === 0 ? 0 : drifted / judged.length;
  return { features: judged.length, drifted, share, drift_share: driftShare, detected: judged.length > 0 && share >= driftShare };
}
