/**
 * Splits a batch's rows by tumbling window. Rows take their time from the
 * timestamp column (epoch ms; Arrow timestamps and dates are read as epoch
 * ms) or, without one, or where it is null, the arrival time. The common
 * case — every row in one window — returns the table itself, no copy.
 */
import type { CategoricalColumn, Column, ColumnarTable, NumericColumn } from '../arrow/columns.js';
import { windowStart } from './duration.js';

export interface WindowPart {
  start: number;
  end: number;
  table: ColumnarTable;
}

function gatherNumeric(col: NumericColumn, rows: Int32Array): NumericColumn {
  const values = new Float64Array(rows.length);
  const valid = col.valid ? new Uint8Array(rows.length) : null;
  for (let i = 0; i < rows.length; i++) {
    values[i] = col.values[rows[i]];
    if (valid && col.valid) valid[i] = col.valid[rows[i]];
  }
  return { ...col, length: rows.length, values, valid };
}

function gatherCategorical(col: CategoricalColumn, rows: Int32Array): CategoricalColumn {
  const codes = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) codes[i] = col.codes[rows[i]];
  return { ...col, length: rows.length, codes };
}

function subTable(table: ColumnarTable, rows: Int32Array): ColumnarTable {
  const columns: Column[] = table.columns.map((c) => (c.kind === 'numerical' ? gatherNumeric(c, rows) : gatherCategorical(c, rows)));
  return { source: table.source, rows: rows.length, columns, byName: new Map(columns.map((c) => [c.name, c])), skipped: table.skipped };
}

/** The time of each row: the timestamp column's value where valid and finite, else `arrivalMs`. */
export function rowTime(table: ColumnarTable, timestampColumn: string | undefined, arrivalMs: number): (i: number) => number {
  const ts = timestampColumn === undefined ? undefined : table.byName.get(timestampColumn);
  if (ts?.kind !== 'numerical') return () => arrivalMs;
  return (i) => {
    const v = ts.values[i];
    return (ts.valid === null || ts.valid[i] === 1) && Number.isFinite(v) ? v : arrivalMs;
  };
}

export function splitByWindow(table: ColumnarTable, sizeMs: number, timeOf: (i: number) => number): WindowPart[] {
  if (table.rows === 0) return [];
  // The common case, every row in the first row's window: one comparison per row, no map.
  const first = windowStart(timeOf(0), sizeMs);
  let i = 1;
  while (i < table.rows && windowStart(timeOf(i), sizeMs) === first) i++;
  if (i === table.rows) return [{ start: first, end: first + sizeMs, table }];
  const starts = new Float64Array(table.rows);
  const counts = new Map<number, number>();
  for (let i = 0; i < table.rows; i++) {
    const s = windowStart(timeOf(i), sizeMs);
    starts[i] = s;
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  if (counts.size === 1) {
    const start = starts[0];
    return [{ start, end: start + sizeMs, table }];
  }
  const rowsOf = new Map<number, { rows: Int32Array; n: number }>();
  for (const [s, n] of counts) rowsOf.set(s, { rows: new Int32Array(n), n: 0 });
  for (let i = 0; i < table.rows; i++) {
    const slot = rowsOf.get(starts[i]);
    if (slot) slot.rows[slot.n++] = i;
  }
  return [...rowsOf.entries()]
    .sort(([a], [b]) => a - b)
    .map(([start, { rows }]) => ({ start, end: start + sizeMs, table: subTable(table, rows) }));
}
