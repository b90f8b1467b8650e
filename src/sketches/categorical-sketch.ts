/**
 * The mergeable state of one categorical feature in a window, bounded by K
 * (`maxCategories`, default 256) whatever the number of distinct values:
 *
 * - while the window has seen at most K distinct categories: exact counts
 *   per category (every statistic then equals exact mode's);
 * - past K, for good ("collapsed"): counts for the reference's K most
 *   frequent categories (the tracked set, fixed by the profile), one count
 *   for rows of other reference categories, one count for rows of categories
 *   the reference never had, and a HyperLogLog of those new categories.
 *
 * Collapsing is a fixed function of the counts, and it is additive, so the
 * rule is exactly mergeable: a ∪ b has more than K categories exactly when
 * a, b or their union has, and collapse(a ∪ b) = collapse(a) + collapse(b)
 * (registers: element-wise max). merge(a, b) equals the sketch of a ∪ b in
 * every order, bit for bit (counts are integers).
 *
 * Worked by hand with K = 2, reference categories [x, y, z] (tracked: x, y
 * by count), column [x, x, w, null]:
 *   counts {x: 2, w: 1}, count 3, missing 1 (still exact: 2 distinct).
 * Adding [v]: 3 distinct > K, so collapse: tracked [x: 2, y: 0],
 *   otherRows 0 (z), newRows 2 (w, v), registers hold w and v.
 *
 * What collapsing costs each statistic is in docs/sketches.md.
 */
import { addHll, createHll, DEFAULT_HLL_PRECISION, hllEstimate, mergeHllInto } from './hyperloglog.js';

/** Default: exact counts for at most this many distinct categories per window. */
export const DEFAULT_MAX_CATEGORIES = 256;

/** What a categorical sketch needs from the reference profile; never serialized with the sketch. */
export interface CategoricalLayout {
  /** Reference categories with their row counts, any order. */
  index: ReadonlyMap<string, number>;
  /** Tracked (most frequent) reference categories, in slot order. */
  tracked: readonly string[];
  /** Tracked category → slot. */
  slotOf: ReadonlyMap<string, number>;
  /** K. */
  maxCategories: number;
  hllPrecision: number;
}

export interface CategoricalSketch {
  kind: 'categorical';
  /** Valid rows. */
  count: number;
  /** Null rows. */
  missing: number;
  /** Exact rows per category, or null once collapsed. */
  counts: Map<string, number> | null;
  /** Collapsed: rows per tracked reference category (slot order); null while exact. */
  tracked: Float64Array | null;
  /** Collapsed: rows of reference categories outside the tracked set. */
  otherRows: number;
  /** Collapsed: rows of categories absent from the reference. */
  newRows: number;
  /** Collapsed: HyperLogLog registers of the categories absent from the reference. */
  newDistinct: Uint8Array | null;
}

/**
 * The tracked set: the reference's `maxCategories` most frequent categories,
 * ties by name (code unit order), so it depends on the counts alone.
 */
export function categoricalLayout(
  counts: ReadonlyMap<string, number>,
  maxCategories = DEFAULT_MAX_CATEGORIES,
  hllPrecision = DEFAULT_HLL_PRECISION,
): CategoricalLayout {
  const tracked = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, maxCategories)
    .map(([name]) => name);
  return { index: counts, tracked, slotOf: new Map(tracked.map((name, i) => [name, i])), maxCategories, hllPrecision };
}

/** An empty sketch. */
export function createCategoricalSketch(): CategoricalSketch {
  return { kind: 'categorical', count: 0, missing: 0, counts: new Map(), tracked: null, otherRows: 0, newRows: 0, newDistinct: null };
}

/**
 * Records a dictionary-coded column (codes into `categories`, -1 = null), in
 * place: one pass counting codes, then one map update per category present.
 *
 * Cost: O(n + c) for c categories in the batch, plus O(K) once on collapsing.
 *
 * @param sketch the state to update
 * @param layout the feature's layout
 * @param codes one code per row
 * @param categories the batch's category names
 * @returns `sketch`
 * @throws RangeError when a code is out of range
 * @example
 * addCategoricalCodes(createCategoricalSketch(), layout, Int32Array.of(0, 0, 1, -1), ['x', 'w']);
 * // counts {x: 2, w: 1}, count 3, missing 1
 */
export function addCategoricalCodes(
  sketch: CategoricalSketch,
  layout: CategoricalLayout,
  codes: Int32Array,
  categories: readonly string[],
): CategoricalSketch {
  const perCode = new Float64Array(categories.length);
  let missing = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c < 0) missing++;
    else if (c < perCode.length) perCode[c]++;
    else throw new RangeError(`code ${c} at row ${i} is outside the ${categories.length} categories`);
  }
  sketch.missing += missing;
  for (let c = 0; c < perCode.length; c++) if (perCode[c] > 0) addCategory(sketch, layout, categories[c], perCode[c]);
  return sketch;
}

/**
 * Records a numeric column read as categories (spec kind "categorical"):
 * each finite value is the category `String(value)`, as exact mode; null,
 * NaN and ±Infinity are missing.
 *
 * Cost: O(n) with one hash per row.
 */
export function addCategoricalNumbers(
  sketch: CategoricalSketch,
  layout: CategoricalLayout,
  values: Float64Array,
  valid: Uint8Array | null,
): CategoricalSketch {
  const byValue = new Map<number, number>();
  let missing = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v !== 0 || (valid !== null && valid[i] !== 1)) missing++;
    else byValue.set(v, (byValue.get(v) ?? 0) + 1);
  }
  sketch.missing += missing;
  for (const [v, n] of byValue) addCategory(sketch, layout, String(v), n);
  return sketch;
}

/** Adds `rows` rows of one category. */
export function addCategory(sketch: CategoricalSketch, layout: CategoricalLayout, name: string, rows: number): void {
  sketch.count += rows;
  if (sketch.counts !== null) {
    sketch.counts.set(name, (sketch.counts.get(name) ?? 0) + rows);
    if (sketch.counts.size > layout.maxCategories) collapse(sketch, layout);
  } else route(sketch, layout, name, rows);
}

function collapse(sketch: CategoricalSketch, layout: CategoricalLayout): void {
  const counts = sketch.counts;
  sketch.counts = null;
  sketch.tracked = new Float64Array(layout.tracked.length);
  sketch.newDistinct = createHll(layout.hllPrecision);
  if (counts) for (const [name, rows] of counts) route(sketch, layout, name, rows);
}

function route(sketch: CategoricalSketch, layout: CategoricalLayout, name: string, rows: number): void {
  const slot = layout.slotOf.get(name);
  if (slot !== undefined) (sketch.tracked as Float64Array)[slot] += rows;
  else if (layout.index.has(name)) sketch.otherRows += rows;
  else {
    sketch.newRows += rows;
    addHll(sketch.newDistinct as Uint8Array, name);
  }
}

/**
 * Merges `other` into `target`, in place.
 *
 * Cost: O(K + 2^p).
 *
 * @param target the state to update
 * @param other a state over the same layout
 * @param layout the feature's layout
 * @returns `target`
 * @throws never
 * @example
 * mergeCategoricalInto(window, batch, layout);
 */
export function mergeCategoricalInto(target: CategoricalSketch, other: CategoricalSketch, layout: CategoricalLayout): CategoricalSketch {
  target.missing += other.missing;
  if (other.counts !== null) {
    for (const [name, rows] of other.counts) addCategory(target, layout, name, rows);
    return target;
  }
  if (target.counts !== null) collapse(target, layout);
  target.count += other.count;
  const tracked = target.tracked as Float64Array;
  const from = other.tracked as Float64Array;
  for (let i = 0; i < tracked.length; i++) tracked[i] += from[i];
  target.otherRows += other.otherRows;
  target.newRows += other.newRows;
  mergeHllInto(target.newDistinct as Uint8Array, other.newDistinct as Uint8Array);
  return target;
}

/** merge(a, b) without touching a or b. */
export function mergeCategorical(a: CategoricalSketch, b: CategoricalSketch, layout: CategoricalLayout): CategoricalSketch {
  return mergeCategoricalInto(cloneCategorical(a), b, layout);
}

/** A deep copy. */
export function cloneCategorical(s: CategoricalSketch): CategoricalSketch {
  return {
    ...s,
    counts: s.counts === null ? null : new Map(s.counts),
    tracked: s.tracked === null ? null : s.tracked.slice(),
    newDistinct: s.newDistinct === null ? null : s.newDistinct.slice(),
  };
}

/** Estimated number of distinct categories absent from the reference (exact while not collapsed). */
export function newCategoryCount(s: CategoricalSketch, layout: CategoricalLayout): number {
  if (s.counts !== null) {
    let n = 0;
    for (const name of s.counts.keys()) if (!layout.index.has(name)) n++;
    return n;
  }
  return s.newRows === 0 ? 0 : Math.max(1, Math.round(hllEstimate(s.newDistinct as Uint8Array)));
}

export interface CategoricalSketchJSON {
  kind: 'categorical';
  count: number;
  missing: number;
  /** [name, rows] sorted by name, or null once collapsed. */
  counts: [string, number][] | null;
  tracked: number[] | null;
  otherRows: number;
  newRows: number;
  /** Registers as base64, or null while exact. */
  newDistinct: string | null;
}

export function categoricalSketchToJSON(s: CategoricalSketch): CategoricalSketchJSON {
  return {
    kind: 'categorical',
    count: s.count,
    missing: s.missing,
    counts: s.counts === null ? null : [...s.counts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
    tracked: s.tracked === null ? null : Array.from(s.tracked),
    otherRows: s.otherRows,
    newRows: s.newRows,
    newDistinct: s.newDistinct === null ? null : Buffer.from(s.newDistinct).toString('base64'),
  };
}

/** Registers from base64 (JSON) or bytes (binary blobs). */
function registers(r: string | Uint8Array | null): Uint8Array | null {
  if (r === null) return null;
  return typeof r === 'string' ? new Uint8Array(Buffer.from(r, 'base64')) : r.slice();
}

/**
 * Rebuilds a sketch from its JSON form (also accepts typed arrays in place of
 * the arrays, as binary blobs hold them).
 *
 * @throws RangeError when the tracked counts do not match the layout
 */
export function categoricalSketchFromJSON(json: CategoricalSketchJSON, layout: CategoricalLayout): CategoricalSketch {
  if (json.tracked !== null && json.tracked.length !== layout.tracked.length) {
    throw new RangeError(`categorical sketch tracks ${json.tracked.length} categories; the profile tracks ${layout.tracked.length}`);
  }
  return {
    kind: 'categorical',
    count: json.count,
    missing: json.missing,
    counts: json.counts === null ? null : new Map(json.counts),
    tracked: json.tracked === null ? null : Float64Array.from(json.tracked),
    otherRows: json.otherRows,
    newRows: json.newRows,
    newDistinct: registers(json.newDistinct as string | Uint8Array | null),
  };
}
