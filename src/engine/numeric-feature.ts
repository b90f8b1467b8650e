/**
 * Every numerical drift statistic of one column, from the two samples'
 * sorted finite values. Each sample is copied and sorted once
 * (`numericSample`); KS and Wasserstein come from one merge of the two
 * sorted arrays, the PSI quantile edges and bin counts from binary
 * searches on them, the reference's std from one more pass.
 */

import { formatMessage } from '../errors.js';
import { jensenShannon } from '../stats/jensen-shannon.js';
import { ksTwoSampleFromStatistic } from '../stats/ks-two-sample-from-statistic.js';
import { ksWassersteinSorted } from '../stats/ks-wasserstein-sorted.js';
import { psi } from '../stats/psi.js';
import { countBinsSorted, numericBinsSorted } from '../stats/psi-bins.js';
import { type SortBuffers, sortedFiniteValues } from '../stats/sorted-finite-values.js';
import { stdPopulation } from '../stats/std-population.js';
import { attempt } from './attempt.js';
import type { NumericFeatureReport, StatError } from './report.js';

/** A numerical sample: its finite values sorted ascending, and how many rows were missing. */
export interface NumericSample {
  sorted: Float64Array;
  missing: number;
}

/**
 * Missing = null, NaN or ±Infinity (CONTRACT.md); the rest is copied once and
 * sorted in place, into `buffers.out` when lent (then `sorted` is a view on it).
 */
export function numericSample(values: ArrayLike<number>, valid: Uint8Array | null, buffers?: SortBuffers): NumericSample {
  const finite = sortedFiniteValues(values, valid, buffers);
  return { sorted: finite.values, missing: finite.missing };
}

export interface NumericStatsOptions {
  psiBins: number;
}

/** The statistics of a numerical feature; `drift` is filled in by the caller's method choice. */
export function numericFeature(
  name: string,
  ref: NumericSample,
  cur: NumericSample,
  opts: NumericStatsOptions,
): NumericFeatureReport {
  const errors: StatError[] = [];
  const report: NumericFeatureReport = {
    name,
    kind: 'numerical',
    missing: { reference: ref.missing, current: cur.missing },
    psi: null,
    ks: null,
    wasserstein: null,
    wasserstein_normed: null,
    jensen_shannon: null,
    drift: null,
  };
  const empty = [
    ref.sorted.length === 0 ? `reference column '${name}'` : null,
    cur.sorted.length === 0 ? `current column '${name}'` : null,
  ].filter((s) => s !== null);
  if (empty.length > 0) {
    for (const where of empty) errors.push({ code: 'DRIFTGAUGE_ERR_NO_VALID_VALUES', message: formatMessage('DRIFTGAUGE_ERR_NO_VALID_VALUES', where) });
    report.errors = errors;
    return report;
  }
  const a = ref.sorted;
  const b = cur.sorted;
  // One merge gives both, each bit for bit its own kernel's (ksTwoSampleSorted, wassersteinSorted);
  // it throws only on an empty sample, excluded above.
  const merged = ksWassersteinSorted(a, b);
  report.ks = attempt(errors, 'ks', 'DRIFTGAUGE_ERR_STAT_UNDEFINED', () => {
    const r = ksTwoSampleFromStatistic(a.length, b.length, merged.ks);
    return { statistic: r.statistic, pvalue: r.pvalue };
  });
  const counts = attempt(errors, 'psi', 'DRIFTGAUGE_ERR_STAT_UNDEFINED', () => {
    const bins = numericBinsSorted(a, b, opts.psiBins);
    return { ref: countBinsSorted(a, bins), cur: countBinsSorted(b, bins) };
  });
  if (counts) {
    report.psi = attempt(errors, 'psi', 'DRIFTGAUGE_ERR_STAT_UNDEFINED', () => psi(counts.ref, counts.cur));
    report.jensen_shannon = attempt(errors, 'jensen_shannon', 'DRIFTGAUGE_ERR_STAT_UNDEFINED', () =>
      jensenShannon(counts.ref, counts.cur, 2),
    );
  }
  const w = merged.wasserstein;
  report.wasserstein = w;
  report.wasserstein_normed = attempt(errors, 'wasserstein_normed', 'DRIFTGAUGE_ERR_STAT_UNDEFINED', () =>
    w / Math.max(stdPopulation(a), 0.001),
  );
  if (errors.length > 0) report.errors = errors;
  return report;
}
