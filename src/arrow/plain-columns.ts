/**
 * Arrow IPC whose every column is a fixed-width number (ints, floats, dates,
 * timestamps; no dictionaries, no child fields, uncompressed, metadata V4 or
 * later) read without apache-arrow: verify-ipc.ts has already walked every
 * message, so the columns' buffers are where its layout says.
 *
 * ```
 * layout (verifyIpc) ──▶ per column: apache-arrow DataType from the schema's ColumnInfo
 *                    ──▶ per column and record batch: ChunkBuffers (views on `bytes`)
 * ```
 *
 * This is what an inference service posts (a batch of numeric features), and
 * apache-arrow's RecordBatchReader was most of `readTable`'s time on it
 * (~0.3 of ~0.45 ms for 10,000 rows × 50 float64 columns). Anything else —
 * strings, dictionaries, nesting, compression, any buffer shorter than its
 * rows need or misaligned for its values — returns null, and apache-arrow
 * reads the bytes as before: so every error still comes from one reader,
 * worded as it always was.
 */
import { type DataType, Date_, Float, Int, Timestamp } from 'apache-arrow';
import type { ChunkBuffers } from './validity.js';
import type { IpcLayout } from './verify-ipc.js';
import type { ColumnInfo } from './verify-message.js';

/** What plain columns decode to: each column's type and its chunks, one per record batch. */
export interface PlainColumns {
  fields: { name: string; type: DataType }[];
  /** chunks[column][batch] */
  chunks: ChunkBuffers[][];
  rows: number;
}

const TYPE_INT = 2;
const TYPE_FLOATING_POINT = 3;
const TYPE_DATE = 8;
const TYPE_TIMESTAMP = 10;
const METADATA_V4 = 3;
const INT_WIDTHS = [8, 16, 32, 64];
const FLOAT_WIDTHS = [2, 4, 8];

/** The column's apache-arrow type and bytes per value, or null when it is not a plain number. */
function plainType(c: ColumnInfo): { type: DataType; width: number } | null {
  if (c.nested) return null;
  switch (c.typeType) {
    case TYPE_INT:
      return INT_WIDTHS.includes(c.param) ? { type: new Int(c.signed, c.param as 8 | 16 | 32 | 64), width: c.param / 8 } : null;
    case TYPE_FLOATING_POINT:
      return c.param >= 0 && c.param <= 2 ? { type: new Float(c.param), width: FLOAT_WIDTHS[c.param] } : null;
    case TYPE_DATE:
      return c.param === 0 || c.param === 1 ? { type: new Date_(c.param), width: c.param === 0 ? 4 : 8 } : null;
    case TYPE_TIMESTAMP:
      return c.param >= 0 && c.param <= 3 ? { type: new Timestamp(c.param, c.timezone), width: 8 } : null;
    default:
      return null;
  }
}

/** `length` bytes at `offset` of the body at `body`, or an empty view. */
function bufferAt(bytes: Uint8Array, body: number, offset: number, length: number): Uint8Array {
  return length === 0 ? new Uint8Array(0) : new Uint8Array(bytes.buffer, bytes.byteOffset + body + offset, length);
}

/**
 * The columns of verified Arrow IPC bytes, when every one is a plain number
 * and every buffer holds what its rows need; else null (read them with
 * apache-arrow). Values are views on `bytes`, never copies. O(columns ×
 * record batches).
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
  const widths: number[] = [];
  for (const c of schema.columns) {
    const plain = plainType(c);
    if (plain === null) return null;
    // A field written with an empty name has none in the metadata.
    fields.push({ name: c.name ?? '', type: plain.type });
    widths.push(plain.width);
  }
  const chunks: ChunkBuffers[][] = fields.map(() => []);
  let rows = 0;
  for (const b of batches) {
    if (b.compressed || b.buffers.length !== 4 * fields.length) return null;
    for (let i = 0; i < fields.length; i++) {
      const length = b.nodes[2 * i];
      const nullCount = b.nodes[2 * i + 1];
      const validityLength = b.buffers[4 * i + 1];
      const valuesLength = b.buffers[4 * i + 3];
      const valuesAt = bytes.byteOffset + b.body + b.buffers[4 * i + 2];
      if (valuesLength < length * widths[i] || (nullCount > 0 && validityLength < Math.ceil(length / 8))) return null;
      // apache-arrow refuses some misaligned buffers (64-bit integers) and copies others: its call.
      if (valuesLength > 0 && valuesAt % widths[i] !== 0) return null;
      chunks[i].push({
        length,
        offset: 0,
        nullCount,
        nullBitmap: nullCount > 0 ? bufferAt(bytes, b.body, b.buffers[4 * i], validityLength) : null,
        values: bufferAt(bytes, b.body, b.buffers[4 * i + 2], valuesLength),
      });
    }
    rows += b.length;
  }
  return { fields, chunks, rows };
}
