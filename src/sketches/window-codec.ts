/**
 * A window sketch as one blob (binary-container.ts): counts and sums raw
 * (sparse when mostly zero), maps as sorted entries in the JSON header.
 * The profile supplies the layouts on reading and checks every length.
 *
 * Version 2 stores a numerical feature's bin counts as the narrowest
 * unsigned integers that hold them (u16 for a batch, u32 for most windows)
 * unless sparse float64 is smaller: a 10,000-row batch over 2,050 bins
 * shrinks from 33 KB to 20 KB per feature. Counts are integers, so reading
 * gives back exactly the same Float64Array. Version 1 blobs still read.
 *
 * Version 3 adds the window's row sample (row-sample.ts): `sample: {size,
 * priorities, values}` with exactly `size` rows, or null. Version 1 and 2
 * blobs read as windows with an empty sample.
 *
 * Version 4 stores the sample's values as float32 (row-sample.ts
 * `sampleValue`): 4 bytes a value, half of version 3's float64, in every
 * delta and every compaction (~2 MB instead of ~4 MB at 50 features and
 * k = 10,000). Version 3 samples are rounded to float32 on reading.
 *
 * Version 5 lets a batch's delta store a numerical feature's offset sums
 * as float32 (`float32Offsets`) where they are dense and each is 0 or a
 * normal float32 (relative rounding at most 2^-24, 6e-8), else as before:
 * with the u8 counts below, 10 KB a feature of a 10,000-row batch instead
 * of 20 KB, less to write, checkpoint and read back per batch. Offsets only place mass within a bin for the
 * sketched Wasserstein distance (bounded by the bin widths, far above
 * that rounding), and every window adds them into float64: compacted
 * windows keep float64, so the rounding happens once per batch and never
 * compounds. Version 5 also stores counts as u8 when they fit (any window:
 * a batch's counts nearly always do), exactly. Version 1 to 4 blobs still
 * read.
 */
import { type ByteAllocator, decodeContainer, encodeContainer } from './binary-container.js';
import { type CategoricalSketch, type CategoricalSketchJSON, categoricalSketchFromJSON, mergeCategoricalInto } from './categorical-sketch.js';
import { mergeModelInto, modelSketchFromJSON } from './model-sketch.js';
import { beginStaging, float32OffsetsStaged, narrowCountsStaged } from './narrow-arrays.js';
import { mergeNumericScalarsInto, type NumericSketch, type NumericSketchJSON, numericSketchFromJSON } from './numeric-sketch.js';
import type { ReferenceProfile } from './reference-profile.js';
import { mergeRowSampleInto, type RowSampleRows, sampleRowsOf } from './row-sample.js';
import { type WindowSketch, windowSampleFrom } from './window-sketch.js';

const MAGIC = 'DGWS';
const VERSION = 5;
const READS = [1, 2, 3, 4, 5] as const;

const byKey = <V>(m: Map<string, V>): [string, V][] => [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

/**
 * Serializes a window sketch.
 *
 * Cost: O(features × bins); at most ~16 KB per numerical feature with the
 * default edges (~1,030 bins; 33 KB at `fine_bins` 1,024), less for small
 * batches (sparse counts) and with `float32Offsets` (~5 KB for a 10,000-row
 * batch).
 *
 * @param w the window
 * @param opts where the blob goes and how offsets are stored (`SerializeWindowOptions`)
 * @returns the blob, after `opts.prefix` free bytes
 * @throws never
 * @example
 * deserializeWindow(serializeWindow(w), profile); // deep-equals w
 */
export function serializeWindow(w: WindowSketch, opts: SerializeWindowOptions = {}): Uint8Array {
  const features: Record<string, unknown> = {};
  beginStaging();
  for (const [name, s] of Object.entries(w.features)) {
    let portable: unknown;
    if (s.kind === 'numerical') {
      // Narrowed arrays are staged (narrow-arrays.ts) or written by the encoder into the blob (ArrayWriter).
      const offsets = opts.float32Offsets ? float32OffsetsStaged(s.offsets) : s.offsets;
      portable = { ...s, counts: narrowCountsStaged(s.counts), offsets };
    } else portable = { ...s, counts: s.counts === null ? null : byKey(s.counts) };
    Object.defineProperty(features, name, { value: portable, enumerable: true, writable: true, configurable: true });
  }
  let model: unknown = w.model;
  if (w.model?.task === 'multiclass') {
    model = { ...w.model, classes: w.model.classes && byKey(w.model.classes), cells: w.model.cells && byKey(w.model.cells) };
  }
  const sample = w.sample ? sampleRowsOf(w.sample) : null;
  // encodeContainer copies the staged arrays and runs the writers before this returns: they read the sketch as it is now.
  return encodeContainer(MAGIC, VERSION, { profileId: w.profileId, rows: w.rows, features, model, sample }, opts.prefix, opts.alloc);
}

/** How `serializeWindow` writes a window. */
export interface SerializeWindowOptions {
  /** Bytes to leave free before the blob (window-blob.ts `encodeSketchBlob` writes its envelope there). Default 0. */
  prefix?: number;
  /** Where the blob goes (binary-container.ts `ByteAllocator`). Default: new memory. */
  alloc?: ByteAllocator;
  /**
   * Offset sums as float32 where that is smaller and rounds each by at most 2^-24 (version 5): for
   * a batch's delta, added once into a float64 window. Never for a window that is merged into again
   * and stored (a compacted blob): its rounding would compound. Default false (float64, exact).
   */
  float32Offsets?: boolean;
}

/** Scratch of this thread (a delta's aligned copy while merging it), grown as needed. */
let scratch = new ArrayBuffer(0);

function scratchOf(bytes: number): ArrayBuffer {
  if (scratch.byteLength < bytes) scratch = new ArrayBuffer(bytes);
  return scratch;
}

/**
 * `bytes` when its arrays can be viewed in place (8-byte aligned, not shared memory), else its
 * copy in this thread's scratch: for a reader that copies out what it keeps before the next call.
 * A delta from a window blob starts after its envelope, at an odd offset.
 */
function alignedBytes(bytes: Uint8Array): Uint8Array {
  if (bytes.byteOffset % 8 === 0 && bytes.buffer instanceof ArrayBuffer) return bytes;
  const copy = new Uint8Array(scratchOf(bytes.length), 0, bytes.length);
  copy.set(bytes);
  return copy;
}

/**
 * Reads a window blob against its profile.
 *
 * Cost: O(blob size).
 *
 * @param bytes a blob from `serializeWindow`
 * @param profile the profile it was sketched against
 * @returns the window
 * @throws RangeError when the blob is not a window, belongs to another profile, or does not fit
 *   the profile's layouts
 */
export function deserializeWindow(bytes: Uint8Array, profile: ReferenceProfile): WindowSketch {
  // Views (into `bytes`, or into scratch): every array is copied into the window below, once.
  const raw = decodeContainer(alignedBytes(bytes), MAGIC, READS, { views: true }) as {
    profileId: string;
    rows: number;
    features: Record<string, Record<string, unknown>>;
    model: Record<string, unknown> | null;
    sample?: RowSampleRows | null;
  };
  if (raw.profileId !== profile.id) throw new RangeError(`window sketch belongs to reference profile ${raw.profileId}, not ${profile.id}`);
  const features: WindowSketch['features'] = {};
  for (const f of profile.features) {
    const s = raw.features[f.name];
    if (!s || s.kind !== f.kind) throw new RangeError(`window sketch has no ${f.kind} feature '${f.name}'`);
    // The constructors copy typed arrays (the views) as readily as plain ones.
    const sketch =
      f.kind === 'numerical'
        ? numericSketchFromJSON(s as unknown as NumericSketchJSON, f.layout)
        : categoricalSketchFromJSON(s as unknown as CategoricalSketchJSON, f.layout);
    Object.defineProperty(features, f.name, { value: sketch, enumerable: true, writable: true, configurable: true });
  }
  const model = profile.model && raw.model ? modelSketchFromJSON(raw.model, profile.model.layout) : null;
  return { profileId: raw.profileId, rows: raw.rows, features, model, sample: windowSampleFrom(profile, raw.sample) };
}

/**
 * Folds a serialized window (or batch) sketch into `target`: the same as
 * `mergeWindowInto(profile, target, deserializeWindow(bytes, profile))`,
 * but numerical counts and offsets are added straight from the blob, with no
 * intermediate window (compacting a window's deltas merges many of them).
 *
 * Cost: O(blob size).
 *
 * @param profile the profile both belong to
 * @param target the window to update
 * @param bytes a blob from `serializeWindow`
 * @returns `target`
 * @throws RangeError as `deserializeWindow` and `mergeWindowInto` do
 * @example
 * for (const delta of deltas) mergeSerializedInto(profile, window, delta);
 */
export function mergeSerializedInto(profile: ReferenceProfile, target: WindowSketch, bytes: Uint8Array): WindowSketch {
  const raw = decodeContainer(alignedBytes(bytes), MAGIC, READS, { views: true }) as RawWindow;
  if (raw.profileId !== profile.id) throw new RangeError(`window sketch belongs to reference profile ${raw.profileId}, not ${profile.id}`);
  if (target.profileId !== profile.id) throw new RangeError(`window sketch belongs to reference profile ${target.profileId}, not ${profile.id}`);
  // Everything is checked before anything is added, so a bad blob leaves `target` as it was.
  const others = profile.features.map((f) => {
    const s = raw.features[f.name];
    if (!s || s.kind !== f.kind) throw new RangeError(`window sketch has no ${f.kind} feature '${f.name}'`);
    if (f.kind === 'categorical') return categoricalSketchFromJSON(s as unknown as CategoricalSketchJSON, f.layout);
    const json = s as unknown as NumericSketchJSON;
    const bins = f.layout.lookup.edges.length + 1;
    if (json.counts.length !== bins || json.offsets.length !== bins) {
      throw new RangeError(`numerical sketch has ${json.counts.length} bins; the profile has ${bins}`);
    }
    return json;
  });
  const model = profile.model && raw.model ? modelSketchFromJSON(raw.model, profile.model.layout) : null;
  const sample = target.sample && raw.sample ? checkedSample(target.sample.width, target.sample.capacity, raw.sample) : null;
  target.rows += raw.rows;
  profile.features.forEach((f, i) => {
    const o = others[i];
    const t = target.features[f.name];
    if (f.kind === 'numerical') addNumericJSON(t as NumericSketch, o as NumericSketchJSON, f.layout.maxDistinct);
    else mergeCategoricalInto(t as CategoricalSketch, o as CategoricalSketch, f.layout);
  });
  if (profile.model && target.model && model) mergeModelInto(target.model, model, profile.model.layout);
  if (target.sample && sample) mergeRowSampleInto(target.sample, sample);
  return target;
}

interface RawWindow {
  profileId: string;
  rows: number;
  features: Record<string, Record<string, unknown>>;
  model: Record<string, unknown> | null;
  /** Version 3 (float64 values) and 4 (float32); absent before. */
  sample?: RowSampleRows | null;
}

/** A blob's sample rows, read in place, after checking they fit the window's sample. */
function checkedSample(width: number, capacity: number, rows: RowSampleRows): RowSampleRows {
  if (!Number.isInteger(rows.size) || rows.size < 0 || rows.size > capacity || rows.priorities.length !== rows.size || rows.values.length !== rows.size * width) {
    throw new RangeError(`row sample of ${rows.size} rows does not fit the profile's (${width} values per row, at most ${capacity} rows)`);
  }
  return rows;
}

/** `mergeNumericInto` from a decoded blob's fields, its arrays read in place (any numeric array type). */
function addNumericJSON(target: NumericSketch, json: NumericSketchJSON, maxDistinct: number): void {
  addBins(target.counts, json.counts as unknown as ArrayLike<number>);
  addBins(target.offsets, json.offsets as unknown as ArrayLike<number>);
  const other: NumericSketch = {
    kind: 'numerical',
    count: json.count,
    missing: json.missing,
    min: json.min ?? Number.POSITIVE_INFINITY,
    max: json.max ?? Number.NEGATIVE_INFINITY,
    mean: json.mean,
    m2: json.m2,
    counts: EMPTY,
    offsets: EMPTY,
    distinct: json.distinct === null ? null : { values: new Float64Array(json.distinct.values), counts: new Float64Array(json.distinct.counts) },
  };
  mergeNumericScalarsInto(target, other, maxDistinct);
}

/** t += a, element by element: one loop per array type, so each stays monomorphic. */
function addBins(t: Float64Array, a: ArrayLike<number>): void {
  if (a instanceof Uint16Array) addU16(t, a);
  else if (a instanceof Float64Array) addF64(t, a);
  else if (a instanceof Uint32Array) addU32(t, a);
  else if (a instanceof Float32Array) addF32(t, a);
  else if (a instanceof Uint8Array) addU8(t, a);
  else for (let b = 0; b < t.length; b++) t[b] += a[b];
}

function addU8(t: Float64Array, a: Uint8Array): void {
  for (let b = 0; b < t.length; b++) t[b] += a[b];
}

function addF32(t: Float64Array, a: Float32Array): void {
  for (let b = 0; b < t.length; b++) t[b] += a[b];
}

function addU16(t: Float64Array, a: Uint16Array): void {
  for (let b = 0; b < t.length; b++) t[b] += a[b];
}

function addU32(t: Float64Array, a: Uint32Array): void {
  for (let b = 0; b < t.length; b++) t[b] += a[b];
}

function addF64(t: Float64Array, a: Float64Array): void {
  for (let b = 0; b < t.length; b++) t[b] += a[b];
}

const EMPTY = new Float64Array(0);
