/**
 * Writes plain columns to Arrow IPC bytes with apache-arrow's tableToIPC.
 * For tests, benchmarks and demos; the service itself only reads Arrow.
 */
import {
  Bool,
  type DataType,
  Dictionary,
  Float64,
  Int32,
  Int64,
  makeVector,
  type RecordBatch,
  Table,
  tableToIPC,
  Utf8,
  Vector,
  vectorFromArray,
} from 'apache-arrow';

/**
 * One column: a typed array (no nulls; its Arrow type follows the array), a
 * JS array with nulls (strings → utf8, numbers → float64, booleans → bool,
 * bigints → int64), or an apache-arrow Vector for any other type. A Vector
 * of several chunks gives several record batches.
 */
export type WritableColumn =
  | Float64Array
  | Float32Array
  | Int8Array
  | Int16Array
  | Int32Array
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | readonly (string | null)[]
  | readonly (number | null)[]
  | readonly (boolean | null)[]
  | readonly (bigint | null)[]
  | Vector;

/** Options of writeTable. */
export interface WriteTableOptions {
  /** 'file' (default) or 'stream'. */
  format?: 'file' | 'stream';
  /** Rows per record batch; default: one batch (or the chunks of Vector columns). */
  batchRows?: number;
  /** Names of string columns to write dictionary-encoded (int32 indices). */
  dictionary?: readonly string[];
}

function arrayType(values: readonly unknown[], dictionary: boolean): DataType {
  const first = values.find((v) => v !== null && v !== undefined);
  if (typeof first === 'string') return dictionary ? new Dictionary(new Utf8(), new Int32()) : new Utf8();
  if (typeof first === 'boolean') return new Bool();
  if (typeof first === 'bigint') return new Int64();
  return new Float64();
}

function toVector(values: WritableColumn, dictionary: boolean): Vector {
  if (values instanceof Vector) return values;
  if (ArrayBuffer.isView(values)) return makeVector(values);
  return vectorFromArray(values as unknown[], arrayType(values, dictionary));
}

/**
 * Arrow IPC bytes (file format unless `format: 'stream'`) for `columns`.
 *
 * @example
 * writeTable({ age: Float64Array.of(31, 45), country: ['fr', null] }, { format: 'stream' });
 */
export function writeTable(columns: Record<string, WritableColumn>, opts: WriteTableOptions = {}): Uint8Array {
  const dictionary = new Set(opts.dictionary ?? []);
  const vectors = Object.fromEntries(Object.entries(columns).map(([name, values]) => [name, toVector(values, dictionary.has(name))]));
  let table = new Table(vectors);
  const step = opts.batchRows;
  if (step !== undefined && step > 0 && table.numRows > step) {
    const batches: RecordBatch[] = [];
    for (let start = 0; start < table.numRows; start += step) batches.push(...table.slice(start, start + step).batches);
    table = new Table(batches);
  }
  return tableToIPC(table, opts.format ?? 'file');
}
