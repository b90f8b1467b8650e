/**
 * Class labels read from target / prediction columns of any type: numbers
 * from numeric columns, strings from categorical ones (bool as 'false' /
 * 'true'). Missing rows (null, NaN, ±Infinity) read as null.
 */
import type { Column } from '../arrow/columns.js';

export type Label = string | number;

export function labelAt(col: Column, i: number): Label | null {
  if (col.kind === 'categorical') {
    const c = col.codes[i];
    return c < 0 ? null : col.categories[c];
  }
  if (col.valid !== null && col.valid[i] === 0) return null;
  const v = col.values[i];
  return Number.isFinite(v) ? v : null;
}

/** A label as a key comparable across columns of different types ("1" and 1 are one class). */
export function labelKey(label: Label): string {
  return typeof label === 'number' ? String(label) : label;
}

/** Sorted like numpy's unique: numbers numerically when every label is a number, else as strings. */
export function sortLabels(labels: Iterable<Label>): Label[] {
  const all = [...labels];
  if (all.every((l) => typeof l === 'number')) return (all as number[]).sort((a, b) => a - b);
  return all.map(labelKey).sort();
}

/** The positive class as a key: the spec's, else 1 / "1", or true for bool columns (CONTRACT.md). */
export function positiveKey(col: Column, positiveClass: string | number | boolean | undefined): string {
  if (positiveClass !== undefined) return typeof positiveClass === 'boolean' ? String(positiveClass) : labelKey(positiveClass);
  return col.kind === 'categorical' && col.arrowType === 'bool' ? 'true' : '1';
}
