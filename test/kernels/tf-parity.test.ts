/**
 * Parity of the TF.js kernels with the typed-array kernels, on the wasm and
 * cpu backends. Integer kernels (category, confusion) agree exactly. The
 * binning kernels work in float32: they agree exactly on data with no value
 * within float32 rounding of an edge, and otherwise move only such values,
 * by one bin (the documented difference, within the sketch error bound).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTfBackend } from '../../native-bindings/load-backend.js';
import type { Tf } from '../../native-bindings/tf-types.js';
import type { DriftKernels } from '../../src/kernels/kernel-types.js';
import { createTfKernels } from '../../src/kernels/tf-kernels.js';
import { typedKernels } from '../../src/kernels/typed-kernels.js';
import { mulberry32 } from '../../src/multivariate/seeded-random.js';
import { awayFromEdges, messyBatch } from './kernel-test-data.js';

for (const backend of ['wasm', 'cpu'] as const) {
  describe(`TF.js kernels on ${backend} agree with the typed kernels`, () => {
    let tf: Tf;
    let kernels: DriftKernels;
    let tensorsBefore: number;
    beforeAll(async () => {
      const loaded = await loadTfBackend(backend);
      if (loaded.tf === null) throw new Error('no tf');
      tf = loaded.tf;
      kernels = createTfKernels(tf);
      tensorsBefore = tf.memory().numTensors;
    });
    afterAll(() => {
      // every kernel cleans up its tensors
      expect(tf.memory().numTensors).toBe(tensorsBefore);
    });

    it('describes itself as float32 TF.js', () => {
      expect(kernels).toMatchObject({ impl: 'tfjs', backend, float64: false });
    });

    it('binCounts: identical counts on data without near-edge values', () => {
      for (const k of [0, 1, 9, 255]) {
        const batch = messyBatch(6, 3000, k, 100 + k);
        const columns = awayFromEdges(batch.columns, batch.edges);
        const valid = columns.map((x, f) => (f === 2 ? Uint8Array.from(x, (_, i) => (i % 5 === 0 ? 0 : 1)) : null));
        expect(kernels.binCounts(columns, batch.edges, valid)).toEqual(typedKernels.binCounts(columns, batch.edges, valid));
      }
    });

    it('binCounts: edges of different lengths in one batch, values beyond the float32 range', () => {
      const columns = [Float64Array.of(1e300, -1e300, 0.5, 2), Float64Array.of(3, 1e39, -2, 0)];
      const edges = [Float64Array.of(0, 1), Float64Array.of(-1, 0.25, 1, 2.5)];
      expect(kernels.binCounts(columns, edges)).toEqual(typedKernels.binCounts(columns, edges));
    });

    it('binCounts: near-edge values move by at most one bin each, and only they move', () => {
      // 0.1 - 1e-10 < 0.1 in float64 (bin 0), but both round to the float32 0.10000000149 (bin 1).
      const edges = [Float64Array.of(0.1, 0.7)];
      const near = [0.1 - 1e-10, 0.1 - 1e-12, 0.7 - 1e-11];
      const x = Float64Array.from([...near, 0.05, 0.4, 0.9, 0.1, 0.7]);
      const exact = typedKernels.binCounts([x], edges)[0];
      const f32 = kernels.binCounts([x], edges)[0];
      expect(Array.from(exact)).toEqual([3, 3, 2]);
      expect(Array.from(f32)).toEqual([1, 4, 3]);
      const moved = exact.reduce((s, v, b) => s + Math.abs(v - f32[b]), 0) / 2;
      expect(moved).toBeLessThanOrEqual(near.length);
    });

    it('binCounts: on random data the float32 difference is bounded by the near-edge count', () => {
      const { columns, edges } = messyBatch(4, 20_000, 2049, 3);
      const exact = typedKernels.binCounts(columns, edges);
      const f32 = kernels.binCounts(columns, edges);
      columns.forEach((x, f) => {
        const e32 = Float32Array.from(edges[f]);
        let near = 0;
        for (const xi of x) if (Number.isFinite(xi) && e32.includes(Math.fround(xi))) near++;
        let moved = 0;
        exact[f].forEach((v, b) => {
          moved += Math.abs(v - f32[f][b]);
        });
        expect(moved / 2).toBeLessThanOrEqual(near);
        expect(f32[f].reduce((a, b) => a + b, 0)).toBe(exact[f].reduce((a, b) => a + b, 0));
      });
    });

    it('categoryCounts: identical (integer work)', () => {
      const rand = mulberry32(9);
      const codes = [0, 1, 2].map(() => Int32Array.from({ length: 5000 }, () => Math.floor(rand() * 60) - 5));
      const sizes = [50, 7, 0];
      expect(kernels.categoryCounts(codes, sizes)).toEqual(typedKernels.categoryCounts(codes, sizes));
    });

    it('confusionCounts: identical (integer work)', () => {
      const rand = mulberry32(10);
      const yTrue = Int32Array.from({ length: 6000 }, () => Math.floor(rand() * 5) - 1);
      const yPred = Int32Array.from({ length: 6000 }, () => Math.floor(rand() * 5) - 1);
      expect(kernels.confusionCounts(yTrue, yPred, 3)).toEqual(typedKernels.confusionCounts(yTrue, yPred, 3));
    });

    it('labelHistogram: identical on scores away from the edges', () => {
      const rand = mulberry32(11);
      const edges = Float64Array.from({ length: 19 }, (_, j) => (j + 1) / 20);
      const scores = Float64Array.from({ length: 8000 }, (_, i) => (i % 501 === 0 ? Number.NaN : rand()));
      const [safe] = awayFromEdges([scores], [edges]);
      const labels = Int32Array.from({ length: 8000 }, (_, i) => (i % 13 === 0 ? -1 : i % 3));
      expect(kernels.labelHistogram(safe, labels, 3, edges)).toEqual(typedKernels.labelHistogram(safe, labels, 3, edges));
      expect(kernels.labelHistogram(safe, labels, 2, new Float64Array(0))).toEqual(typedKernels.labelHistogram(safe, labels, 2, new Float64Array(0)));
    });
  });
}
