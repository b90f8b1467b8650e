/**
 * Row access to one chunk of utf8, large_utf8 or string_view data, with its
 * buffers checked once and every row's byte range checked as it is read.
 *
 * ```
 * utf8:        offsets int32[n+1]  → bytes[offsets[i], offsets[i+1])
 * large_utf8:  offsets int64[n+1]  (read as int32 pairs; the high word must be 0)
 * string_view: views 16 bytes/row: int32 length, then ≤ 12 inline bytes, or
 *              a 4-byte prefix, int32 buffer index, int32 offset into that buffer
 * ```
 */
import { type Data, Type } from 'apache-arrow';
import { arrowTypeName } from './arrow-type.js';
import type { CategoryInterner } from './category-interner.js';
import { type Fail, viewOf } from './typed-view.js';
import { nullBitmapOf } from './validity.js';

const EMPTY = new Uint8Array(0);

/** Row access to one utf8, large_utf8 or string_view chunk; see the file comment. */
export class StringChunk {
  readonly length: number;
  readonly #type: Type;
  readonly #offset: number;
  readonly #bitmap: Uint8Array | null;
  readonly #words: Int32Array;
  readonly #bytes: Uint8Array;
  readonly #buffers: readonly Uint8Array[];
  readonly #fail: Fail;

  /** Checks the chunk's buffers; fails for a chunk that is not strings. */
  constructor(d: Data, fail: Fail) {
    const n = d.length;
    const o = d.offset;
    this.length = n;
    this.#type = d.type.typeId;
    this.#offset = o;
    this.#fail = fail;
    this.#bitmap = nullBitmapOf(d, fail);
    this.#buffers = [];
    const values: unknown = d.values;
    if (this.#type === Type.Utf8) {
      this.#words = viewOf(Int32Array, d.valueOffsets, o, n + 1, 'the offsets buffer', fail);
      this.#bytes = values instanceof Uint8Array ? values : EMPTY;
    } else if (this.#type === Type.LargeUtf8) {
      this.#words = viewOf(Int32Array, d.valueOffsets, 2 * o, 2 * (n + 1), 'the offsets buffer', fail);
      this.#bytes = values instanceof Uint8Array ? values : EMPTY;
    } else if (this.#type === Type.Utf8View) {
      this.#words = viewOf(Int32Array, values as ArrayBufferView, 4 * o, 4 * n, 'the views buffer', fail);
      this.#bytes = new Uint8Array(this.#words.buffer, this.#words.byteOffset, this.#words.byteLength);
      const buffers: unknown = (d as { variadicBuffers?: unknown }).variadicBuffers;
      this.#buffers = Array.isArray(buffers) ? buffers.filter((b): b is Uint8Array => b instanceof Uint8Array) : [];
    } else {
      fail(`expected strings, found ${arrowTypeName(d.type)}`);
    }
  }

  /** The code of row `i` (0-based within the chunk), or -1 when it is null. */
  code(i: number, interner: CategoryInterner): number {
    const bitmap = this.#bitmap;
    if (bitmap !== null) {
      const bit = this.#offset + i;
      if (((bitmap[bit >> 3] >> (bit & 7)) & 1) === 0) return -1;
    }
    const words = this.#words;
    if (this.#type === Type.Utf8) {
      const start = words[i];
      const end = words[i + 1];
      if (start < 0 || end < start || end > this.#bytes.length) this.#outside(i, start, end, this.#bytes.length);
      return interner.intern(this.#bytes, start, end);
    }
    if (this.#type === Type.LargeUtf8) {
      const start = words[2 * i];
      const end = words[2 * i + 2];
      if (words[2 * i + 1] !== 0 || words[2 * i + 3] !== 0 || start < 0 || end < start || end > this.#bytes.length) {
        this.#outside(i, start, end, this.#bytes.length);
      }
      return interner.intern(this.#bytes, start, end);
    }
    const length = words[4 * i];
    if (length <= 12) {
      if (length < 0) this.#fail(`row ${i} has a negative string length ${length}`);
      const start = 16 * i + 4;
      return interner.intern(this.#bytes, start, start + length);
    }
    const buffer = this.#buffers[words[4 * i + 2]];
    const start = words[4 * i + 3];
    if (!buffer) this.#fail(`row ${i} points at data buffer ${words[4 * i + 2]} of ${this.#buffers.length}`);
    if (start < 0 || start + length > buffer.length) this.#outside(i, start, start + length, buffer.length);
    return interner.intern(buffer, start, start + length);
  }

  #outside(i: number, start: number, end: number, size: number): never {
    return this.#fail(`row ${i} spans bytes ${start}..${end}, outside its ${size}-byte data buffer`);
  }
}
