/**
 * Shape checks shared by both kernel implementations. A failure is a
 * programming error (the caller built the batch), so it throws RangeError.
 */
import type { ValidityMasks } from './kernel-types.js';

/** Edges must be finite and ascending (ties allowed, as quantile edges have). */
export function checkEdges(edges: Float64Array, what: string): void {
  for (let j = 0; j < edges.length; j++) {
    const e = edges[j];
    if (e - e !== 0) throw new RangeError(`${what}: edges must be finite (edge ${j} is ${e})`);
    if (j > 0 && edges[j - 1] > e) throw new RangeError(`${what}: edges must be sorted ascending (edge ${j})`);
  }
}

/** Columns of one length, one edges array (and optional mask) per column; returns the row count. */
export function checkBatch(columns: readonly Float64Array[], edges: readonly Float64Array[], valid?: ValidityMasks): number {
  if (edges.length !== columns.length) throw new RangeError(`binCounts: ${columns.length} columns but ${edges.length} edge arrays`);
  if (valid !== undefined && valid.length !== columns.length) {
    throw new RangeError(`binCounts: ${columns.length} columns but ${valid.length} validity masks`);
  }
  const rows = columns.length > 0 ? columns[0].length : 0;
  columns.forEach((c, f) => {
    if (c.length !== rows) throw new RangeError(`binCounts: column ${f} has ${c.length} rows, column 0 has ${rows}`);
    const v = valid?.[f];
    if (v != null && v.length !== rows) throw new RangeError(`binCounts: validity mask ${f} has ${v.length} entries for ${rows} rows`);
    checkEdges(edges[f], `binCounts: column ${f}`);
  });
  return rows;
}

/** A category / class count must be a non-negative integer. */
export function checkSize(size: number, what: string): void {
  if (!Number.isInteger(size) || size < 0) throw new RangeError(`${what} must be a non-negative integer (got ${size})`);
}

/** Two arrays of one length. */
export function checkSameLength(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  if (a.length !== b.length) throw new RangeError(`${what}: lengths differ (${a.length} and ${b.length})`);
}
