import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ArrayWriter, decodeContainer, encodeContainer } from '../../src/sketches/binary-container.js';

/** Every array kind, and float64 arrays on both sides of the sparse limit (300 entries: sparse while fewer than 100 are non-zero). */
function header() {
  const atLimit = new Float64Array(300);
  for (let i = 0; i < 99; i++) atLimit[3 * i + 1] = i + 0.25;
  const pastLimit = new Float64Array(300);
  for (let i = 0; i < 100; i++) pastLimit[3 * i] = -i - 0.5;
  const odd = new Float64Array(17);
  odd[0] = -0;
  odd[5] = Number.NaN;
  odd[16] = Number.NEGATIVE_INFINITY;
  return {
    name: 'x',
    atLimit,
    pastLimit,
    odd,
    dense: Float64Array.from({ length: 40 }, (_, i) => (i % 2 ? i / 7 : -0)),
    short: Float64Array.of(0, 0, 1),
    u16: Uint16Array.of(1, 65535, 7),
    u32: Uint32Array.of(2 ** 32 - 1, 0, 5),
    f32: Float32Array.of(0.1, -2.5),
    i32: Int32Array.of(-1, 2),
    u8: Uint8Array.of(255, 0, 9),
    list: [Number.NaN, Number.POSITIVE_INFINITY, -0, 1, { n: null }],
  };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('binary container', () => {
  it('writes the same bytes as the build before the codec was optimized, whatever the prefix', () => {
    // sha256 of this header's blob from commit 589e324 (DataView writes, full non-zero scans).
    for (const prefix of [0, 3, 8, 47]) {
      expect(sha256(encodeContainer('TEST', 7, header(), prefix).subarray(prefix))).toBe('a103c5dbdaaf5f09ef03f1dcd397edd129ced50d26f345d350e21718afa02f9b');
    }
  });

  it('writes every byte, padding included, into used shared memory at any offset (copies staged where misaligned)', () => {
    const shared = new Uint8Array(new SharedArrayBuffer(64 * 1024));
    for (const offset of [0, 1, 3, 4, 7]) {
      for (const prefix of [0, 5, 47]) {
        shared.fill(0xee);
        const blob = encodeContainer('TEST', 7, header(), prefix, (n) => shared.subarray(offset, offset + n));
        expect(blob.buffer).toBe(shared.buffer);
        expect(sha256(blob.subarray(prefix))).toBe('a103c5dbdaaf5f09ef03f1dcd397edd129ced50d26f345d350e21718afa02f9b');
        expect(blob.subarray(0, prefix).every((b) => b === 0xee)).toBe(true);
        expect(shared[offset + blob.length]).toBe(0xee);
      }
    }
  });

  it('stores an ArrayWriter as the typed array it writes, in place or through scratch, wherever the blob lands', () => {
    const counts = Float64Array.from({ length: 37 }, (_, i) => (i * 7) % 256);
    const sums = Float64Array.from({ length: 21 }, (_, i) => i / 3);
    const expected = encodeContainer('TEST', 1, { counts: Uint8Array.from(counts), sums: Float32Array.from(sums), tail: Float64Array.of(1, 2) });
    const shared = new Uint8Array(new SharedArrayBuffer(4096));
    for (const offset of [0, 1, 2, 6]) {
      for (const prefix of [0, 3, 8]) {
        shared.fill(0xee);
        let asked = -1;
        const blob = encodeContainer(
          'TEST',
          1,
          {
            counts: new ArrayWriter('u8', counts.length, (into) => {
              for (let i = 0; i < counts.length; i++) into[i] = counts[i];
            }),
            sums: new ArrayWriter('f32', sums.length, (into) => {
              for (let i = 0; i < sums.length; i++) into[i] = sums[i];
            }),
            tail: Float64Array.of(1, 2),
          },
          prefix,
          (n, alignAt) => {
            asked = alignAt;
            return shared.subarray(offset, offset + n);
          },
        );
        expect(asked).toBe(prefix);
        expect(Buffer.from(blob.subarray(prefix)).equals(Buffer.from(expected))).toBe(true);
        const back = decodeContainer(blob.subarray(prefix), 'TEST', 1) as { counts: Uint8Array; sums: Float32Array };
        expect(back.counts).toEqual(Uint8Array.from(counts));
        expect(back.sums).toEqual(Float32Array.from(sums));
      }
    }
  });

  it('stores float64 arrays sparse exactly while fewer than a third of their entries are non-zero (-0 and NaN count)', () => {
    const h = header();
    const size = (a: Float64Array) => encodeContainer('TEST', 1, { a }).length;
    expect(size(h.atLimit)).toBeLessThan(h.atLimit.byteLength);
    expect(size(h.pastLimit)).toBeGreaterThan(h.pastLimit.byteLength);
    const back = decodeContainer(encodeContainer('TEST', 1, h, 5).subarray(5), 'TEST', 1) as ReturnType<typeof header>;
    expect(back.atLimit).toEqual(h.atLimit);
    expect(back.pastLimit).toEqual(h.pastLimit);
    expect(Object.is(back.odd[0], -0)).toBe(true);
    expect(back.odd).toEqual(h.odd);
    expect(back.u32).toEqual(h.u32);
    expect(back.f32).toEqual(h.f32);
    expect(back.list).toEqual([Number.NaN, Number.POSITIVE_INFINITY, 0, 1, { n: null }]);
  });

  it('reads arrays as views or copies alike, and keeps a "__proto__" key as a key', () => {
    const blob = encodeContainer('TEST', 1, JSON.parse('{"__proto__": {"a": [1, {"b": 2}]}, "c": [[3]]}'));
    for (const views of [false, true]) {
      const back = decodeContainer(blob, 'TEST', 1, { views }) as Record<string, unknown>;
      expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
      expect(Object.keys(back)).toEqual(['__proto__', 'c']);
      expect(JSON.stringify(back)).toBe('{"__proto__":{"a":[1,{"b":2}]},"c":[[3]]}');
    }
    const h = header();
    const bytes = encodeContainer('TEST', 1, h, 8).subarray(8);
    expect(decodeContainer(bytes, 'TEST', 1, { views: true })).toEqual(decodeContainer(bytes, 'TEST', 1));
  });
});
