/**
 * A window's sketches: one per feature and one for the model, against one
 * reference profile. Batches become window sketches (sketch-batch.ts) and
 * fold into the open window with `mergeWindowInto`; several processes can
 * each fold batches and merge their windows later, in any order.
 *
 *   batch (Arrow) ─▶ sketchBatch ─▶ WindowSketch ─┐
 *   batch (Arrow) ─▶ sketchBatch ─▶ WindowSketch ─┼─▶ mergeWindowInto ─▶ open window ─▶ compareSketch
 *   other replica's window (serializeWindow) ─────┘
 *
 * With a profile that keeps a row sample, a window also holds a bounded
 * bottom-k sample of its complete rows over the numerical features
 * (row-sample.ts), for multivariate drift; merging keeps the k smallest.
 */
import {
  type CategoricalSketch,
  type CategoricalSketchJSON,
  categoricalSketchFromJSON,
  categoricalSketchToJSON,
  cloneCategorical,
  createCategoricalSketch,
  mergeCategoricalInto,
} from './categorical-sketch.js';
import { cloneModel, createModelSketch, type ModelSketch, mergeModelInto, modelSketchFromJSON, modelSketchToJSON } from './model-sketch.js';
import {
  cloneNumeric,
  createNumericSketch,
  mergeNumericInto,
  type NumericSketch,
  type NumericSketchJSON,
  numericSketchFromJSON,
  numericSketchToJSON,
} from './numeric-sketch.js';
import { type ReferenceProfile, sampleFeatures } from './reference-profile.js';
import { cloneRowSample, createRowSample, mergeRowSampleInto, type RowSample, rowSampleFrom, sampleRowsOf } from './row-sample.js';

export interface WindowSketch {
  /** The reference profile's fingerprint: sketches of different profiles never mix. */
  profileId: string;
  /** Rows folded in (every batch's table rows). */
  rows: number;
  /** One sketch per profile feature, by name. */
  features: Record<string, NumericSketch | CategoricalSketch>;
  model: ModelSketch | null;
  /** Bottom-k row sample of the numerical features; null when the profile keeps none. */
  sample: RowSample | null;
}

/** An empty row sample for a window of `profile`, or null when the profile keeps none. */
function emptySample(profile: ReferenceProfile): RowSample | null {
  return profile.sample ? createRowSample(sampleFeatures(profile).length, profile.options.sampleRows) : null;
}

/** An empty window for a profile. */
export function createWindowSketch(profile: ReferenceProfile): WindowSketch {
  // One zeroed buffer for every numerical feature's counts and offsets: one allocation per batch, not two per feature.
  let total = 0;
  for (const f of profile.features) if (f.kind === 'numerical') total += 2 * (f.edges.length + 1);
  const storage = new Float64Array(total);
  let at = 0;
  const take = (n: number) => {
    at += n;
    return storage.subarray(at - n, at);
  };
  return {
    profileId: profile.id,
    rows: 0,
    features: Object.fromEntries(
      profile.features.map((f) => {
        if (f.kind === 'categorical') return [f.name, createCategoricalSketch()];
        const bins = f.edges.length + 1;
        return [f.name, createNumericSketch(f.layout, take(bins), take(bins))];
      }),
    ),
    model: profile.model ? createModelSketch(profile.model.layout) : null,
    sample: emptySample(profile),
  };
}

/**
 * Empties a window of `profile` in place for reuse, keeping its numerical
 * features' count and offset arrays (zeroed): a worker sketching batch after
 * batch allocates them once instead of per batch.
 *
 * @param profile the profile `w` was created for
 * @param w the window to empty
 * @returns `w`, now equal to `createWindowSketch(profile)`
 * @throws RangeError when `w` belongs to another profile
 * @example
 * const scratch = createWindowSketch(profile);
 * serializeWindow(sketchBatch(profile, batch, resetWindowSketch(profile, scratch)));
 */
export function resetWindowSketch(profile: ReferenceProfile, w: WindowSketch): WindowSketch {
  checkProfile(profile, w);
  w.rows = 0;
  for (const f of profile.features) {
    if (f.kind === 'categorical') {
      Object.defineProperty(w.features, f.name, { value: createCategoricalSketch(), enumerable: true, writable: true, configurable: true });
      continue;
    }
    const s = w.features[f.name] as NumericSketch;
    s.counts.fill(0);
    s.offsets.fill(0);
    Object.defineProperty(w.features, f.name, {
      value: createNumericSketch(f.layout, s.counts, s.offsets),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  w.model = profile.model ? createModelSketch(profile.model.layout) : null;
  if (w.sample) w.sample.size = 0;
  else w.sample = emptySample(profile);
  return w;
}

function checkProfile(profile: ReferenceProfile, w: WindowSketch): void {
  if (w.profileId !== profile.id) {
    throw new RangeError(`window sketch belongs to reference profile ${w.profileId}, not ${profile.id}`);
  }
}

/**
 * Folds `other` into `target`, in place.
 *
 * Cost: O(features × bins).
 *
 * @param profile the reference profile both were sketched against
 * @param target the window to update
 * @param other another window (or batch) sketch
 * @returns `target`
 * @throws RangeError when either window belongs to another profile
 * @example
 * mergeWindowInto(profile, open, sketchBatch(profile, batch));
 */
export function mergeWindowInto(profile: ReferenceProfile, target: WindowSketch, other: WindowSketch): WindowSketch {
  checkProfile(profile, target);
  checkProfile(profile, other);
  target.rows += other.rows;
  for (const f of profile.features) {
    const t = target.features[f.name];
    const o = other.features[f.name];
    if (f.kind === 'numerical') mergeNumericInto(t as NumericSketch, o as NumericSketch, f.layout.maxDistinct);
    else mergeCategoricalInto(t as CategoricalSketch, o as CategoricalSketch, f.layout);
  }
  if (profile.model && target.model && other.model) mergeModelInto(target.model, other.model, profile.model.layout);
  if (target.sample && other.sample) mergeRowSampleInto(target.sample, sampleRowsOf(other.sample));
  return target;
}

/** A deep copy. */
export function cloneWindow(w: WindowSketch): WindowSketch {
  return {
    profileId: w.profileId,
    rows: w.rows,
    features: Object.fromEntries(
      Object.entries(w.features).map(([name, s]) => [name, s.kind === 'numerical' ? cloneNumeric(s) : cloneCategorical(s)]),
    ),
    model: w.model ? cloneModel(w.model) : null,
    sample: w.sample ? cloneRowSample(w.sample) : null,
  };
}

/** merge(a, b) without touching a or b. */
export function mergeWindows(profile: ReferenceProfile, a: WindowSketch, b: WindowSketch): WindowSketch {
  return mergeWindowInto(profile, cloneWindow(a), b);
}

export interface WindowSketchJSON {
  profileId: string;
  rows: number;
  features: Record<string, NumericSketchJSON | CategoricalSketchJSON>;
  model: Record<string, unknown> | null;
  /** Absent or null: no sample. */
  sample?: { size: number; priorities: number[]; values: number[] } | null;
}

/** JSON form (plain arrays; for APIs and debugging: the store uses serializeWindow). */
export function windowToJSON(w: WindowSketch): WindowSketchJSON {
  return {
    profileId: w.profileId,
    rows: w.rows,
    features: Object.fromEntries(
      Object.entries(w.features).map(([name, s]) => [name, s.kind === 'numerical' ? numericSketchToJSON(s) : categoricalSketchToJSON(s)]),
    ),
    model: w.model ? modelSketchToJSON(w.model) : null,
    sample: w.sample
      ? { size: w.sample.size, priorities: Array.from(sampleRowsOf(w.sample).priorities), values: Array.from(sampleRowsOf(w.sample).values) }
      : null,
  };
}

/**
 * @throws RangeError when the JSON belongs to another profile or does not fit its layouts
 */
export function windowFromJSON(json: WindowSketchJSON, profile: ReferenceProfile): WindowSketch {
  if (json.profileId !== profile.id) throw new RangeError(`window sketch belongs to reference profile ${json.profileId}, not ${profile.id}`);
  const features: Record<string, NumericSketch | CategoricalSketch> = {};
  for (const f of profile.features) {
    const s = json.features[f.name];
    if (!s) throw new RangeError(`window sketch has no feature '${f.name}'`);
    const sketch =
      f.kind === 'numerical' ? numericSketchFromJSON(s as NumericSketchJSON, f.layout) : categoricalSketchFromJSON(s as CategoricalSketchJSON, f.layout);
    Object.defineProperty(features, f.name, { value: sketch, enumerable: true, writable: true, configurable: true });
  }
  const model = profile.model && json.model ? modelSketchFromJSON(json.model, profile.model.layout) : null;
  return { profileId: json.profileId, rows: json.rows, features, model, sample: windowSampleFrom(profile, json.sample) };
}

/**
 * A window's sample from its stored rows (a codec or JSON), against the profile: an empty one
 * when the window was stored without (it predates samples), none when the profile keeps none.
 *
 * @throws RangeError when the rows do not fit the profile's sample (width, more than k rows)
 */
export function windowSampleFrom(
  profile: ReferenceProfile,
  rows: { size: number; priorities: ArrayLike<number>; values: ArrayLike<number> } | null | undefined,
): RowSample | null {
  if (!profile.sample) return null;
  if (!rows) return emptySample(profile);
  return rowSampleFrom(rows, sampleFeatures(profile).length, profile.options.sampleRows);
}
