/**
 * Arrow validity bitmaps: bit i (least significant first) is 1 when row i
 * holds a value, 0 when it is null.
 */
import type { Fail } from './typed-view.js';

/**
 * The part of a column chunk the readers use: apache-arrow's `Data` has it,
 * and so do the chunks plain-columns.ts reads without apache-arrow.
 */
export interface ChunkBuffers {
  /** Rows. */
  readonly length: number;
  /** The first row's index in the buffers. */
  readonly offset: number;
  readonly nullCount: number;
  /** The validity bitmap (absent or empty when there are no nulls). */
  readonly nullBitmap?: Uint8Array | null;
  /** The value buffer. */
  readonly values: ArrayBufferView;
}

/**
 * The validity bitmap of a chunk that has nulls, or null when every row is
 * valid. Fails when the bitmap is missing or too short for the chunk.
 */
export function nullBitmapOf(data: ChunkBuffers, fail: Fail): Uint8Array | null {
  if (data.nullCount <= 0) return null;
  const bitmap = data.nullBitmap;
  const needed = Math.ceil((data.offset + data.length) / 8);
  if (!bitmap || bitmap.byteLength < needed) {
    fail(`validity bitmap holds ${bitmap?.byteLength ?? 0} bytes where ${needed} are needed`);
  }
  return bitmap;
}

/** Whether bit `bit` of `bitmap` is set. */
export function bitAt(bitmap: Uint8Array, bit: number): boolean {
  return ((bitmap[bit >> 3] >> (bit & 7)) & 1) === 1;
}

/**
 * Writes 1 (valid) or 0 (null) for bits [offset, offset + length) of
 * `bitmap` into out[at...]; returns the number of nulls. O(length).
 */
export function expandValidity(bitmap: Uint8Array, offset: number, length: number, out: Uint8Array, at: number): number {
  let nulls = 0;
  for (let i = 0; i < length; i++) {
    const bit = offset + i;
    const v = (bitmap[bit >> 3] >> (bit & 7)) & 1;
    out[at + i] = v;
    nulls += v ^ 1;
  }
  return nulls;
}
