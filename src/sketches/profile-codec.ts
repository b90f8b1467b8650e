/**
 * A reference profile as one blob for the store (binary-container.ts): the
 * sorted values, edges and counts raw, the rest in the JSON header. Derived
 * lookups are rebuilt on reading, not stored.
 *
 * Version 2 adds the reference's row sample (`sample`, row-sample.ts) and
 * `options.sampleRows`. Version 1 blobs still read: their profiles keep no
 * sample (sampleRows 0) and their ids are unchanged, so windows sketched
 * against them still match.
 *
 * Version 3 stores the sample's values as float32 (row-sample.ts
 * `sampleValue`), as windows keep theirs: 4 bytes a value, not 8. Version 2
 * samples (float64) are rounded to float32 on reading; ids do not depend on
 * the sample, so they are unchanged.
 */
import { decodeContainer, encodeContainer } from './binary-container.js';
import {
  attachCategorical,
  attachModel,
  attachNumeric,
  type CategoricalFeatureProfile,
  type FeatureProfile,
  type ModelProfile,
  type NumericFeatureProfile,
  profileFingerprint,
  type ReferenceProfile,
  resolveProfileOptions,
} from './reference-profile.js';
import { sampleValues } from './row-sample.js';

const MAGIC = 'DGRP';
const VERSION = 3;
const READS = [1, 2, 3] as const;

/**
 * Serializes a profile.
 *
 * Cost: O(size): about 8 bytes per valid reference value plus ~32 KB per
 * numerical feature for edges and per-bin sums.
 *
 * @param p the profile
 * @returns the blob
 * @throws never
 * @example
 * deserializeProfile(serializeProfile(profile)).id === profile.id; // true
 */
export function serializeProfile(p: ReferenceProfile): Uint8Array {
  const features = p.features.map((f) => {
    const { layout: _layout, ...rest } = f;
    if (rest.kind === 'numerical' && rest.psi?.kind === 'edges') {
      const { fineToPsi: _map, ...psi } = rest.psi;
      return { ...rest, psi };
    }
    return rest;
  });
  const model = p.model && (({ layout: _layout, ...rest }) => rest)(p.model);
  return encodeContainer(MAGIC, VERSION, { ...p, features, model });
}

/**
 * Reads a profile blob and rebuilds the derived lookups.
 *
 * Cost: O(size) (a copy of every array) plus O(grid) per feature.
 *
 * @param bytes a blob from `serializeProfile`
 * @returns the profile
 * @throws RangeError when the blob is not a profile, of another version, truncated, or its
 *   content does not match its fingerprint
 */
export function deserializeProfile(bytes: Uint8Array): ReferenceProfile {
  const raw = decodeContainer(bytes, MAGIC, READS) as ReferenceProfile;
  // Before version 2 there was no sample: sampleRows 0.
  const options = resolveProfileOptions({ ...raw.options, sampleRows: raw.options.sampleRows ?? 0 });
  const features: FeatureProfile[] = raw.features.map((f) =>
    f.kind === 'numerical' ? attachNumeric(f as NumericFeatureProfile, options) : attachCategorical(f as CategoricalFeatureProfile, options),
  );
  const model = raw.model && raw.plan.model ? attachModel(raw.model as ModelProfile, raw.plan.model, options) : null;
  // Version 2 samples are float64: rounded as samples are now kept.
  const sample = options.sampleRows > 0 && raw.sample ? { ...raw.sample, values: sampleValues(raw.sample.values) } : null;
  if (sample && sample.values.length !== sample.rows * sample.features.length) {
    throw new RangeError(`profile blob is damaged: a sample of ${sample.rows} rows × ${sample.features.length} features holds ${sample.values.length} values`);
  }
  const profile: ReferenceProfile = { ...raw, options, features, model, sample };
  const id = profileFingerprint(profile);
  if (id !== raw.id) throw new RangeError(`profile blob is damaged: fingerprint ${id}, recorded ${raw.id}`);
  return profile;
}
