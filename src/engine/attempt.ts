/**
 * One failing statistic becomes an error entry, not a failed report: run a
 * computation, and on failure record `{code, message}` and yield null.
 * Kernels throw RangeError where scipy / scikit-learn raise; catalogued
 * errors keep their own code.
 */
import { DriftgaugeError, formatMessage } from '../errors.js';
import type { StatError } from './report.js';

export function attempt<T>(
  errors: StatError[],
  statistic: string,
  code: 'DRIFTGAUGE_ERR_STAT_UNDEFINED' | 'DRIFTGAUGE_ERR_METRIC_UNDEFINED',
  compute: () => T,
): T | null {
  try {
    return compute();
  } catch (err) {
    if (err instanceof DriftgaugeError) errors.push(err.toJSON());
    else errors.push({ code, message: formatMessage(code, statistic, err instanceof Error ? err.message : String(err)) });
    return null;
  }
}
