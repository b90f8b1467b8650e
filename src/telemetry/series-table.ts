/**
 * The series of one instrument, keyed by label values in the instrument's
 * label order, with a cap. A known series is found with nested Map look-ups
 * (no key string is built on the record path); a new label set beyond the
 * cap is refused and reported through `onDrop`, so a model with thousands
 * of features, or thousands of models, cannot grow memory without bound.
 *
 * Each series keeps the attribute object handed to the SDK on every record
 * (built once) and, once an exemplar is first offered, its reservoir.
 */
import type { Attributes } from '@opentelemetry/api';
import type { ExemplarReservoir } from './exemplar.js';

/** One label set of an instrument: the SDK attributes, its reservoir, bulk state. */
export interface Series<S = unknown> {
  readonly attributes: Attributes;
  reservoir: ExemplarReservoir | null;
  /** Extra per-series state of the instrument (the bulk histogram's buckets). */
  state: S | null;
}

type Level<S> = Map<string, Level<S> | Series<S>>;

/** The capped series of one instrument (at most three labels). */
export class SeriesTable<S = unknown> {
  readonly labels: readonly string[];
  readonly maxSeries: number;
  readonly #root: Level<S> = new Map();
  readonly #onDrop: () => void;
  #size = 0;
  /** The one series of an instrument without labels. */
  #single: Series<S> | undefined;

  constructor(labels: readonly string[], maxSeries: number, onDrop: () => void) {
    if (labels.length > 3) throw new RangeError('an instrument has at most three labels');
    if (!Number.isInteger(maxSeries) || maxSeries < 1) throw new RangeError('maxSeries must be a positive integer');
    this.labels = labels;
    this.maxSeries = maxSeries;
    this.#onDrop = onDrop;
  }

  get size(): number {
    return this.#size;
  }

  /**
   * The series for these label values (one per label, in order), created
   * if there is room; undefined when the cap refuses a new label set.
   */
  series(v0?: string, v1?: string, v2?: string): Series<S> | undefined {
    const n = this.labels.length;
    if (n === 0) return this.#single ?? this.#create();
    let level: Level<S> = this.#root;
    for (let i = 0; i < n - 1; i++) {
      const v = i === 0 ? v0 : i === 1 ? v1 : v2;
      const next = level.get(v as string) as Level<S> | undefined;
      if (next === undefined) return this.#create(v0, v1, v2);
      level = next;
    }
    const last = n === 1 ? v0 : n === 2 ? v1 : v2;
    return (level.get(last as string) as Series<S> | undefined) ?? this.#create(v0, v1, v2);
  }

  /** The series with exactly these attributes, if it exists (the exposition's join). */
  find(attributes: Attributes): Series<S> | undefined {
    if (this.labels.length === 0) return this.#single;
    let node: Level<S> | Series<S> | undefined = this.#root;
    for (const label of this.labels) {
      const v = attributes[label];
      if (typeof v !== 'string' || !(node instanceof Map)) return undefined;
      node = node.get(v);
      if (node === undefined) return undefined;
    }
    return node instanceof Map ? undefined : node;
  }

  /** Every series, in insertion order. */
  *all(): IterableIterator<Series<S>> {
    if (this.labels.length === 0) {
      if (this.#single) yield this.#single;
      return;
    }
    const walk = function* (level: Level<S>, depth: number, n: number): IterableIterator<Series<S>> {
      for (const child of level.values()) {
        if (depth === n - 1) yield child as Series<S>;
        else yield* walk(child as Level<S>, depth + 1, n);
      }
    };
    yield* walk(this.#root, 0, this.labels.length);
  }

  #create(v0?: string, v1?: string, v2?: string): Series<S> | undefined {
    if (this.#size >= this.maxSeries) {
      this.#onDrop();
      return undefined;
    }
    const values = [v0, v1, v2];
    const attributes: Record<string, string> = {};
    let level: Level<S> = this.#root;
    for (let i = 0; i < this.labels.length; i++) {
      const v = values[i];
      if (typeof v !== 'string') throw new TypeError(`label '${this.labels[i]}' needs a string value`);
      attributes[this.labels[i]] = v;
      if (i < this.labels.length - 1) {
        let next = level.get(v) as Level<S> | undefined;
        if (next === undefined) {
          next = new Map();
          level.set(v, next);
        }
        level = next;
      }
    }
    const series: Series<S> = { attributes: Object.freeze(attributes), reservoir: null, state: null };
    if (this.labels.length === 0) this.#single = series;
    else level.set(values[this.labels.length - 1] as string, series);
    this.#size++;
    return series;
  }
}
