/**
 * Float64 memory for the columns of one table at a time. The Arrow reader
 * converts a numerical column that is not a single float64 chunk (float32,
 * integers, timestamps, several record batches) into a new Float64Array; a
 * worker that reads one batch per task can hand it an arena instead and
 * reset the arena when the task is done with the table, so a float32 batch
 * of 10,000 rows × 50 features reuses its 4 MB rather than asking V8 for 4
 * MB of new, zeroed memory each time for the collector to find later.
 *
 *   const arena = new ColumnArena();
 *   arena.reset();                     // the previous table is gone
 *   readTable(bytes, source, { allocValues: (n) => arena.take(n) });
 *
 * Views taken before a `reset` must not be used after it: the next table's
 * columns are written over them.
 */
export class ColumnArena {
  #buffer = new Float64Array(0);
  #used = 0;
  readonly #maxValues: number;

  /** @param maxBytes the most it keeps between tables (default 64 MiB); a larger table gets new memory for the rest */
  constructor(maxBytes = 64 * 2 ** 20) {
    this.#maxValues = Math.floor(maxBytes / 8);
  }

  /**
   * `n` values (any prior content: the reader writes every one), valid until the next `reset`.
   *
   * Cost: O(1), or one allocation when the table outgrows the arena (the views already taken stay
   * valid: they keep the old memory alive until they are dropped).
   */
  take(n: number): Float64Array {
    if (this.#used + n > this.#buffer.length) {
      if (this.#used + n > this.#maxValues) return new Float64Array(n);
      this.#buffer = new Float64Array(Math.min(this.#maxValues, Math.max(2 * this.#buffer.length, this.#used + n)));
    }
    const out = this.#buffer.subarray(this.#used, this.#used + n);
    this.#used += n;
    return out;
  }

  /** The next table starts from the beginning again (its columns overwrite the last one's). */
  reset(): void {
    this.#used = 0;
  }
}
