/**
 * Seeded pseudo-random numbers, so that the same inputs and seed give the
 * same multivariate report. mulberry32: 32 bits of state, period 2^32, good
 * enough for sampling rows and shuffling (not for cryptography).
 */
import { fmix32 } from '../hash32.js';

/** A generator of uniform numbers in [0, 1). */
export type Uniform = () => number;

/**
 * mulberry32 seeded with the low 32 bits of `seed`.
 *
 * @example
 * const rand = mulberry32(42);
 * rand(); // 0.6011037519201636
 */
export function mulberry32(seed: number): Uniform {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A second, independent seed derived from `seed` and a stream number (MurmurHash3's fmix32 finaliser). */
export function deriveSeed(seed: number, stream: number): number {
  return fmix32((seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0);
}

/**
 * `k` distinct indices from [0, n), in random order (partial Fisher-Yates),
 * O(n) memory and O(n + k) time.
 *
 * @throws {RangeError} when k > n
 */
export function sampleIndices(n: number, k: number, rand: Uniform): Int32Array {
  if (k > n) throw new RangeError(`sampleIndices: cannot take ${k} of ${n}`);
  const pool = new Int32Array(n);
  for (let i = 0; i < n; i++) pool[i] = i;
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rand() * (n - i));
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
  }
  return pool.slice(0, k);
}

/** Shuffles `a` in place (Fisher-Yates). */
export function shuffleInPlace(a: Int32Array, rand: Uniform): Int32Array {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}

/** `n` standard normal draws (Box-Muller). */
export function normals(n: number, rand: Uniform): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const u = rand() || Number.MIN_VALUE;
    const v = rand();
    const r = Math.sqrt(-2 * Math.log(u));
    out[i] = r * Math.cos(2 * Math.PI * v);
    if (i + 1 < n) out[i + 1] = r * Math.sin(2 * Math.PI * v);
  }
  return out;
}
