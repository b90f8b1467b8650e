/**
 * Maps dictionary indices to category codes for one column, across record
 * batches whose dictionary stays the same, grows (delta dictionary batches:
 * apache-arrow appends chunks to the same vector) or is replaced. Entries are
 * decoded lazily, the first time a row uses them, so unused dictionary
 * entries never become categories and codes follow first-seen row order
 * exactly as for a plain utf8 column.
 */
import type { Data, Vector } from 'apache-arrow';
import type { CategoryInterner } from './category-interner.js';
import { StringChunk } from './string-chunk.js';
import type { Fail } from './typed-view.js';

const UNRESOLVED = -2;

/** Dictionary index → category code for one column, across its record batches. */
export class DictionaryCodes {
  readonly #interner: CategoryInterner;
  readonly #fail: Fail;
  #chunks: readonly Data[] = [];
  #readers: StringChunk[] = [];
  /** First dictionary index of each chunk, plus the total at the end. */
  #starts: number[] = [0];
  #codes = new Int32Array(0);

  constructor(interner: CategoryInterner, fail: Fail) {
    this.#interner = interner;
    this.#fail = fail;
  }

  /** Entries in the current dictionary. */
  get size(): number {
    return this.#codes.length;
  }

  /** Adopts the dictionary of the next record batch. O(new entries). */
  use(dictionary: Vector | null | undefined): void {
    if (!dictionary) this.#fail('dictionary-encoded batch without its dictionary');
    const chunks = dictionary.data;
    const extends_ = this.#chunks.length <= chunks.length && this.#chunks.every((c, k) => c === chunks[k]);
    if (!extends_) {
      this.#chunks = [];
      this.#readers = [];
      this.#starts = [0];
      this.#codes = new Int32Array(0);
    }
    if (chunks.length === this.#chunks.length) return;
    for (let k = this.#chunks.length; k < chunks.length; k++) {
      this.#readers.push(new StringChunk(chunks[k], this.#fail));
      this.#starts.push(this.#starts[this.#starts.length - 1] + chunks[k].length);
    }
    const codes = new Int32Array(this.#starts[this.#starts.length - 1]);
    codes.set(this.#codes);
    codes.fill(UNRESOLVED, this.#codes.length);
    this.#codes = codes;
    this.#chunks = chunks.slice();
  }

  /** The category code of dictionary entry `index` (-1 for a null entry). */
  code(index: number): number {
    if (!(index >= 0 && index < this.#codes.length)) {
      this.#fail(`dictionary index ${index} outside a dictionary of ${this.#codes.length} entries`);
    }
    let code = this.#codes[index];
    if (code === UNRESOLVED) code = this.#codes[index] = this.#resolve(index);
    return code;
  }

  #resolve(index: number): number {
    const starts = this.#starts;
    let lo = 0;
    let hi = starts.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return this.#readers[lo].code(index - starts[lo], this.#interner);
  }
}
