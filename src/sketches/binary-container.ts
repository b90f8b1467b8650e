/**
 * The blob format of profiles and window sketches: a JSON header and raw
 * typed arrays, so a 100k-value column costs 800 KB, not 2 MB of JSON text.
 *
 *   offset 0   4 bytes  magic (ASCII, e.g. "DGRP" profile, "DGWS" window)
 *          4   u32 LE   format version
 *          8   u32 LE   header length in bytes
 *         12   header   UTF-8 JSON
 *          …   padding to 8 bytes, then each array 8-byte aligned
 *
 * Inside the header a typed array is `{"$a": i}` (its entry in the header's
 * `$arrays` table: type, length, encoding, byte offset), and a non-finite
 * number is `{"$n": "NaN" | "Infinity" | "-Infinity"}`. A Float64Array
 * with fewer than a third of its entries non-zero is stored sparse (u32
 * indices, then f64 values; under half the bytes): the counts of a small
 * batch over 2,000 bins. Integer arrays (i32, u32, u16, u8) are stored as
 * they are: a writer that knows its values are small counts picks the
 * narrowest (window-codec.ts). Float32Array (f32) is stored dense as it is:
 * the row samples' values (row-sample.ts; window blobs from version 4,
 * profile blobs from version 3).
 */
import { copyIntoShared } from '../pool/shared-copy.js';

type Typed = Float64Array | Float32Array | Int32Array | Uint32Array | Uint16Array | Uint8Array;
type ArrayType = 'f64' | 'f32' | 'i32' | 'u32' | 'u16' | 'u8';

const WIDTH: Record<ArrayType, number> = { f64: 8, f32: 4, i32: 4, u32: 4, u16: 2, u8: 1 };

interface ArrayEntry {
  t: ArrayType;
  n: number;
  /** Sparse: number of non-zero entries. */
  nz?: number;
  off: number;
}

const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

function typeOf(a: Typed): ArrayType {
  if (a instanceof Float64Array) return 'f64';
  if (a instanceof Float32Array) return 'f32';
  if (a instanceof Int32Array) return 'i32';
  if (a instanceof Uint32Array) return 'u32';
  return a instanceof Uint16Array ? 'u16' : 'u8';
}

function isTyped(value: unknown): value is Typed {
  return (
    value instanceof Float64Array ||
    value instanceof Float32Array ||
    value instanceof Int32Array ||
    value instanceof Uint32Array ||
    value instanceof Uint16Array ||
    value instanceof Uint8Array
  );
}

const align8 = (x: number) => (x + 7) & ~7;

// One encoder and decoder per thread, and scratch for sparse arrays written at unaligned offsets.
const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();
let scratch = new ArrayBuffer(0);

function scratchOf(bytes: number): ArrayBuffer {
  if (scratch.byteLength < bytes) scratch = new ArrayBuffer(Math.max(bytes, 2 * scratch.byteLength));
  return scratch;
}

/**
 * Non-zero entries of `a` (-0 counts as non-zero, as does NaN), or -1 once they are too many
 * for the sparse form to pay (`3 × nz ≥ n`), which a dense array reaches a third of the way in.
 */
function sparseCount(a: Float64Array): number {
  const n = a.length;
  // The largest nz that still pays: nz * 12 < n * 8 * 0.5.
  const most = Math.ceil(n / 3) - 1;
  let nz = 0;
  for (let k = 0; k < n; k++) {
    const x = a[k];
    if ((x !== 0 || 1 / x < 0) && ++nz > most) return -1;
  }
  return nz;
}

/** Writes the sparse form of `f` (nz non-zero entries) at `at` in `out`: u32 indices, then f64 values 8-byte aligned. */
function writeSparse(out: Uint8Array, at: number, f: Float64Array, nz: number): void {
  const valsAt = align8(nz * 4);
  const aligned = (out.byteOffset + at) % 8 === 0;
  // Aligned (no prefix, or one of 8k bytes): straight into the blob; else into scratch, then one copy.
  const buf = aligned ? out.buffer : scratchOf(valsAt + nz * 8);
  const base = aligned ? out.byteOffset + at : 0;
  const idx = new Uint32Array(buf, base, nz);
  const vals = new Float64Array(buf, base + valsAt, nz);
  let k = 0;
  for (let j = 0; j < f.length; j++) {
    const x = f[j];
    if (x !== 0 || 1 / x < 0) {
      idx[k] = j;
      vals[k++] = x;
    }
  }
  // The gap between indices and values is zero (the allocator's bytes may hold anything).
  if (aligned) out.fill(0, at + nz * 4, at + valsAt);
  else {
    const bytes = new Uint8Array(buf, 0, valsAt + nz * 8);
    bytes.fill(0, nz * 4, valsAt);
    copyIntoShared(out, at, bytes);
  }
}

/** Where an `ArrayWriter` writes: a typed array of its type (any index store converts as that type does). */
export type WritableNumbers = { [index: number]: number; readonly length: number };

/**
 * An array the encoder has written into the blob by a callback instead of
 * copying it: a narrowed form of another array (float64 counts as u8, sums
 * as float32), converted once, straight into its place in the blob. Stored
 * dense, as a typed array of `type` and `length` would be.
 */
export class ArrayWriter {
  /**
   * @param type the stored element type
   * @param length elements
   * @param write fills `into` (a view of `type` and `length`, any prior content) with the elements
   */
  constructor(
    readonly type: Exclude<ArrayType, 'f64'>,
    readonly length: number,
    readonly write: (into: WritableNumbers) => void,
  ) {}
}

const VIEW = { f32: Float32Array, i32: Int32Array, u32: Uint32Array, u16: Uint16Array, u8: Uint8Array } as const;

/** Runs `w` into `out` at byte `at`: in place when the element alignment allows, else through scratch and one copy. */
function writeArray(out: Uint8Array, at: number, w: ArrayWriter): void {
  const width = WIDTH[w.type];
  const inPlace = (out.byteOffset + at) % width === 0;
  const buf: ArrayBufferLike = inPlace ? out.buffer : scratchOf(w.length * width);
  w.write(new VIEW[w.type](buf as ArrayBuffer, inPlace ? out.byteOffset + at : 0, w.length));
  if (!inPlace) copyIntoShared(out, at, new Uint8Array(buf, 0, w.length * width));
}

/**
 * Encodes a header object holding typed arrays into one blob.
 *
 * Cost: O(header + array bytes), one copy of the arrays (a dense float64 array is scanned
 * only until a third of it is non-zero, where the sparse form stops paying).
 *
 * @param magic four ASCII characters naming the content
 * @param version content format version
 * @param header plain data: objects, arrays, strings, numbers (any), booleans, null, and
 *   Float64Array / Float32Array / Int32Array / Uint32Array / Uint16Array / Uint8Array anywhere (no Maps),
 *   and `ArrayWriter`s (stored as the typed array they write)
 * @param prefix bytes to leave free before the blob, for the caller to fill
 * @param alloc where the bytes go: `alloc(n, prefix)` returns n bytes, any content (`ByteAllocator`; default: new memory)
 * @returns the blob (after `prefix` free bytes)
 * @throws RangeError when `magic` is not four characters, or on a big-endian host
 * @example
 * decodeContainer(encodeContainer('DGWS', 1, { a: Float64Array.of(1, 2) }), 'DGWS', 1); // { a: Float64Array [1, 2] }
 */
export function encodeContainer(magic: string, version: number, header: unknown, prefix = 0, alloc: ByteAllocator = newBytes): Uint8Array {
  if (magic.length !== 4) throw new RangeError('magic must be four characters');
  if (!LITTLE_ENDIAN) throw new RangeError('blobs are written little-endian; big-endian hosts are not supported');
  const arrays: (Typed | ArrayWriter)[] = [];
  const entries: ArrayEntry[] = [];
  const json = JSON.stringify(header, (_key, value) => {
    if (typeof value === 'number' && !Number.isFinite(value)) return { $n: String(value) };
    if (isTyped(value) || value instanceof ArrayWriter) {
      arrays.push(value);
      entries.push(value instanceof ArrayWriter ? { t: value.type, n: value.length, off: 0 } : { t: typeOf(value), n: value.length, off: 0 });
      return { $a: arrays.length - 1 };
    }
    return value;
  });
  // The table is filled while the header is stringified; offsets and encodings come after.
  let at = 0;
  const sparse = new Int32Array(arrays.length).fill(-1);
  const ends = new Float64Array(arrays.length);
  for (let i = 0; i < arrays.length; i++) {
    const a = arrays[i];
    const e = entries[i];
    let bytes = a instanceof ArrayWriter ? a.length * WIDTH[a.type] : a.byteLength;
    if (a instanceof Float64Array && a.length >= 16) {
      const nz = sparseCount(a);
      if (nz >= 0) {
        e.nz = nz;
        sparse[i] = nz;
        bytes = align8(nz * 4) + nz * 8;
      }
    }
    e.off = at;
    ends[i] = at + bytes;
    at = align8(at + bytes);
  }
  const headerText = `{"header":${json ?? 'null'},"$arrays":${JSON.stringify(entries)}}`;
  const headerBytes = textEncoder.encode(headerText);
  const start = align8(12 + headerBytes.length);
  // `prefix` bytes before the blob are the caller's (an envelope written around it without a copy).
  const whole = alloc(prefix + start + at, prefix);
  if (whole.byteLength !== prefix + start + at) throw new RangeError(`alloc returned ${whole.byteLength} bytes for ${prefix + start + at}`);
  const out = whole.subarray(prefix);
  // Every byte is written, padding included: the allocator's memory may hold anything (a used request body).
  const view = new DataView(out.buffer, out.byteOffset);
  for (let i = 0; i < 4; i++) out[i] = magic.charCodeAt(i);
  view.setUint32(4, version, true);
  view.setUint32(8, headerBytes.length, true);
  out.set(headerBytes, 12);
  out.fill(0, 12 + headerBytes.length, start);
  for (let i = 0; i < arrays.length; i++) {
    const a = arrays[i];
    const base = start + entries[i].off;
    // `out` may be shared memory (a pooled request body): copied at memcpy speed whatever its alignment.
    if (a instanceof ArrayWriter) writeArray(out, base, a);
    else if (sparse[i] < 0) copyIntoShared(out, base, new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    else writeSparse(out, base, a as Float64Array, sparse[i]);
    out.fill(0, start + ends[i], i + 1 < arrays.length ? start + entries[i + 1].off : start + at);
  }
  return whole;
}

/**
 * Returns `bytes` bytes for an encoder to write into (`encodeContainer`,
 * `serializeWindow`), of any prior content: the encoder writes every one.
 * `alignAt` is where the blob proper starts (after the caller's prefix): an
 * allocator that places that byte 8-aligned in memory lets the encoder write
 * narrowed arrays in place (`ArrayWriter`) instead of through scratch.
 */
export type ByteAllocator = (bytes: number, alignAt: number) => Uint8Array;

const newBytes: ByteAllocator = (bytes) => new Uint8Array(bytes);

/** Options of `decodeContainer`. */
export interface DecodeOptions {
  /**
   * Dense arrays as views on `bytes` (on one aligned copy of it when its
   * arrays are not 8-byte aligned in memory) instead of a copy each: for a
   * reader that only reads them once, right away (merging a delta). Sparse
   * arrays are expanded either way.
   */
  views?: boolean;
}

/**
 * Decodes a blob from `encodeContainer`; the arrays are fresh copies (or views, see `DecodeOptions`).
 *
 * Cost: O(blob size).
 *
 * @param bytes the blob
 * @param magic the expected magic
 * @param version the expected version, or the versions this reader understands
 * @param options views instead of copies
 * @returns the header, typed arrays and non-finite numbers restored
 * @throws RangeError when the magic or version differ or the blob is truncated or malformed
 */
export function decodeContainer(bytes: Uint8Array, magic: string, version: number | readonly number[], options: DecodeOptions = {}): unknown {
  if (bytes.length < 12) throw new RangeError('blob is truncated');
  const found = String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]);
  if (found !== magic) throw new RangeError(`blob is not a ${magic} blob (magic ${JSON.stringify(found)})`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const v = view.getUint32(4, true);
  const versions = typeof version === 'number' ? [version] : version;
  if (!versions.includes(v)) throw new RangeError(`${magic} blob has format version ${v}; this build reads ${versions.join(', ')}`);
  const headerLength = view.getUint32(8, true);
  if (12 + headerLength > bytes.length) throw new RangeError('blob is truncated (header)');
  const text = textDecoder.decode(bytes.subarray(12, 12 + headerLength));
  const start = align8(12 + headerLength);
  const parsed = JSON.parse(text) as { header: unknown; $arrays: ArrayEntry[] };
  const entries = parsed.$arrays;
  // Views need the arrays 8-byte aligned in memory: a blob from SQLite or a worker usually is; else one copy.
  let aligned: Uint8Array | null = null;
  if (options.views) aligned = bytes.byteOffset % 8 === 0 && bytes.buffer instanceof ArrayBuffer ? bytes : bytes.slice();
  const read = (i: number): Typed => {
    const e = entries[i];
    if (!e) throw new RangeError(`blob refers to array ${i}, which it does not hold`);
    const base = start + e.off;
    const width = Object.hasOwn(WIDTH, e.t) ? WIDTH[e.t] : undefined;
    if (width === undefined) throw new RangeError(`blob holds an array of unknown type ${JSON.stringify(e.t)}`);
    const size = e.nz === undefined ? e.n * width : align8(e.nz * 4) + e.nz * 8;
    if (base + size > bytes.length) throw new RangeError('blob is truncated (arrays)');
    if (aligned && e.nz === undefined) {
      const at = aligned.byteOffset + base;
      switch (e.t) {
        case 'f64':
          return new Float64Array(aligned.buffer, at, e.n);
        case 'f32':
          return new Float32Array(aligned.buffer, at, e.n);
        case 'i32':
          return new Int32Array(aligned.buffer, at, e.n);
        case 'u32':
          return new Uint32Array(aligned.buffer, at, e.n);
        case 'u16':
          return new Uint16Array(aligned.buffer, at, e.n);
        default:
          return new Uint8Array(aligned.buffer, at, e.n);
      }
    }
    // A real copy even when `bytes` is a Node Buffer (whose slice() is a view): the arrays below start at offset 0.
    const copy = Uint8Array.prototype.slice.call(bytes, base, base + size);
    if (e.nz !== undefined) {
      const idx = new Uint32Array(copy.buffer, 0, e.nz);
      const vals = new Float64Array(copy.buffer, align8(e.nz * 4), e.nz);
      const out = new Float64Array(e.n);
      for (let k = 0; k < e.nz; k++) {
        if (idx[k] >= e.n) throw new RangeError('blob holds a sparse index out of range');
        out[idx[k]] = vals[k];
      }
      return out;
    }
    switch (e.t) {
      case 'f64':
        return new Float64Array(copy.buffer);
      case 'f32':
        return new Float32Array(copy.buffer);
      case 'i32':
        return new Int32Array(copy.buffer);
      case 'u32':
        return new Uint32Array(copy.buffer);
      case 'u16':
        return new Uint16Array(copy.buffer);
      default:
        return new Uint8Array(copy.buffer);
    }
  };
  return revive(parsed.header, read);
}

/**
 * The header with its markers replaced, in place: `parsed` is JSON.parse's fresh output, owned here.
 * Assigning to a key JSON.parse created (even "__proto__", an own data property then) only sets it.
 */
function revive(value: unknown, read: (i: number) => Typed): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      if (v !== null && typeof v === 'object') value[i] = revive(v, read);
    }
    return value;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 1 && typeof obj.$a === 'number') return read(obj.$a);
  if (keys.length === 1 && typeof obj.$n === 'string') return Number(obj.$n);
  for (let i = 0; i < keys.length; i++) {
    const v = obj[keys[i]];
    if (v !== null && typeof v === 'object') {
      const r = revive(v, read);
      if (r !== v) obj[keys[i]] = r;
    }
  }
  return obj;
}
