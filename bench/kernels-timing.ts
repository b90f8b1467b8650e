/**
 * A small timer for the kernel and multivariate benchmarks: the median of
 * repeated runs after a warm-up, within a time budget. The median, because
 * this machine's two cores are shared and a mean follows the worst neighbour.
 */

/** Options of {@link medianMs}. */
export interface TimingOptions {
  warmup?: number;
  minRuns?: number;
  maxRuns?: number;
  budgetMs?: number;
}

/** Median wall time of `fn` in milliseconds. */
export function medianMs(fn: () => unknown, opts: TimingOptions = {}): number {
  const { warmup = 3, minRuns = 3, maxRuns = 25, budgetMs = 1500 } = opts;
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  const started = performance.now();
  while (times.length < minRuns || (times.length < maxRuns && performance.now() - started < budgetMs)) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  return times.length % 2 === 1 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
}

/** Milliseconds as a short table cell. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (value < 0.1) return `${(value * 1000).toFixed(0)} µs`;
  if (value < 10) return `${value.toFixed(2)} ms`;
  if (value < 1000) return `${value.toFixed(1)} ms`;
  return `${(value / 1000).toFixed(2)} s`;
}
