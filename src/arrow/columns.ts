/**
 * The typed columns every layer above arrow/ works on. Arrow IPC is decoded
 * into these once; nothing downstream touches apache-arrow objects.
 */

/** How a column is compared: distributions of numbers, or counts of categories. */
export type ColumnKind = 'numerical' | 'categorical';

/**
 * Floats, integers (up to ±2^53), timestamps and dates (as epoch milliseconds).
 *
 * `values` may be a view on the bytes that were decoded (no copy), so those
 * bytes must not be reused while the column is alive.
 */
export interface NumericColumn {
  kind: 'numerical';
  name: string;
  /** 'float64', 'int32', 'uint64', 'float16', 'timestamp[ms]', 'timestamp[ns, tz=UTC]', 'date32[day]', ... */
  arrowType: string;
  length: number;
  /** One value per row; any value where the row is null. */
  values: Float64Array;
  /** 1 = valid, 0 = null; `null` when the column has no nulls. */
  valid: Uint8Array | null;
}

/** Strings, dictionary-encoded strings and booleans. */
export interface CategoricalColumn {
  kind: 'categorical';
  name: string;
  /** 'utf8', 'large_utf8', 'string_view', 'dictionary<utf8>', 'bool', ... */
  arrowType: string;
  length: number;
  /** Index into `categories` per row; -1 = null. */
  codes: Int32Array;
  /** Distinct values in first-seen row order; booleans are 'false' / 'true'. */
  categories: string[];
}

/** One decoded column. */
export type Column = NumericColumn | CategoricalColumn;

/** A column left out because its Arrow type has no numerical or categorical reading. */
export interface SkippedColumn {
  name: string;
  arrowType: string;
}

/** A decoded Arrow table: every record batch concatenated. */
export interface ColumnarTable {
  /** The file or request the bytes came from, as named in errors. */
  source: string;
  rows: number;
  /** In schema order, without the skipped ones. */
  columns: Column[];
  byName: Map<string, Column>;
  /** Columns left out under `onUnsupported: 'skip'`; empty otherwise. */
  skipped: SkippedColumn[];
  /** The Arrow IPC bytes the columns were decoded from (views share them). */
  bytes?: Uint8Array;
}
