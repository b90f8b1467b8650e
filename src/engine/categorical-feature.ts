/**
 * Every categorical drift statistic of one column from the two samples'
 * category counts, aligned over the categories seen in either sample.
 */

import { formatMessage } from '../errors.js';
import { chi2Contingency } from '../stats/chi2-contingency.js';
import { jensenShannon } from '../stats/jensen-shannon.js';
import { linf } from '../stats/linf.js';
import { psi } from '../stats/psi.js';
import { attempt } from './attempt.js';
import type { CategoricalFeatureReport, StatError } from './report.js';

/** A categorical sample: rows per category (only categories that occur), and the missing rows. */
export interface CategoricalSample {
  counts: Map<string, number>;
  valid: number;
  missing: number;
}

/** Counts from dictionary codes (-1 = missing): one pass over Int32 codes, then names. */
export function categoricalSampleFromCodes(codes: Int32Array, categories: readonly string[]): CategoricalSample {
  const perCode = new Float64Array(categories.length);
  let missing = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c < 0) missing++;
    else perCode[c]++;
  }
  const counts = new Map<string, number>();
  for (let c = 0; c < perCode.length; c++) {
    if (perCode[c] > 0) counts.set(categories[c], (counts.get(categories[c]) ?? 0) + perCode[c]);
  }
  return { counts, valid: codes.length - missing, missing };
}

/** Counts from numbers treated as categories (spec kind "categorical" on a numeric column). */
export function categoricalSampleFromNumbers(values: ArrayLike<number>, valid: Uint8Array | null): CategoricalSample {
  const byValue = new Map<number, number>();
  let missing = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if ((valid !== null && valid[i] === 0) || !Number.isFinite(v)) missing++;
    else byValue.set(v, (byValue.get(v) ?? 0) + 1);
  }
  const counts = new Map<string, number>();
  for (const [v, n] of byValue) counts.set(String(v), (counts.get(String(v)) ?? 0) + n);
  return { counts, valid: values.length - missing, missing };
}

export function categoricalFeature(name: string, ref: CategoricalSample, cur: CategoricalSample): CategoricalFeatureReport {
  const errors: StatError[] = [];
  const report: CategoricalFeatureReport = {
    name,
    kind: 'categorical',
    missing: { reference: ref.missing, current: cur.missing },
    psi: null,
    jensen_shannon: null,
    linf: null,
    chi2: null,
    new_categories: null,
    drift: null,
  };
  const empty = [
    ref.valid === 0 ? `reference column '${name}'` : null,
    cur.valid === 0 ? `current column '${name}'` : null,
  ].filter((s) => s !== null);
  if (empty.length > 0) {
    for (const where of empty) errors.push({ code: 'DRIFTGAUGE_ERR_NO_VALID_VALUES', message: formatMessage('DRIFTGAUGE_ERR_NO_VALID_VALUES', where) });
    report.errors = errors;
    return report;
  }
  const keys = [...ref.counts.keys()];
  let newCount = 0;
  let newRows = 0;
  for (const [key, n] of cur.counts) {
    if (!ref.counts.has(key)) {
      keys.push(key);
      newCount++;
      newRows += n;
    }
  }
  const refCounts = new Float64Array(keys.length);
  const curCounts = new Float64Array(keys.length);
  keys.forEach((key, i) => {
    refCounts[i] = ref.counts.get(key) ?? 0;
    curCounts[i] = cur.counts.get(key) ?? 0;
  });
  report.psi = attempt(errors, 'psi', 'DRIFTGAUGE_ERR_STAT_UNDEFINED', () => psi(refCounts, curCounts));
  report.jensen_shannon = attempt(errors, 'jensen_shannon', 'DRIFTGAUGE_ERR_STAT_UNDEFINED', () =>
    jensenShannon(refCounts, curCounts, 2),
  );
  report.linf = attempt(errors, 'linf', 'DRIFTGAUGE_ERR_STAT_UNDEFINED', () => linf(refCounts, curCounts));
  report.chi2 = attempt(errors, 'chi2', 'DRIFTGAUGE_ERR_STAT_UNDEFINED', () => chi2Contingency(refCounts, curCounts));
  report.new_categories = { count: newCount, share: newRows / cur.valid };
  if (errors.length > 0) report.errors = errors;
  return report;
}
