/**
 * Arrow IPC bytes (file or stream format) → ColumnarTable, decoded once.
 *
 * ```
 * bytes ──verifyIpc──▶ framing + metadata checked (O(metadata)), format known
 *       ──apache-arrow RecordBatchReader──▶ record batches (buffers are views on `bytes`)
 *       ──per column──▶ NumericColumn (Float64Array) | CategoricalColumn (Int32Array codes)
 * ```
 *
 * Every input is untrusted: whatever the bytes, the result is a table or a
 * DriftgaugeError, never a raw TypeError or RangeError.
 */
import { type Data, type RecordBatch, RecordBatchReader, type Schema } from 'apache-arrow';
import { createError, DriftgaugeError } from '../errors.js';
import { arrowTypeName, type TypeKind, typeKind } from './arrow-type.js';
import { buildCategoricalColumn } from './categorical-column.js';
import type { Column, ColumnarTable, SkippedColumn } from './columns.js';
import { buildNumericColumn } from './numeric-column.js';
import { readFileBytes } from './read-file-bytes.js';
import { type IpcFormat, verifyIpc } from './verify-ipc.js';

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
}

interface Decoded {
  schema: Schema;
  batches: RecordBatch[];
}

/** Options are the caller's, not the data's: a wrong one is a bug, reported once, up front. */
function checkOptions(opts: ReadTableOptions): void {
  const mode: unknown = opts.onUnsupported;
  if (mode !== undefined && mode !== 'error' && mode !== 'skip') {
    throw createError('DRIFTGAUGE_ERR_INTERNAL', "options.onUnsupported must be 'error' or 'skip'");
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
    return { schema, batches };
  } catch (err) {
    throw createError('DRIFTGAUGE_ERR_ARROW_INVALID', source, reason(err));
  }
}

function plan(schema: Schema, source: string, opts: ReadTableOptions): { kinds: TypeKind[]; skipped: SkippedColumn[] } {
  const fields = schema.fields;
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

function assemble({ schema, batches }: Decoded, bytes: Uint8Array, source: string, opts: ReadTableOptions): ColumnarTable {
  const { kinds, skipped } = plan(schema, source, opts);
  const rows = batches.reduce((sum, batch) => sum + batch.numRows, 0);
  const columns: Column[] = [];
  for (const [i, field] of schema.fields.entries()) {
    const kind = kinds[i];
    if (kind === 'unsupported') continue;
    if (opts.columns && !opts.columns.includes(field.name)) continue;
    const chunks: Data[] = batches.map((batch) => batch.data.children[i]);
    const arrowType = arrowTypeName(field.type);
    columns.push(
      kind === 'numerical'
        ? buildNumericColumn(field.name, field.type, arrowType, chunks, rows, source, opts.allocValues)
        : buildCategoricalColumn(field.name, field.type, arrowType, chunks, rows, source),
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
    const format = verifyIpc(bytes, source);
    return assemble(decode(bytes, format, source), bytes, source, opts);
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
