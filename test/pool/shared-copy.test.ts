import { describe, expect, it } from 'vitest';
import { copyIntoShared } from '../../src/pool/shared-copy.js';

const filled = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

describe('copyIntoShared', () => {
  it('copies at every alignment of source and target, staged or not, as set() does', () => {
    for (const shared of [true, false]) {
      for (let srcOffset = 0; srcOffset < 9; srcOffset++) {
        for (const at of [0, 1, 5, 8, 13]) {
          // Longer than one staging step (256 KiB), so the staged copy runs in several parts.
          const n = 300_000 + srcOffset;
          const source = filled(n + 16, srcOffset).subarray(srcOffset, srcOffset + n);
          const target = new Uint8Array(shared ? new SharedArrayBuffer(n + 32) : new ArrayBuffer(n + 32)).subarray(3);
          const expected = new Uint8Array(target.length);
          expected.set(source, at);
          copyIntoShared(target, at, source);
          expect(Buffer.compare(Buffer.from(target), Buffer.from(expected))).toBe(0);
        }
      }
    }
  });

  it('refuses a source that does not fit', () => {
    const target = new Uint8Array(new SharedArrayBuffer(16));
    expect(() => copyIntoShared(target, 10, new Uint8Array(7))).toThrow(RangeError);
    expect(() => copyIntoShared(target, -1, new Uint8Array(1))).toThrow(RangeError);
  });
});
