/**
 * A window sketch as one blob (binary-container.ts): counts and sums raw
 * (sparse when mostly zero), maps as sorted entries in the JSON header.
 * The profile supplies the layouts on reading and checks every length.
 */
import { decodeContainer, encodeContainer } from './binary-container.js';
import { type CategoricalSketchJSON, categoricalSketchFromJSON } from './categorical-sketch.js';
import { modelSketchFromJSON } from './model-sketch.js';
import { type NumericSketchJSON, numericSketchFromJSON } from './numeric-sketch.js';
import type { ReferenceProfile } from './reference-profile.js';
import type { WindowSketch } from './window-sketch.js';

const MAGIC = 'DGWS';
const VERSION = 1;

const byKey = <V>(m: Map<string, V>): [string, V][] => [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

/**
 * Serializes a window sketch.
 *
 * Cost: O(features × bins); at most ~33 KB per numerical feature with the
 * default edges (~2,050 bins), less for small batches (sparse counts).
 *
 * @param w the window
 * @returns the blob
 * @throws never
 * @example
 * deserializeWindow(serializeWindow(w), profile); // deep-equals w
 */
export function serializeWindow(w: WindowSketch): Uint8Array {
  const features: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(w.features)) {
    const portable = s.kind === 'numerical' ? s : { ...s, counts: s.counts === null ? null : byKey(s.counts) };
    Object.defineProperty(features, name, { value: portable, enumerable: true, writable: true, configurable: true });
  }
  let model: unknown = w.model;
  if (w.model?.task === 'multiclass') {
    model = { ...w.model, classes: w.model.classes && byKey(w.model.classes), cells: w.model.cells && byKey(w.model.cells) };
  }
  return encodeContainer(MAGIC, VERSION, { profileId: w.profileId, rows: w.rows, features, model });
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
  const raw = decodeContainer(bytes, MAGIC, VERSION) as {
    profileId: string;
    rows: number;
    features: Record<string, Record<string, unknown>>;
    model: Record<string, unknown> | null;
  };
  if (raw.profileId !== profile.id) throw new RangeError(`window sketch belongs to reference profile ${raw.profileId}, not ${profile.id}`);
  const features: WindowSketch['features'] = {};
  for (const f of profile.features) {
    const s = raw.features[f.name];
    if (!s || s.kind !== f.kind) throw new RangeError(`window sketch has no ${f.kind} feature '${f.name}'`);
    // Float64Array.from and friends copy typed arrays as readily as plain ones.
    const sketch =
      f.kind === 'numerical'
        ? numericSketchFromJSON(s as unknown as NumericSketchJSON, f.layout)
        : categoricalSketchFromJSON(s as unknown as CategoricalSketchJSON, f.layout);
    Object.defineProperty(features, f.name, { value: sketch, enumerable: true, writable: true, configurable: true });
  }
  const model = profile.model && raw.model ? modelSketchFromJSON(raw.model, profile.model.layout) : null;
  return { profileId: raw.profileId, rows: raw.rows, features, model };
}
