/**
 * MurmurHash3's 32-bit finaliser (fmix32): an avalanche mix of a 32-bit
 * integer, a bijection on [0, 2^32). The one copy behind HyperLogLog's
 * string hashes, the row sample's priorities and the seeds the multivariate
 * methods derive.
 *
 * @example
 * fmix32(0); // 0
 * fmix32(1); // 1364076727
 */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
