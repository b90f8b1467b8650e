/**
 * The report shape of CONTRACT.md ("Report"). Names here are public: users,
 * dashboards and alert rules read them. Extend, never rename.
 */
import type { Kind, Task } from './spec.js';

export interface StatError {
  code: string;
  message: string;
}

export interface DriftVerdict {
  method: string;
  score: number;
  threshold: number;
  detected: boolean;
}

export interface Missing {
  reference: number;
  current: number;
}

export interface NumericFeatureReport {
  name: string;
  kind: 'numerical';
  missing: Missing;
  psi: number | null;
  ks: { statistic: number; pvalue: number } | null;
  wasserstein: number | null;
  wasserstein_normed: number | null;
  jensen_shannon: number | null;
  drift: DriftVerdict | null;
  errors?: StatError[];
}

export interface CategoricalFeatureReport {
  name: string;
  kind: 'categorical';
  missing: Missing;
  psi: number | null;
  jensen_shannon: number | null;
  linf: number | null;
  chi2: { statistic: number; pvalue: number; dof: number } | null;
  new_categories: { count: number; share: number } | null;
  drift: DriftVerdict | null;
  errors?: StatError[];
}

export type FeatureReport = NumericFeatureReport | CategoricalFeatureReport;

export interface DatasetVerdict {
  features: number;
  drifted: number;
  share: number;
  drift_share: number;
  detected: boolean;
}

export type MetricValue = number | number[][] | (string | number)[] | null;

export interface ModelSideReport {
  rows: number;
  [metric: string]: MetricValue | StatError[] | undefined;
  errors?: StatError[];
}

export interface ModelReport {
  task: Task;
  reference: ModelSideReport;
  current: ModelSideReport;
}

export interface Report {
  mode: 'exact' | 'sketch';
  reference: { rows: number };
  current: { rows: number };
  features: FeatureReport[];
  dataset: DatasetVerdict;
  multivariate?: Record<string, unknown>;
  model?: ModelReport;
}

export type { Kind };
