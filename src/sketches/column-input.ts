/**
 * The column shapes the sketches read: structurally the Arrow reader's
 * `NumericColumn` / `CategoricalColumn` (src/arrow/columns.ts), restated
 * here so sketches/ depends on stats/ only (ARCHITECTURE.md, layers).
 */
export interface NumericInput {
  kind: 'numerical';
  length: number;
  values: Float64Array;
  /** 1 = valid, 0 = null; null when every row is valid. */
  valid: Uint8Array | null;
}

export interface CategoricalInput {
  kind: 'categorical';
  length: number;
  /** Index into `categories` per row; -1 = null. */
  codes: Int32Array;
  categories: readonly string[];
}

export type ColumnInput = NumericInput | CategoricalInput;

/** A label as exact mode reads it (src/engine/labels.ts): a category, a finite number, or null. */
export type Label = string | number;

export function labelAt(col: ColumnInput, i: number): Label | null {
  if (col.kind === 'categorical') {
    const c = col.codes[i];
    return c < 0 ? null : col.categories[c];
  }
  if (col.valid !== null && col.valid[i] === 0) return null;
  const v = col.values[i];
  return v - v === 0 ? v : null;
}

/** "1" and 1 are one class when target and prediction differ in type. */
export function labelKey(label: Label): string {
  return typeof label === 'number' ? String(label) : label;
}
