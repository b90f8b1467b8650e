/**
 * A barrier across worker threads: `parties` tasks each arrive and wait until
 * all have arrived. Piscina gives an idle worker one task at a time, so N
 * tasks that each wait here for the other N - 1 must be running on N
 * different workers: one task per worker (`WorkerPool.runOnEveryWorker`).
 *
 *   main thread: createBarrier(2) ──▶ task 1 ─▶ worker A: arriveAndWait ─┐ both arrived:
 *                                 └─▶ task 2 ─▶ worker B: arriveAndWait ─┘ both go on
 */

/** A counter in shared memory and the number of tasks that meet at it. */
export interface Barrier {
  counter: SharedArrayBuffer;
  parties: number;
}

export function createBarrier(parties: number): Barrier {
  if (!Number.isInteger(parties) || parties < 1) throw new RangeError(`a barrier needs at least one party, not ${parties}`);
  return { counter: new SharedArrayBuffer(4), parties };
}

/**
 * Arrives at the barrier and blocks this thread until every party has
 * arrived or `timeoutMs` passed (a worker busy elsewhere must not hold the
 * others forever). Returns whether all arrived.
 */
export function arriveAndWait(barrier: Barrier, timeoutMs: number): boolean {
  const count = new Int32Array(barrier.counter);
  const arrived = Atomics.add(count, 0, 1) + 1;
  if (arrived >= barrier.parties) {
    Atomics.notify(count, 0);
    return true;
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const seen = Atomics.load(count, 0);
    if (seen >= barrier.parties) return true;
    const left = deadline - Date.now();
    if (left <= 0) return false;
    Atomics.wait(count, 0, seen, left);
  }
}
