/**
 * Exemplar time in Unix milliseconds that never goes backwards: the wall
 * clock at process start plus the monotonic clock since, and never below
 * the last value returned. Prometheus drops an exemplar older than the
 * series' previous one, so a step of the wall clock (NTP, a VM resume) must
 * not reorder them.
 */
export interface ExemplarClock {
  now(): number;
}

/** A clock whose readings are non-decreasing across every caller. */
export function createMonotonicClock(source: () => number = () => performance.timeOrigin + performance.now()): ExemplarClock {
  let last = 0;
  return {
    now() {
      const t = source();
      if (t > last) last = t;
      return last;
    },
  };
}
