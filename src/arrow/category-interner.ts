/**
 * Assigns category codes in first-seen order, keyed by the raw UTF-8 bytes,
 * so a string is decoded once per distinct value instead of once per row.
 *
 * An open-addressing hash map (FNV-1a over the bytes, linear probing, load
 * ≤ 1/2) finds the code of a byte string without building a JS string; a
 * miss decodes the bytes and goes through a Map<string, code>, so byte
 * strings that decode to the same text (invalid UTF-8 becomes U+FFFD) share
 * a code. Cost: O(bytes) per lookup; memory: the distinct byte strings.
 *
 * Example: intern('b'), intern('a'), intern('b'), internString('a')
 * → codes 0, 1, 0, 1 and categories ['b', 'a'].
 */

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** Category codes in first-seen order for one column; see the file comment. */
export class CategoryInterner {
  /** Distinct values, indexed by code, in first-seen order. */
  readonly categories: string[] = [];
  readonly #byString = new Map<string, number>();
  /** Hash slots: entry index + 1, or 0 when empty. */
  #slots: Int32Array = new Int32Array(64);
  #hashes: Int32Array = new Int32Array(32);
  #starts: Int32Array = new Int32Array(32);
  #lengths: Int32Array = new Int32Array(32);
  #codes: Int32Array = new Int32Array(32);
  #entries = 0;
  #arena: Uint8Array = new Uint8Array(1024);
  #arenaUsed = 0;

  /** The code of the string whose UTF-8 encoding is bytes[start, end). */
  intern(bytes: Uint8Array, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    const length = end - start;
    const slots = this.#slots;
    const hashes = this.#hashes;
    const lengths = this.#lengths;
    const mask = slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const e = slots[s] - 1;
      if (e < 0) return this.#insert(h, bytes, start, end);
      if (hashes[e] === h && lengths[e] === length && this.#sameBytes(e, bytes, start, length)) return this.#codes[e];
    }
  }

  /** The code of `text`. */
  internString(text: string): number {
    let code = this.#byString.get(text);
    if (code === undefined) {
      code = this.categories.length;
      this.categories.push(text);
      this.#byString.set(text, code);
    }
    return code;
  }

  #sameBytes(entry: number, bytes: Uint8Array, start: number, length: number): boolean {
    const arena = this.#arena;
    const from = this.#starts[entry];
    for (let i = 0; i < length; i++) if (arena[from + i] !== bytes[start + i]) return false;
    return true;
  }

  #insert(hash: number, bytes: Uint8Array, start: number, end: number): number {
    const length = end - start;
    // TextDecoder refuses views on shared memory (a pooled request body, body-pool.ts): such bytes are copied first.
    const text = bytes.buffer instanceof SharedArrayBuffer ? bytes.slice(start, end) : bytes.subarray(start, end);
    const code = this.internString(decoder.decode(text));
    const entry = this.#entries++;
    if (entry === this.#hashes.length) this.#growEntries();
    if (this.#arenaUsed + length > this.#arena.length) this.#growArena(length);
    this.#arena.set(bytes.subarray(start, end), this.#arenaUsed);
    this.#starts[entry] = this.#arenaUsed;
    this.#arenaUsed += length;
    this.#hashes[entry] = hash;
    this.#lengths[entry] = length;
    this.#codes[entry] = code;
    if (2 * this.#entries > this.#slots.length) this.#rehash(2 * this.#slots.length);
    else this.#place(entry);
    return code;
  }

  #place(entry: number): void {
    const slots = this.#slots;
    const mask = slots.length - 1;
    let s = this.#hashes[entry] & mask;
    while (slots[s] !== 0) s = (s + 1) & mask;
    slots[s] = entry + 1;
  }

  #rehash(size: number): void {
    this.#slots = new Int32Array(size);
    for (let e = 0; e < this.#entries; e++) this.#place(e);
  }

  #growEntries(): void {
    const grow = (a: Int32Array): Int32Array => {
      const b = new Int32Array(2 * a.length);
      b.set(a);
      return b;
    };
    this.#hashes = grow(this.#hashes);
    this.#starts = grow(this.#starts);
    this.#lengths = grow(this.#lengths);
    this.#codes = grow(this.#codes);
  }

  #growArena(extra: number): void {
    const next = new Uint8Array(Math.max(2 * this.#arena.length, this.#arenaUsed + extra));
    next.set(this.#arena.subarray(0, this.#arenaUsed));
    this.#arena = next;
  }
}
