import { describe, expect, it } from 'vitest';
import { decodeWindowBlob, emptyBlob, encodeSketchBlob, encodeWindowBlob, pendingBytes } from '../../src/windows/window-blob.js';

describe('window blob', () => {
  it('round-trips sketches by profile and pending batches', () => {
    const blob = emptyBlob();
    blob.sketches.set('profile-a', Uint8Array.of(1, 2, 3));
    blob.sketches.set('profile-b', new Uint8Array(0));
    blob.pending.push({ batchId: 'b-1', from: 1000, to: 2000, bytes: Uint8Array.of(9, 8) });
    const back = decodeWindowBlob(encodeWindowBlob(blob));
    expect([...back.sketches.keys()]).toEqual(['profile-a', 'profile-b']);
    expect([...back.sketches.get('profile-a') ?? []]).toEqual([1, 2, 3]);
    expect(back.pending).toEqual([{ batchId: 'b-1', from: 1000, to: 2000, bytes: Uint8Array.of(9, 8) }]);
    expect(pendingBytes(back)).toBe(2);
  });

  it('refuses bytes that are not a window blob, and truncated ones', () => {
    expect(() => decodeWindowBlob(Uint8Array.of(1, 2, 3))).toThrow(RangeError);
    const good = encodeWindowBlob({ sketches: new Map([['p', Uint8Array.of(1, 2, 3, 4)]]), pending: [] });
    expect(() => decodeWindowBlob(good.subarray(0, good.length - 2))).toThrow('truncated');
    const bad = good.slice();
    bad[0] = 0;
    expect(() => decodeWindowBlob(bad)).toThrow('not a window blob');
  });

  it('writes a one-sketch blob around the sketch\'s own bytes, byte for byte as encodeWindowBlob would', () => {
    const sketch = Uint8Array.of(5, 6, 7, 8, 9);
    const built = encodeSketchBlob('profile-a', (prefix) => {
      const out = new Uint8Array(prefix + sketch.length);
      out.set(sketch, prefix);
      return out;
    });
    expect([...built]).toEqual([...encodeWindowBlob({ sketches: new Map([['profile-a', sketch]]), pending: [] })]);
    expect([...(decodeWindowBlob(built).sketches.get('profile-a') ?? [])]).toEqual([5, 6, 7, 8, 9]);
  });

  it('reads an empty blob from zero bytes, and views instead of copies when asked', () => {
    expect(decodeWindowBlob(new Uint8Array(0))).toEqual(emptyBlob());
    const blob = encodeWindowBlob({ sketches: new Map([['p', Uint8Array.of(1, 2)]]), pending: [] });
    const viewed = decodeWindowBlob(blob, false).sketches.get('p') as Uint8Array;
    expect(viewed.buffer).toBe(blob.buffer);
    expect(decodeWindowBlob(blob).sketches.get('p')?.buffer).not.toBe(blob.buffer);
    // A Node Buffer (what the store reads on the main thread) is copied too: its own slice() would be a view.
    const stored = Buffer.from(blob);
    const copied = decodeWindowBlob(stored).sketches.get('p') as Uint8Array;
    expect(copied.buffer).not.toBe(stored.buffer);
    expect([...copied]).toEqual([1, 2]);
  });
});
