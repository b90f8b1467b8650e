/**
 * SimpleFixedSizeExemplarReservoir (OTel metrics SDK spec): up to `size`
 * exemplars chosen uniformly among the measurements offered since the last
 * collection (reservoir sampling, "Algorithm R"). The count of measurements
 * seen resets at each collection, so the first measurement after a scrape
 * always gets in; kept exemplars stay until replaced.
 *
 * Worked example, size 1: after a collection, offers a, b, c keep a for
 * sure, then b with probability 1/2, then c with probability 1/3: each of
 * the three ends up kept with probability 1/3.
 */
import { copyExemplar, type Exemplar, type ExemplarReservoir, emptyExemplar, type FilteredAttributes, writeExemplar } from './exemplar.js';
import type { ExemplarSpan } from './exemplar-filter.js';

/** Up to `size` exemplars, uniformly sampled since the last collection. */
export class SimpleFixedSizeReservoir implements ExemplarReservoir {
  readonly #cells: (Exemplar | null)[];
  readonly #random: () => number;
  #seen = 0;

  constructor(size = 1, random: () => number = Math.random) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError('size must be a positive integer');
    this.#cells = new Array<Exemplar | null>(size).fill(null);
    this.#random = random;
  }

  offer(value: number, timeMs: number, span: ExemplarSpan, filtered: FilteredAttributes | null): void {
    const n = this.#seen++;
    let slot = n;
    if (n >= this.#cells.length) {
      // Keep the (n+1)-th measurement with probability size/(n+1), in a uniform slot.
      slot = Math.floor(this.#random() * (n + 1));
      if (slot >= this.#cells.length) return;
    }
    let cell = this.#cells[slot];
    if (cell === null) {
      cell = emptyExemplar();
      this.#cells[slot] = cell;
    }
    writeExemplar(cell, value, timeMs, span, filtered);
  }

  collect(): (Exemplar | null)[] {
    this.#seen = 0;
    return this.#cells.map((c) => (c === null ? null : copyExemplar(c)));
  }
}

/** The most recent of the kept exemplars (the one an OpenMetrics `_total` line shows). */
export function latestExemplar(kept: readonly (Exemplar | null)[]): Exemplar | null {
  let best: Exemplar | null = null;
  for (const e of kept) if (e !== null && (best === null || e.timeMs >= best.timeMs)) best = e;
  return best;
}
