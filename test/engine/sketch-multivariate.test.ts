/**
 * compareWindowSketch: the window report's `multivariate` section from the
 * row samples, where exact reports have it, following the spec's switch;
 * failures are error entries; the same window gives the same section in
 * any merge order.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTfBackend } from '../../native-bindings/load-backend.js';
import type { Tf } from '../../native-bindings/tf-types.js';
import type { ColumnarTable } from '../../src/arrow/columns.js';
import { compareSketch, compareWindowSketch, referenceProfileFromTable } from '../../src/engine/sketch-compare.js';
import { defaultSpec, type ModelSpec } from '../../src/engine/spec.js';
import { multivariateDrift } from '../../src/multivariate/multivariate-drift.js';
import { sampleColumns } from '../../src/sketches/row-sample.js';
import { sketchBatch } from '../../src/sketches/sketch-batch.js';
import { createWindowSketch, mergeWindowInto } from '../../src/sketches/window-sketch.js';
import { categorical, numeric } from '../helpers/tables.js';
import { rng, table } from '../sketches/helpers.js';

let tf: Tf;
beforeAll(async () => {
  const loaded = await loadTfBackend('wasm');
  if (loaded.tf === null) throw new Error('no tf');
  tf = loaded.tf;
});

/** x, y with correlation rho, a categorical c, a binary label and prediction. */
function data(n: number, seed: number, rho: number): ColumnarTable {
  const r = rng(seed);
  const g = () => Math.sqrt(-2 * Math.log(r() || 1e-300)) * Math.cos(2 * Math.PI * r());
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    x.push(g());
    y.push(rho * x[i] + Math.sqrt(1 - rho * rho) * g());
  }
  const label = x.map((v) => (v > 0 ? 1 : 0));
  return table(`t${seed}`, [
    numeric('x', x),
    numeric('y', y),
    categorical('c', x.map((_, i) => `c${i % 4}`)),
    numeric('label', label),
    numeric('pred', label.map((v) => (r() < 0.9 ? v : 1 - v))),
  ]);
}

function spec(multivariate: Partial<ModelSpec['multivariate']> = {}): ModelSpec {
  const s = defaultSpec();
  s.task = 'binary';
  s.columns = { label: { role: 'target' }, pred: { role: 'prediction' } };
  s.multivariate = { ...s.multivariate, ...multivariate };
  return s;
}

const noTf = () => Promise.reject(new Error('TF.js must not load here'));

/** The first error entry of a report's multivariate section. */
function firstError(report: { multivariate?: Record<string, unknown> }): { code: string; message: string } {
  const errors = report.multivariate?.errors as { code: string; message: string }[] | undefined;
  if (!errors || errors.length === 0) throw new Error('an error entry expected');
  return errors[0];
}

describe('compareWindowSketch', () => {
  const profile = referenceProfileFromTable(data(3000, 1, 0.8), spec(), { sampleRows: 2000 });
  const batches = [data(600, 2, -0.8), data(900, 3, -0.8), data(500, 4, -0.8)].map((t) => sketchBatch(profile, t));
  const window = createWindowSketch(profile);
  for (const b of batches) mergeWindowInto(profile, window, b);

  it('adds the section after dataset and before model, computed on the two samples', async () => {
    const report = await compareWindowSketch(profile, window, spec(), tf);
    expect(Object.keys(report)).toEqual(['mode', 'reference', 'current', 'features', 'dataset', 'multivariate', 'model']);
    const { multivariate, ...rest } = report;
    expect(rest).toEqual(compareSketch(profile, window, spec()));
    expect(multivariate?.features).toEqual(['x', 'y']);
    const ref = profile.sample;
    if (!ref || !window.sample) throw new Error('samples expected');
    expect(ref.rows).toBe(2000);
    expect(window.sample.size).toBe(2000);
    const direct = await multivariateDrift(sampleColumns(ref.values, ref.rows, 2), sampleColumns(window.sample.values, 2000, 2), { tf, seed: 0, maxRows: 50_000 });
    expect(multivariate).toEqual({ features: ['x', 'y'], ...direct });
    expect(direct.pca_reconstruction.detected).toBe(true);
    expect(direct.domain_classifier.detected).toBe(true);
  });

  it('gives the same section for the same window merged in another order, and uses the spec seed', async () => {
    const other = createWindowSketch(profile);
    for (const b of [batches[2], batches[0], batches[1]]) mergeWindowInto(profile, other, b);
    const a = await compareWindowSketch(profile, window, spec(), tf);
    const b = await compareWindowSketch(profile, other, spec(), tf);
    expect(b.multivariate).toEqual(a.multivariate);
    const seeded = await compareWindowSketch(profile, window, spec({ seed: 7 }), tf);
    expect(seeded.multivariate).not.toEqual(a.multivariate);
  });

  it('is left out with "multivariate": false, and a profile built with it off keeps no sample', async () => {
    expect((await compareWindowSketch(profile, window, spec({ enabled: false }), noTf)).multivariate).toBeUndefined();
    const off = referenceProfileFromTable(data(3000, 1, 0.8), spec({ enabled: false }));
    expect(off.sample).toBeNull();
    expect(createWindowSketch(off).sample).toBeNull();
    // turned on again later: an error entry asking for the reference again
    const w = sketchBatch(off, data(600, 2, -0.8));
    const report = await compareWindowSketch(off, w, spec(), noTf);
    expect(report.multivariate).toMatchObject({ pca_reconstruction: null, domain_classifier: null });
    expect(firstError(report).message).toMatch(/upload the reference again/);
  });

  it('fails into an error entry, never a failed report: no TF.js, too few rows (without loading TF.js)', async () => {
    const off = await compareWindowSketch(profile, window, spec(), null);
    expect(off.multivariate).toMatchObject({ features: ['x', 'y'], pca_reconstruction: null, domain_classifier: null });
    expect(firstError(off).code).toBe('DRIFTGAUGE_ERR_TF_UNAVAILABLE');
    const forced = await compareWindowSketch(profile, window, spec(), () => Promise.reject(Object.assign(new Error('no node'), { code: 'DRIFTGAUGE_ERR_TF_BACKEND' })));
    expect(forced.features).toHaveLength(3);
    expect(forced.multivariate?.errors).toHaveLength(1);
    const small = sketchBatch(profile, data(50, 9, 0.8));
    const report = await compareWindowSketch(profile, small, spec(), noTf);
    expect(firstError(report).message).toMatch(/at least 100 complete rows/);
  });

  it('has no section with fewer than two numerical features', async () => {
    const one = referenceProfileFromTable(data(500, 1, 0.8), { ...spec(), columns: { ...spec().columns, y: { role: 'id' } } });
    expect(one.sample).toBeNull();
    const report = await compareWindowSketch(one, sketchBatch(one, data(300, 2, 0.8)), undefined, noTf);
    expect(report.multivariate).toBeUndefined();
  });
});
