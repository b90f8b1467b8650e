import { describe, expect, it } from 'vitest';
import { fmix32 } from '../src/hash32.js';

describe('fmix32', () => {
  it("matches MurmurHash3's finaliser on known values", () => {
    expect(fmix32(0)).toBe(0);
    expect(fmix32(1)).toBe(1364076727);
    expect(fmix32(0xffffffff)).toBe(fmix32(-1));
  });

  it('maps distinct inputs to distinct unsigned 32-bit outputs', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 100_000; i++) {
      const h = fmix32(i * 2654435761);
      expect(h >>> 0).toBe(h);
      seen.add(h);
    }
    expect(seen.size).toBe(100_000);
  });
});
