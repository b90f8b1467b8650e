/** Shared helpers for the arrow/ tests. */
import { type DataType, makeData, makeVector, type Vector } from 'apache-arrow';
import { expect } from 'vitest';
import type { CategoricalColumn, ColumnarTable, NumericColumn } from '../../src/arrow/columns.js';
import { FlatbufferReader } from '../../src/arrow/flatbuffer-reader.js';
import { DriftgaugeError, type ErrorCode } from '../../src/errors.js';

export const FORMATS = ['file', 'stream'] as const;

/** Runs `fn`, expects a DriftgaugeError with `code`, returns it. */
export function expectCode(fn: () => unknown, code: ErrorCode): DriftgaugeError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DriftgaugeError);
    expect((err as DriftgaugeError).code).toBe(code);
    return err as DriftgaugeError;
  }
  throw new Error(`expected ${code}, but nothing was thrown`);
}

export function numeric(table: ColumnarTable, name: string): NumericColumn {
  const column = table.byName.get(name);
  if (column?.kind !== 'numerical') throw new Error(`${name} is not a numerical column`);
  return column;
}

export function categorical(table: ColumnarTable, name: string): CategoricalColumn {
  const column = table.byName.get(name);
  if (column?.kind !== 'categorical') throw new Error(`${name} is not a categorical column`);
  return column;
}

/** The decoded strings of a categorical column, null for nulls. */
export function strings(column: CategoricalColumn): (string | null)[] {
  return Array.from(column.codes, (code) => (code < 0 ? null : column.categories[code]));
}

/** A one-chunk Vector from raw values, with an optional validity bitmap given as 0/1 per row. */
export function rawVector(type: DataType, data: ArrayLike<unknown> & ArrayBufferView, valid?: number[]): Vector {
  const length = valid?.length ?? (data as unknown as { length: number }).length;
  if (!valid) return makeVector(makeData({ type, length, data } as never));
  const nullBitmap = new Uint8Array(Math.ceil(length / 8));
  valid.forEach((v, i) => {
    if (v) nullBitmap[i >> 3] |= 1 << (i & 7);
  });
  const nullCount = valid.filter((v) => !v).length;
  return makeVector(makeData({ type, length, data, nullBitmap, nullCount } as never));
}

/** Where each message of an Arrow stream starts, where its metadata ends and where its body ends. */
export interface MessageBounds {
  start: number;
  metadataEnd: number;
  end: number;
}

/** Walks the messages of stream-format bytes (stops at the end-of-stream marker). */
export function streamMessages(bytes: Uint8Array): MessageBounds[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: MessageBounds[] = [];
  for (let pos = 0; pos + 8 <= bytes.byteLength; ) {
    const length = view.getInt32(pos + 4, true);
    if (length === 0) break;
    const metadataEnd = pos + 8 + length;
    const reader = new FlatbufferReader(bytes.subarray(pos + 8, metadataEnd), (why) => {
      throw new Error(why);
    });
    const bodyLength = reader.i64(reader.root(), 3, 0);
    out.push({ start: pos, metadataEnd, end: metadataEnd + bodyLength });
    pos = metadataEnd + bodyLength;
  }
  return out;
}
