/**
 * A bounded, mergeable uniform sample of rows: what multivariate drift
 * (src/multivariate: PCA reconstruction, domain classifier) reads in a
 * window, which otherwise keeps no rows.
 *
 * Bottom-k sampling. Every row gets a priority, a 53-bit integer drawn from
 * a hash of (its batch's seed, its index in the batch); the sample is the k
 * complete rows (every numerical feature valid and finite) with the smallest
 * priorities. The batch seed is a hash of the batch's own content (its row
 * count and about 65 evenly spaced rows of every sampled column), so the
 * same batches give the same priorities wherever and whenever they are
 * sketched, and the report is reproducible. Two batches with the same row
 * count and the same hashed rows share a seed: their rows at one index tie
 * on priority and are ordered by value (still a sample, only correlated).
 *
 *   batch ─▶ priorities ─▶ ≤ limit? ─▶ complete? ─▶ k smallest ─▶ RowSample (sorted)
 *   merge(a, b) = the k smallest of a ∪ b   (a linear merge of two sorted lists)
 *
 * Ordered by (priority, then the row's values), a total order on rows, so a
 * merge is associative and commutative bit for bit: any order and grouping
 * of merges gives the same sample, the bottom k of every row folded in
 * (each row keeping the priority its batch gave it).
 *
 * Values are float32 (`sampleValue`: rounded to nearest, -0 as 0, beyond
 * ±3.4e38 held at the largest float32): half the bytes of float64 in every
 * batch delta and compaction (4 × k × width bytes, not 8 ×). Priorities stay
 * float64 (53-bit integers), so which rows are sampled does not change; only
 * the values kept are rounded (a relative error below 6e-8), and rows are
 * ordered, and merged, by their float32 values. Samples decoded from older
 * float64 blobs are rounded the same way on reading.
 *
 * Pruning (`SampleThresholds`): a sketcher that remembers the k smallest
 * priorities it has already emitted for a window may skip every row above
 * the largest of them. Those k rows are in the window, so such a row can
 * never be among the window's k smallest: the merged sample is unchanged.
 * After a window's first batch of n ≥ k rows, the j-th carries ~k/j rows, not k.
 */
import { fmix32 } from '../hash32.js';

/** Default rows per sample (`ProfileOptions.sampleRows`). */
export const DEFAULT_SAMPLE_ROWS = 10_000;

/** A sample: `size` rows of `width` values, ascending by (priority, values); arrays have room for `capacity` rows. */
export interface RowSample {
  /** Values per row (the profile's numerical features, in plan order). */
  width: number;
  /** k: rows kept at most. */
  capacity: number;
  /** Rows held. */
  size: number;
  /** Priorities of the rows; the first `size` are meaningful. */
  priorities: Float64Array;
  /** Row-major values (float32, `sampleValue`); the first `size × width` are meaningful. */
  values: Float32Array;
}

/** The rows of a sample as they cross a codec (exactly `size` rows, no spare room). */
export interface RowSampleRows {
  size: number;
  priorities: ArrayLike<number>;
  values: ArrayLike<number>;
}

/** A numerical column as the sketches read it. */
export interface SampleColumn {
  values: Float64Array;
  valid: Uint8Array | null;
}

/** An empty sample of `width` values per row and at most `capacity` rows. */
export function createRowSample(width: number, capacity: number): RowSample {
  return { width, capacity, size: 0, priorities: new Float64Array(capacity), values: new Float32Array(capacity * width) };
}

const F32_MAX = 3.4028234663852886e38;

/**
 * A value as a sample keeps it: the nearest float32, with -0 as 0 (so equal rows are equal bits)
 * and a finite value beyond the float32 range held at ±F32_MAX (so a complete row stays finite).
 *
 * @example
 * sampleValue(0.1); // 0.10000000149011612
 */
export function sampleValue(v: number): number {
  const f = Math.fround(v);
  if (f - f === 0) return f + 0;
  return f === Number.POSITIVE_INFINITY && v !== f ? F32_MAX : f === Number.NEGATIVE_INFINITY && v !== f ? -F32_MAX : f;
}

/**
 * Values as a sample keeps them (`sampleValue` of each): a Float32Array as it is (a sample's own,
 * already rounded), anything else (float64 rows of an older blob, JSON) converted into a new one.
 */
export function sampleValues(values: ArrayLike<number>): Float32Array {
  if (values instanceof Float32Array) return values;
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = sampleValue(values[i]);
  return out;
}

/** A deep copy (with the same spare room). */
export function cloneRowSample(s: RowSample): RowSample {
  return { ...s, priorities: s.priorities.slice(), values: s.values.slice() };
}

/** The held rows, without spare room (views on `s`). */
export function sampleRowsOf(s: RowSample): RowSampleRows {
  return { size: s.size, priorities: s.priorities.subarray(0, s.size), values: s.values.subarray(0, s.size * s.width) };
}

/**
 * A sample rebuilt from its rows (a codec's output), with room for `capacity`.
 *
 * @throws RangeError when the rows do not fit: more than `capacity`, or values not `size × width`
 */
export function rowSampleFrom(rows: RowSampleRows, width: number, capacity: number): RowSample {
  checkRows(rows, width, capacity);
  const s = createRowSample(width, capacity);
  s.priorities.set(rows.priorities);
  s.values.set(sampleValues(rows.values));
  s.size = rows.size;
  return s;
}

function checkRows(rows: RowSampleRows, width: number, capacity: number): void {
  if (!Number.isInteger(rows.size) || rows.size < 0 || rows.size > capacity) {
    throw new RangeError(`row sample holds ${rows.size} rows; the profile keeps at most ${capacity}`);
  }
  if (rows.priorities.length !== rows.size || rows.values.length !== rows.size * width) {
    throw new RangeError(`row sample of ${rows.size} rows has ${rows.priorities.length} priorities and ${rows.values.length} values (${width} per row)`);
  }
}

/** Row r of `a` (values from `av`) against row q of `b`: by priority, then (float32) values. */
function compareRows(pa: number, av: Float32Array, r: number, pb: number, bv: Float32Array, q: number, width: number): number {
  if (pa !== pb) return pa < pb ? -1 : 1;
  for (let j = 0; j < width; j++) {
    const x = av[r * width + j];
    const y = bv[q * width + j];
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * Folds `other`'s rows into `target`, keeping the k smallest: in place, one
 * backward merge (no allocation).
 *
 * Cost: O((rows kept from both) × width) in the worst case, O(width) per row of `other` kept
 * plus the rows of `target` it displaces.
 *
 * @param target the sample to update
 * @param other rows from another sample of the same width (a `RowSample` or a decoded blob's views)
 * @returns `target`
 * @throws RangeError when `other` does not have `target`'s width or holds more than its capacity
 * @example
 * mergeRowSampleInto(window.sample, batchSample); // the k smallest of both
 */
export function mergeRowSampleInto(target: RowSample, other: RowSampleRows): RowSample {
  const w = target.width;
  checkRows(other, w, Number.POSITIVE_INFINITY);
  const tp = target.priorities;
  const tv = target.values;
  const op = other.priorities;
  // Rows of an older (float64) blob are rounded first, so both sides compare and copy as float32.
  const ov = sampleValues(other.values);
  const nt = target.size;
  const no = other.size;
  const total = Math.min(target.capacity, nt + no);
  // How many of each side the k smallest take. Priorities nearly always differ: rows are compared
  // (compareRows) only on a tie.
  let a = 0;
  let b = 0;
  while (a + b < total) {
    if (b >= no) a = total - b;
    else if (a >= nt) b = total - a;
    else if (tp[a] < op[b] || (tp[a] === op[b] && compareRows(tp[a], tv, a, op[b], ov, b, w) <= 0)) a++;
    else b++;
  }
  if (b === 0) {
    target.size = total;
    return target;
  }
  // Backward merge: the write position never passes target's read position, so nothing is
  // overwritten unread. Target rows move in runs (one copyWithin per run between other's rows;
  // a short run element by element, cheaper than the call).
  let i = a - 1;
  let j = b - 1;
  let out = total - 1;
  while (j >= 0) {
    // Target rows i0 + 1 .. i sort after other's row j: they move up as one run.
    const pj = op[j];
    let i0 = i;
    while (i0 >= 0 && !(tp[i0] < pj) && (tp[i0] !== pj || compareRows(tp[i0], tv, i0, pj, ov, j, w) > 0)) i0--;
    const run = i - i0;
    if (run > 0) {
      const to = out - run + 1;
      if (run * w <= SHORT_RUN) {
        // Backward, as copyWithin would: the ranges may overlap, the destination above the source.
        for (let r = i; r > i0; r--) {
          const d = r + (to - i0 - 1);
          tp[d] = tp[r];
          for (let c = w - 1; c >= 0; c--) tv[d * w + c] = tv[r * w + c];
        }
      } else {
        tp.copyWithin(to, i0 + 1, i + 1);
        tv.copyWithin(to * w, (i0 + 1) * w, (i + 1) * w);
      }
      out -= run;
      i = i0;
    }
    tp[out] = pj;
    for (let c = 0; c < w; c++) tv[out * w + c] = ov[j * w + c];
    out--;
    j--;
  }
  target.size = total;
  return target;
}

/** Values moved element by element rather than by copyWithin (a builtin call costs about as much as this many). */
const SHORT_RUN = 256;

const LOW_BITS = 2 ** 21;
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

/**
 * The seed of a batch: a hash of its row count and of about 65 evenly spaced
 * rows (the first and the last among them) of every sampled column.
 *
 * Cost: O(66 × columns).
 */
export function batchSeed(columns: readonly SampleColumn[], rows: number): number {
  let h = fmix32(rows ^ 0x5bd1e995);
  if (rows === 0) return h;
  const step = Math.max(1, Math.floor(rows / 64));
  for (const { values, valid } of columns) {
    // Rows 0, step, 2·step, ... and the last one.
    for (let at = 0; at < rows + step - 1; at += step) {
      const i = Math.min(at, rows - 1);
      if (valid !== null && valid[i] === 0) h = fmix32(h ^ 0x7f4a7c15);
      else {
        bits[0] = values[i];
        h = fmix32(h ^ words[0]);
        h = fmix32(h ^ words[1]);
      }
    }
  }
  return h;
}

/**
 * The priority of row `i` of a batch with seed `seed`: a 53-bit integer, a
 * 32-bit hash (a bijection of i for one seed, so rows of one batch never
 * tie on it) above the row's low 21 index bits.
 */
export function rowPriority(seed: number, i: number): number {
  return fmix32(Math.imul(i, 0x9e3779b1) ^ seed) * LOW_BITS + (i % LOW_BITS);
}

/** Scratch arrays of `BatchSampler`, grown as needed (one per thread: one sampler at a time). */
let scratchPriorities = new Float64Array(0);
let scratchRows = new Int32Array(0);
/** The candidates' values, row-major (`BatchSampler` gathering), and which candidates miss a value. */
let scratchGathered = new Float64Array(0);
let scratchIncomplete = new Uint8Array(0);
/** The complete candidates' rows in row order, kept while `scratchRows` is reordered by priority. */
let scratchAscending = new Int32Array(0);

function grow(n: number): void {
  if (scratchPriorities.length >= n) return;
  const size = Math.max(n, 2 * scratchPriorities.length);
  scratchPriorities = new Float64Array(size);
  scratchRows = new Int32Array(size);
}

/** Candidates × columns a sampler gathers into scratch at most (8 MiB of float64); beyond, it reads the columns at the end. */
const GATHER_VALUES = 2 ** 20;

/**
 * The rows whose priority is at most `limit`, in row order, into the
 * scratch arrays (`scratchPriorities`, `scratchRows`, grown by the caller);
 * returns how many. Its own function, not a loop in the constructor: V8
 * then optimizes it whole, where the loop was compiled on-stack before the
 * constructor's later code had run, and that code bailed out at every
 * batch (`--log-deopt`: ~27 deopts a second a worker at max load,
 * "insufficient type feedback" at the `fill` after the loop).
 */
function candidates(seed: number, rows: number, limit: number): number {
  const pr = scratchPriorities;
  const at = scratchRows;
  let m = 0;
  for (let i = 0; i < rows; i++) {
    const p = rowPriority(seed, i);
    if (p <= limit) {
      pr[m] = p;
      at[m++] = i;
    }
  }
  return m;
}

/**
 * The kept rows' gathered values (rows `scratchRows[0..n)`, found among the
 * m candidates in `scratchAscending`) into `out`, row-major, as
 * `sampleValue` stores them (float32, -0 as 0: samples then survive JSON,
 * and equal rows are equal bits). This copy and the next are functions of
 * their own for the reason `candidates` is (`--log-deopt`: the code after
 * the loops in `finish` bailed out at every batch in one worker).
 */
function copyGathered(out: Float32Array, m: number, n: number, w: number): void {
  const g = scratchGathered;
  const at = scratchRows;
  for (let r = 0; r < n; r++) {
    const from = searchRow(scratchAscending, m, at[r]) * w;
    for (let j = 0; j < w; j++) out[r * w + j] = sampleValue(g[from + j]);
  }
}

/** The row index each of the first m sorted priorities carries in its low bits, into `at` (a function of its own: see `copyGathered`). */
function rowsOfPriorities(order: Float64Array, at: Int32Array, m: number): void {
  for (let t = 0; t < m; t++) at[t] = order[t] % LOW_BITS;
}

/** The kept rows' values read from the columns (rows `scratchRows[0..n)`) into `out`, as `copyGathered`. */
function copyFromColumns(out: Float32Array, columns: readonly SampleColumn[], n: number, w: number): void {
  const at = scratchRows;
  for (let j = 0; j < w; j++) {
    const values = columns[j].values;
    for (let r = 0; r < n; r++) out[r * w + j] = sampleValue(values[at[r]]);
  }
}

/**
 * One batch's row sample in three steps, so that each column's candidate
 * values are read while the column is still in cache from the sketch's own
 * pass over it (sketch-batch.ts): the candidates (rows whose priority is at
 * most `limit`) when constructed, `gather(j)` after column j was sketched,
 * `finish()` at the end. Reading 50 columns' candidates at random after the
 * whole batch was sketched missed the cache on almost every value (half the
 * cost of a pruned batch's sample). `finish()` gathers what was not
 * gathered, so `new BatchSampler(...).finish()` is the whole job
 * (`sampleTable`). When candidates × columns exceed `GATHER_VALUES` (a
 * reference, unpruned), the columns are read at the end, as before. Either
 * way the sample is the same, bit for bit.
 *
 * One sampler per thread at a time: it works in this module's scratch.
 */
export class BatchSampler {
  readonly #into: RowSample;
  readonly #columns: readonly SampleColumn[];
  /** Candidates (in row order, in the scratch arrays), or 0 when nothing is sampled. */
  #m = 0;
  /** Whether candidates' values go to `scratchGathered` (else read from the columns at the end). */
  readonly #gathering: boolean;
  readonly #gathered: Uint8Array;

  /**
   * @param into an empty sample (`size` 0) of width `columns.length`
   * @param columns the sampled columns of the batch, equal lengths
   * @param rows the batch's rows
   * @param limit rows with a larger priority are skipped (a `SampleThresholds` threshold; default none)
   * @param gatherValues candidates × columns gathered into scratch at most (tests set 0 to read the columns at the end)
   * @throws RangeError when `into` is not empty or has another width
   */
  constructor(into: RowSample, columns: readonly SampleColumn[], rows: number, limit = Number.POSITIVE_INFINITY, gatherValues = GATHER_VALUES) {
    const w = into.width;
    if (columns.length !== w) throw new RangeError(`row sample has width ${w}; ${columns.length} columns given`);
    if (into.size !== 0) throw new RangeError('sampleTable fills an empty sample');
    this.#into = into;
    this.#columns = columns;
    this.#gathered = new Uint8Array(w);
    if (rows === 0 || into.capacity === 0) {
      this.#gathering = false;
      return;
    }
    grow(rows);
    const m = candidates(batchSeed(columns, rows), rows, limit);
    this.#m = m;
    this.#gathering = m * w <= gatherValues;
    if (this.#gathering) {
      if (scratchGathered.length < m * w) scratchGathered = new Float64Array(Math.max(m * w, 2 * scratchGathered.length));
      if (scratchIncomplete.length < m) scratchIncomplete = new Uint8Array(Math.max(m, 2 * scratchIncomplete.length));
      scratchIncomplete.fill(0, 0, m);
    }
  }

  /** Reads column j's candidate values now (a no-op when already read, or when reading at the end). */
  gather(j: number): void {
    if (!this.#gathering || this.#gathered[j] === 1) return;
    this.#gathered[j] = 1;
    const { values, valid } = this.#columns[j];
    const w = this.#into.width;
    const m = this.#m;
    const at = scratchRows;
    const g = scratchGathered;
    const bad = scratchIncomplete;
    if (valid === null) {
      for (let t = 0; t < m; t++) {
        const v = values[at[t]];
        g[t * w + j] = v;
        bad[t] |= +(v - v !== 0);
      }
    } else {
      for (let t = 0; t < m; t++) {
        const i = at[t];
        const v = values[i];
        g[t * w + j] = v;
        bad[t] |= +(v - v !== 0) | (valid[i] ^ 1);
      }
    }
  }

  /** The k smallest-priority complete candidates into `into`, in ascending priority; returns `into`. */
  finish(): RowSample {
    const into = this.#into;
    const w = into.width;
    if (this.#m === 0) return into;
    const m = this.#gathering ? this.#keepGathered() : this.#keepComplete();
    const pr = scratchPriorities;
    const at = scratchRows;
    const order = pr.subarray(0, m);
    if (this.#gathering) {
      if (scratchAscending.length < m) scratchAscending = new Int32Array(Math.max(m, 2 * scratchAscending.length));
      scratchAscending.set(at.subarray(0, m));
    }
    if (this.#rowsFitLowBits(m)) {
      // Priorities carry the row's index in their low bits: sort them natively and read the rows back.
      order.sort();
      rowsOfPriorities(order, at, m);
    } else {
      const idx = Array.from(at.subarray(0, m));
      const byRow = new Map<number, number>();
      for (let t = 0; t < m; t++) byRow.set(idx[t], order[t]);
      idx.sort((x, y) => (byRow.get(x) as number) - (byRow.get(y) as number) || x - y);
      for (let t = 0; t < m; t++) {
        at[t] = idx[t];
        order[t] = byRow.get(idx[t]) as number;
      }
    }
    const n = Math.min(m, into.capacity);
    into.priorities.set(order.subarray(0, n));
    if (this.#gathering) copyGathered(into.values, m, n, w);
    else copyFromColumns(into.values, this.#columns, n, w);
    into.size = n;
    return into;
  }

  /** Whether every candidate's row index fits the priorities' low bits (the batch has at most LOW_BITS rows). */
  #rowsFitLowBits(m: number): boolean {
    return m === 0 || scratchRows[m - 1] < LOW_BITS;
  }

  /** Gathers the columns not gathered yet, then keeps the complete candidates (and their gathered rows) in row order. */
  #keepGathered(): number {
    for (let j = 0; j < this.#into.width; j++) this.gather(j);
    const w = this.#into.width;
    const m = this.#m;
    const pr = scratchPriorities;
    const at = scratchRows;
    const g = scratchGathered;
    const bad = scratchIncomplete;
    let kept = 0;
    for (let t = 0; t < m; t++) {
      if (bad[t] !== 0) continue;
      if (kept !== t) {
        pr[kept] = pr[t];
        at[kept] = at[t];
        g.copyWithin(kept * w, t * w, t * w + w);
      }
      kept++;
    }
    return kept;
  }

  /** Keeps the complete candidates in row order, reading the columns (candidates too many to gather). */
  #keepComplete(): number {
    const pr = scratchPriorities;
    const at = scratchRows;
    let m = this.#m;
    // Column by column over the candidates (in row order, so reads go forward).
    for (const { values, valid } of this.#columns) {
      // Most columns have nothing missing: a read-only scan up to the first missing value, if any.
      let first = 0;
      if (valid === null) {
        while (first < m && values[at[first]] - values[at[first]] === 0) first++;
      } else {
        while (first < m && values[at[first]] - values[at[first]] === 0 && valid[at[first]] === 1) first++;
      }
      if (first === m) continue;
      let kept = first;
      for (let t = first; t < m; t++) {
        const i = at[t];
        const v = values[i];
        if (v - v === 0 && (valid === null || valid[i] === 1)) {
          pr[kept] = pr[t];
          at[kept++] = i;
        }
      }
      m = kept;
    }
    return m;
  }
}

/** The index of `row` in the ascending `rows[0, m)` (it is there). */
function searchRow(rows: Int32Array, m: number, row: number): number {
  let lo = 0;
  let hi = m - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid] < row) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Samples one batch into the empty `into`: the k smallest-priority complete
 * rows among those whose priority is at most `limit` (`BatchSampler` in one go).
 *
 * Cost: O(rows) hashes, then O(candidates × width) for the completeness check and the copy
 * and O(c log c) for sorting the c complete candidates (c ≤ rows; ~k/j for the j-th batch of a
 * window with pruning).
 *
 * @param into an empty sample (`size` 0) of width `columns.length`
 * @param columns the sampled columns of the batch, equal lengths
 * @param rows the batch's rows
 * @param limit rows with a larger priority are skipped (a `SampleThresholds` threshold; default none)
 * @returns `into`, filled
 * @throws RangeError when `into` is not empty or has another width
 * @example
 * sampleTable(createRowSample(2, 10_000), [age, income], 5_000); // ≤ 5,000 rows, ascending priority
 */
export function sampleTable(into: RowSample, columns: readonly SampleColumn[], rows: number, limit = Number.POSITIVE_INFINITY): RowSample {
  return new BatchSampler(into, columns, rows, limit).finish();
}

/**
 * Row-major values as one Float64Array per column (what `multivariateDrift` reads; float32
 * sample values convert exactly).
 *
 * @param values row-major, at least rows × width
 * @example
 * sampleColumns(window.sample.values, window.sample.size, window.sample.width); // [Float64Array(size), ...]
 */
export function sampleColumns(values: ArrayLike<number>, rows: number, width: number): Float64Array[] {
  const cols = Array.from({ length: width }, () => new Float64Array(rows));
  for (let r = 0; r < rows; r++) for (let j = 0; j < width; j++) cols[j][r] = values[r * width + j];
  return cols;
}

/**
 * Per window, the k smallest priorities a sketcher has emitted: rows above
 * the largest of them cannot enter that window's sample, so batches need
 * not carry them. One instance per thread that sketches batches; at most
 * `maxWindows` windows, the least recently used forgotten first (forgetting
 * one only stops pruning there).
 *
 * A priority seen twice (the same batch sketched again, a retry) counts
 * once, which can only raise the threshold: safe. A batch sketched but then
 * never stored (its write failed) leaves its rows in the threshold, and the
 * window's sample may then miss rows it should hold.
 */
export class SampleThresholds {
  readonly #windows = new Map<string, Float64Array>();
  readonly #sizes = new Map<string, number>();
  readonly #maxWindows: number;

  constructor(maxWindows = 16) {
    this.#maxWindows = maxWindows;
  }

  /** The largest priority a row of `key`'s window can have and still matter (+Infinity while fewer than k are known). */
  threshold(key: string, capacity: number): number {
    const kept = this.#windows.get(key);
    const size = this.#sizes.get(key) ?? 0;
    if (kept === undefined || size < capacity || kept.length !== capacity) return Number.POSITIVE_INFINITY;
    // Most recently used last.
    this.#windows.delete(key);
    this.#windows.set(key, kept);
    return kept[capacity - 1];
  }

  /**
   * Records a batch's emitted sample for `key`'s window.
   *
   * Cost: O(k + sample size).
   */
  observe(key: string, sample: RowSample): void {
    const k = sample.capacity;
    if (k === 0) return;
    let kept = this.#windows.get(key);
    let size = this.#sizes.get(key) ?? 0;
    if (kept === undefined || kept.length !== k) {
      kept = new Float64Array(k);
      size = 0;
    }
    this.#windows.delete(key);
    // Merge two ascending lists into a fresh one, duplicates once, the k smallest.
    const next = new Float64Array(k);
    const p = sample.priorities;
    let a = 0;
    let b = 0;
    let n = 0;
    while (n < k && (a < size || b < sample.size)) {
      let v: number;
      if (b >= sample.size || (a < size && kept[a] <= p[b])) v = kept[a++];
      else v = p[b++];
      if (n === 0 || next[n - 1] !== v) next[n++] = v;
    }
    this.#windows.set(key, next);
    this.#sizes.set(key, n);
    while (this.#windows.size > this.#maxWindows) {
      const oldest = this.#windows.keys().next().value as string;
      this.#windows.delete(oldest);
      this.#sizes.delete(oldest);
    }
  }

  /** Windows remembered. */
  get size(): number {
    return this.#windows.size;
  }
}
