/**
 * Arrow IPC bytes (file or stream format) → ColumnarTable, decoded once.
 *
 * ```
 * bytes ──verifyIpc──▶ framing + metadata checked (O(metadata)), columns and buffers located
 *       ──plainColumns, for numbers, bool and utf8 columns──▶ chunks (views on `bytes`)
 *       ──else apache-arrow RecordBatchReader──▶ record batches (buffers are views on `bytes`)
 *       ──per column──▶ NumericColumn (Float64Array) | CategoricalColumn (Int32Array codes)
 * ```
 *
 * Every input is untrusted: whatever the bytes, the result is a table or a
 * DriftgaugeError, never a raw TypeError or RangeError.
 */
import { type Data, type DataType, RecordBatchReader } from 'apache-arrow';
import { createError, DriftgaugeError } from '../errors.js';
import { arrowTypeName, type TypeKind, typeKind } from './arrow-type.js';
import { buildCategoricalColumn } from './categorical-column.js';
import type { Column, ColumnarTable, SkippedColumn } from './columns.js';
import { buildNumericColumn } from './numeric-column.js';
import { type PlainChunks, plainColumns } from './plain-columns.js';
import { readFileBytes } from './read-file-bytes.js';
import { type IpcFormat, type IpcLayout, verifyIpc } from './verify-ipc.js';

/** Options of readTable and readTableFile. */
export interface ReadTableOptions {
  /**
   * A column whose Arrow type has no numerical or categorical reading (lists,
   * structs, binary, decimals, durations, ...): 'error' (the default) fails
   * the read, 'skip' leaves it out and lists it in `skipped`.
   */
  onUnsupported?: 'error' | 'skip';
  /**
   * Decode only these columns (a worker that computes one feature needs one
   * column); the others are verified but not decoded and not in `columns`.
   */
  columns?: readonly string[];
  /**
   * readTableFile only: read the file into a SharedArrayBuffer, so worker
   * threads can decode columns from the same bytes without a copy.
   */
  shared?: boolean;
  /**
   * Where a numerical column that has to be converted (anything but a single float64 chunk) gets
   * its values: `n` Float64 values of any content, all of which the reader writes. Default: new
   * memory. A worker passes a `ColumnArena` it resets per task (column-arena.ts).
   */
  allocValues?: (n: number) => Float64Array;
  /**
   * 'apache-arrow' reads every table with apache-arrow, even one plain-columns.ts could read
   * (tests compare the two). Default: plain columns when they can be.
   */
  decoder?: 'apache-arrow';
}

/** A decoded table's columns before they become typed columns: names, types, and each column's chunks. */
interface Decoded {
  fields: readonly { name: string; type: DataType }[];
  rows: number;
  /** Column `i`'s chunks, one per record batch, for the builder of its kind. */
  chunks(i: number, kind: 'numerical' | 'categorical'): PlainChunks;
}

/** Options are the caller's, not the data's: a wrong one is a bug, reported once, up front. */
function checkOptions(opts: ReadTableOptions): void {
  const mode: unknown = opts.onUnsupported;
  if (mode !== undefined && mode !== 'error' && mode !== 'skip') {
    throw createError('DRIFTGAUGE_ERR_INTERNAL', "options.onUnsupported must be 'error' or 'skip'");
  }
  if (opts.decoder !== undefined && opts.decoder !== 'apache-arrow') {
    throw createError('DRIFTGAUGE_ERR_INTERNAL', "options.decoder must be 'apache-arrow' or absent");
  }
}


function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function decode(bytes: Uint8Array, format: IpcFormat, source: string): Decoded {
  try {
    const reader = RecordBatchReader.from(bytes);
    if (reader.isFile() !== (format === 'file')) throw new Error(`apache-arrow does not read these bytes as the ${format} format`);
    reader.open();
    const schema = reader.schema;
    if (!schema) throw new Error('no schema');
    const batches = [...reader];
    const rows = batches.reduce((sum, batch) => sum + batch.numRows, 0);
    // A field written with an empty name has none in the metadata, and apache-arrow reads it as null.
    const fields = schema.fields.map((f) => ({ name: (f.name as string | null) ?? '', type: f.type }));
    return { fields, rows, chunks: (i, kind) => ({ kind, chunks: batches.map((batch): Data => batch.data.children[i]) }) };
  } catch (err) {
    throw createError('DRIFTGAUGE_ERR_ARROW_INVALID', source, reason(err));
  }
}

/** The plain columns' reading (plain-columns.ts), or null when apache-arrow has to read the bytes. */
function decodePlain(bytes: Uint8Array, layout: IpcLayout): Decoded | null {
  const plain = plainColumns(bytes, layout);
  return plain && { fields: plain.fields, rows: plain.rows, chunks: (i) => plain.columns[i] };
}

function plan(fields: Decoded['fields'], source: string, opts: ReadTableOptions): { kinds: TypeKind[]; skipped: SkippedColumn[] } {
  if (fields.length === 0) throw createError('DRIFTGAUGE_ERR_NO_COLUMNS', source);
  const seen = new Set<string>();
  for (const field of fields) {
    if (seen.has(field.name)) throw createError('DRIFTGAUGE_ERR_DUPLICATE_COLUMN', source, field.name);
    seen.add(field.name);
  }
  const skipped: SkippedColumn[] = [];
  const kinds = fields.map((field) => {
    const kind = typeKind(field.type);
    if (kind !== 'unsupported') return kind;
    const arrowType = arrowTypeName(field.type);
    if (opts.onUnsupported !== 'skip') {
      throw createError('DRIFTGAUGE_ERR_ARROW_UNSUPPORTED_TYPE', source, field.name, arrowType);
    }
    skipped.push({ name: field.name, arrowType });
    return kind;
  });
  return { kinds, skipped };
}

function assemble(decoded: Decoded, bytes: Uint8Array, source: string, opts: ReadTableOptions): ColumnarTable {
  const { fields, rows } = decoded;
  const { kinds, skipped } = plan(fields, source, opts);
  const columns: Column[] = [];
  for (const [i, field] of fields.entries()) {
    const kind = kinds[i];
    if (kind === 'unsupported') continue;
    if (opts.columns && !opts.columns.includes(field.name)) continue;
    const c = decoded.chunks(i, kind);
    const arrowType = arrowTypeName(field.type);
    columns.push(
      c.kind === 'numerical'
        ? buildNumericColumn(field.name, field.type, arrowType, c.chunks, rows, source, opts.allocValues)
        : buildCategoricalColumn(field.name, field.type, arrowType, c.chunks, rows, source),
    );
  }
  return { source, rows, columns, byName: new Map(columns.map((c) => [c.name, c])), skipped, bytes };
}

/**
 * Decodes Arrow IPC bytes, file or stream format, into typed columns: ints,
 * floats, timestamps and dates (epoch ms) as Float64Array with a validity
 * array; bool, strings and dictionary-encoded strings as category codes.
 * Record batches are concatenated; a float64 column in a single record batch
 * is a view on `bytes` (no copy), so `bytes` must not be reused while the
 * table is in use. A table with no rows is returned with `rows: 0`.
 * O(bytes) time; memory O(rows × columns) beyond `bytes`.
 *
 * @param source names the file or request in error messages
 * @throws DRIFTGAUGE_ERR_ARROW_INVALID not Arrow IPC (CSV, JSON, empty), or corrupt
 * @throws DRIFTGAUGE_ERR_ARROW_TRUNCATED Arrow IPC cut short (a body cut, a file without its footer)
 * @throws DRIFTGAUGE_ERR_ARROW_UNSUPPORTED_FEATURE big-endian, compressed without a codec, tensors
 * @throws DRIFTGAUGE_ERR_ARROW_UNSUPPORTED_TYPE a column of another type, unless `onUnsupported: 'skip'`
 * @throws DRIFTGAUGE_ERR_INT64_PRECISION a 64-bit integer beyond ±2^53
 * @throws DRIFTGAUGE_ERR_NO_COLUMNS, DRIFTGAUGE_ERR_DUPLICATE_COLUMN
 * @example
 * const table = readTable(tableToIPC(tableFromArrays({ x: Float64Array.of(1, 2) })), 'x.arrow');
 * table.byName.get('x'); // { kind: 'numerical', arrowType: 'float64', values: Float64Array [1, 2], valid: null, ... }
 */
export function readTable(bytes: Uint8Array, source: string, opts: ReadTableOptions = {}): ColumnarTable {
  checkOptions(opts);
  try {
    if (!(bytes instanceof Uint8Array)) throw new TypeError('expected bytes (a Uint8Array)');
    const layout = verifyIpc(bytes, source);
    const decoded = (opts.decoder !== 'apache-arrow' && decodePlain(bytes, layout)) || decode(bytes, layout.format, source);
    return assemble(decoded, bytes, source, opts);
  } catch (err) {
    if (err instanceof DriftgaugeError) throw err;
    throw createError('DRIFTGAUGE_ERR_ARROW_INVALID', source, reason(err));
  }
}

/**
 * Reads an Arrow IPC file (file or stream format) and decodes it with
 * readTable; errors name `path`.
 *
 * @throws DRIFTGAUGE_ERR_FILE_NOT_FOUND when `path` does not exist
 * @throws DRIFTGAUGE_ERR_FILE_READ when it cannot be read (a directory, permissions, I/O)
 * @throws everything readTable throws
 * @example
 * const table = await readTableFile('reference.arrow', { onUnsupported: 'skip' });
 */
export async function readTableFile(path: string, opts: ReadTableOptions = {}): Promise<ColumnarTable> {
  checkOptions(opts);
  return readTable(await readFileBytes(path, { shared: opts.shared }), path, opts);
}
