import { describe, expect, it } from 'vitest';
import { ArrayWriter } from '../../src/sketches/binary-container.js';
import { beginStaging, float32OffsetsStaged, narrowCounts, narrowCountsStaged } from '../../src/sketches/narrow-arrays.js';

/** What an ArrayWriter writes, as a plain array of its type. */
function written(w: ArrayWriter): { type: string; values: number[] } {
  const into = new Array<number>(w.length).fill(Number.NaN);
  w.write(into);
  return { type: w.type, values: into };
}

const dense = (n: number, f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));

describe('narrowCountsStaged', () => {
  it('stages counts of 0 to 255 as u8, the values narrowCounts would write', () => {
    beginStaging();
    const counts = dense(1030, (i) => (i * 37) % 256);
    const staged = narrowCountsStaged(counts) as Uint8Array;
    expect(staged).toBeInstanceOf(Uint8Array);
    const careful = narrowCounts(counts) as ArrayWriter;
    expect(written(careful)).toEqual({ type: 'u8', values: [...staged] });
  });

  it('goes the careful way for a count of 256 or more (u16, u32), a fraction, a negative, NaN or -0', () => {
    beginStaging();
    const big = dense(64, (i) => i);
    big[10] = 256;
    expect(written(narrowCountsStaged(big) as ArrayWriter).type).toBe('u16');
    big[10] = 2 ** 16;
    expect(written(narrowCountsStaged(big) as ArrayWriter).type).toBe('u32');
    for (const odd of [0.5, -1, Number.NaN, -0, 2 ** 32]) {
      const counts = dense(64, (i) => i % 200);
      counts[7] = odd;
      expect(narrowCountsStaged(counts)).toBe(counts);
    }
  });

  it('leaves counts with fewer than a twelfth non-zero as float64 (sparse is smaller)', () => {
    beginStaging();
    const counts = new Float64Array(1200);
    for (let i = 0; i < 99; i++) counts[i * 12] = 3;
    expect(narrowCountsStaged(counts)).toBe(counts);
    counts[5] = 1; // 100 non-zero: 100 × 12 = 1,200, no longer smaller
    expect(narrowCountsStaged(counts)).toBeInstanceOf(Uint8Array);
  });

  it('gives back the staging of an array that did not fit, without touching the arrays staged before', () => {
    beginStaging();
    const first = dense(100, (i) => i % 200);
    const kept = narrowCountsStaged(first) as Uint8Array;
    const big = dense(100, (i) => i * 3); // up to 297: u16, the careful way
    expect(narrowCountsStaged(big)).toBeInstanceOf(ArrayWriter);
    const offsets = dense(100, (i) => i + 0.25);
    const f32 = float32OffsetsStaged(offsets) as Float32Array;
    const after = narrowCountsStaged(dense(100, (i) => (i * 7) % 256)) as Uint8Array;
    expect([...kept]).toEqual([...first]);
    expect([...f32]).toEqual([...offsets].map(Math.fround));
    expect([...after]).toEqual(Array.from({ length: 100 }, (_, i) => (i * 7) % 256));
  });

  it('keeps earlier staged arrays intact while staging more, across growth, until beginStaging', () => {
    beginStaging();
    const arrays = Array.from({ length: 200 }, (_, k) => dense(1000, (i) => (i + k) % 256));
    const staged = arrays.map((a) => narrowCountsStaged(a) as Uint8Array);
    for (const [k, a] of arrays.entries()) expect([...staged[k]]).toEqual([...a]);
  });
});

describe('float32OffsetsStaged', () => {
  it('stages dense sums as float32 (each rounded once), -0 kept', () => {
    beginStaging();
    const offsets = dense(100, (i) => (i === 3 ? -0 : i * 0.1 + 1e-3));
    const staged = float32OffsetsStaged(offsets) as Float32Array;
    expect(staged).toBeInstanceOf(Float32Array);
    for (let i = 0; i < offsets.length; i++) expect(Object.is(staged[i], Math.fround(offsets[i]))).toBe(true);
  });

  it('keeps float64 when a sum is not 0 or a normal float32, or when fewer than a third are non-zero', () => {
    beginStaging();
    for (const odd of [1e39, -1e39, 1e-39, Number.NaN, Number.POSITIVE_INFINITY]) {
      const offsets = dense(64, (i) => i + 1);
      offsets[9] = odd;
      expect(float32OffsetsStaged(offsets)).toBe(offsets);
    }
    const sparse = new Float64Array(300);
    for (let i = 0; i < 99; i++) sparse[i * 3] = 1.5;
    expect(float32OffsetsStaged(sparse)).toBe(sparse);
    sparse[1] = 2; // 100 of 300: 100 × 12 = 300 × 4, no longer smaller
    expect(float32OffsetsStaged(sparse)).toBeInstanceOf(Float32Array);
  });
});
