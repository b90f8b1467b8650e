/**
 * Arrow IPC whose every column is a fixed-width number (ints, floats, dates,
 * timestamps), a bool or a utf8 / large_utf8 string (no dictionaries, no
 * child fields, uncompressed, metadata V4 or later) read without
 * apache-arrow's reader: verify-ipc.ts has already walked every message, so
 * the columns' buffers are where its layout says.
 *
 * ```
 * layout (verifyIpc) ──▶ per column: apache-arrow DataType from the schema's ColumnInfo
 *                    ──▶ per column and record batch: numbers as ChunkBuffers (views on `bytes`),
 *                        bool and strings as apache-arrow Data, made as its reader makes them
 * ```
 *
 * This is what an inference service posts (a batch of numeric features, a
 * few string or bool ones), and apache-arrow's RecordBatchReader was most of
 * `readTable`'s time on it (~0.3 of ~0.45 ms for 10,000 rows × 50 float64
 * columns). Anything else — dictionaries, string views, nesting,
 * compression, any buffer shorter than its rows need or misaligned for its
 * values — returns null, and apache-arrow reads the bytes as before: so
 * every error still comes from one reader, worded as it always was.
 */
import { Bool, type Data, type DataType, Date_, Float, Int, LargeUtf8, makeData, Timestamp, Utf8 } from 'apache-arrow';
import { valueWidth } from './numeric-column.js';
import type { ChunkBuffers } from './validity.js';
import type { IpcLayout, PlacedBatch } from './verify-ipc.js';
import { type ColumnInfo, FB_TYPE, METADATA_V4 } from './verify-message.js';

/** One column's chunks, one per record batch: numbers as buffer views, bool and strings as apache-arrow Data. */
export type PlainChunks = { kind: 'numerical'; chunks: readonly ChunkBuffers[] } | { kind: 'categorical'; chunks: readonly Data[] };

/** What plain columns decode to: each column's type and its chunks. */
export interface PlainColumns {
  fields: { name: string; type: DataType }[];
  columns: PlainChunks[];
  rows: number;
}

/** How a column's buffers are laid out: fixed-width values, a bitmap, or offsets (4 or 8 bytes) and data. */
type Shape = { kind: 'fixed'; width: number } | { kind: 'bits' } | { kind: 'offsets'; width: 4 | 8 };

const INT_WIDTHS = [8, 16, 32, 64];

/** A fixed-width numeric type, its values as wide as numeric-column.ts reads them. */
const fixed = (type: DataType) => ({ type, shape: { kind: 'fixed', width: valueWidth(type) } as Shape });

/** The column's apache-arrow type and buffer layout, or null when this reader leaves it to apache-arrow. */
function plainType(c: ColumnInfo): { type: DataType; shape: Shape } | null {
  if (c.nested) return null;
  switch (c.typeType) {
    case FB_TYPE.int:
      return INT_WIDTHS.includes(c.param) ? fixed(new Int(c.signed, c.param as 8 | 16 | 32 | 64)) : null;
    case FB_TYPE.floatingPoint:
      return c.param >= 0 && c.param <= 2 ? fixed(new Float(c.param)) : null;
    case FB_TYPE.date:
      return c.param === 0 || c.param === 1 ? fixed(new Date_(c.param)) : null;
    case FB_TYPE.timestamp:
      return c.param >= 0 && c.param <= 3 ? fixed(new Timestamp(c.param, c.timezone)) : null;
    case FB_TYPE.bool:
      return { type: new Bool(), shape: { kind: 'bits' } };
    case FB_TYPE.utf8:
      return { type: new Utf8(), shape: { kind: 'offsets', width: 4 } };
    case FB_TYPE.largeUtf8:
      return { type: new LargeUtf8(), shape: { kind: 'offsets', width: 8 } };
    default:
      return null;
  }
}

/** Buffers per column of a shape: validity and values, plus data after the offsets. */
const bufferCount = (shape: Shape) => (shape.kind === 'offsets' ? 3 : 2);

/**
 * Buffer `k` of a batch (`[offset, length]` pairs in `b.buffers`, relative to its body) as a view,
 * as apache-arrow's reader cuts it (a subarray of the body: verifyIpc checked that a buffer with
 * bytes lies inside it).
 */
function bufferOf(bytes: Uint8Array, b: PlacedBatch, k: number): Uint8Array {
  const length = b.buffers[2 * k + 1];
  return length === 0 ? new Uint8Array(0) : new Uint8Array(bytes.buffer, bytes.byteOffset + b.body + b.buffers[2 * k], length);
}

/** Whether buffer `k` holds at least `need` bytes and starts `align`-aligned in memory (or is empty with nothing needed). */
function fits(bytes: Uint8Array, b: PlacedBatch, k: number, need: number, align: number): boolean {
  const length = b.buffers[2 * k + 1];
  if (length < need) return false;
  return length === 0 || (bytes.byteOffset + b.body + b.buffers[2 * k]) % align === 0;
}

/** One column's chunk of one batch, or null when its buffers fall short (apache-arrow reads the table then). */
function chunkOf(bytes: Uint8Array, b: PlacedBatch, node: number, first: number, type: DataType, shape: Shape): ChunkBuffers | Data | null {
  const length = b.nodes[2 * node];
  const nullCount = b.nodes[2 * node + 1];
  if (nullCount > 0 && !fits(bytes, b, first, Math.ceil(length / 8), 1)) return null;
  const nullBitmap = nullCount > 0 ? bufferOf(bytes, b, first) : new Uint8Array(0);
  if (shape.kind === 'fixed') {
    // apache-arrow refuses some misaligned buffers (64-bit integers) and copies others: its call.
    if (!fits(bytes, b, first + 1, length * shape.width, shape.width)) return null;
    return { length, offset: 0, nullCount, nullBitmap, values: bufferOf(bytes, b, first + 1) };
  }
  if (shape.kind === 'bits') {
    if (!fits(bytes, b, first + 1, Math.ceil(length / 8), 1)) return null;
    return makeData({ type: type as Bool, length, nullCount, nullBitmap, data: bufferOf(bytes, b, first + 1) });
  }
  if (!fits(bytes, b, first + 1, (length + 1) * shape.width, shape.width)) return null;
  const props = { length, nullCount, nullBitmap, valueOffsets: bufferOf(bytes, b, first + 1), data: bufferOf(bytes, b, first + 2) };
  return shape.width === 4 ? makeData({ type: type as Utf8, ...props }) : makeData({ type: type as LargeUtf8, ...props });
}

/**
 * The columns of verified Arrow IPC bytes, when every one is of a type this
 * reader reads and every buffer holds what its rows need; else null (read
 * them with apache-arrow). Values are views on `bytes`, never copies.
 * O(columns × record batches).
 *
 * @param bytes the bytes `layout` was verified from
 * @param layout what `verifyIpc` returned for them
 * @example
 * plainColumns(bytes, verifyIpc(bytes, 'batch.arrows'))?.fields[0].type; // Float64 for a float64 column
 */
export function plainColumns(bytes: Uint8Array, layout: IpcLayout): PlainColumns | null {
  const { schema, batches } = layout;
  if (layout.version < METADATA_V4 || layout.dictionaries > 0 || schema.nodeCount !== schema.columns.length) return null;
  const fields: PlainColumns['fields'] = [];
  const shapes: Shape[] = [];
  const firsts: number[] = [];
  let buffers = 0;
  for (const c of schema.columns) {
    const plain = plainType(c);
    if (plain === null) return null;
    // A field written with an empty name has none in the metadata.
    fields.push({ name: c.name ?? '', type: plain.type });
    shapes.push(plain.shape);
    firsts.push(buffers);
    buffers += bufferCount(plain.shape);
  }
  const columns: PlainChunks[] = shapes.map((shape) => (shape.kind === 'fixed' ? { kind: 'numerical', chunks: [] } : { kind: 'categorical', chunks: [] }));
  let rows = 0;
  for (const b of batches) {
    if (b.compressed || b.buffers.length !== 2 * buffers) return null;
    for (let i = 0; i < fields.length; i++) {
      const chunk = chunkOf(bytes, b, i, firsts[i], fields[i].type, shapes[i]);
      if (chunk === null) return null;
      (columns[i].chunks as (ChunkBuffers | Data)[]).push(chunk);
    }
    rows += b.length;
  }
  return { fields, columns, rows };
}
