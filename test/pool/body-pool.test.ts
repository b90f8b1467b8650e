import { describe, expect, it } from 'vitest';
import { BODY_GRANULE, BodyPool } from '../../src/pool/body-pool.js';

const MiB = 2 ** 20;

describe('BodyPool', () => {
  it('lends views at offset 0 of granule-sized memory and reuses what comes back', () => {
    expect(BodyPool.capacityFor(1)).toBe(BODY_GRANULE);
    expect(BodyPool.capacityFor(BODY_GRANULE)).toBe(BODY_GRANULE);
    expect(BodyPool.capacityFor(BODY_GRANULE + 1)).toBe(2 * BODY_GRANULE);
    const pool = new BodyPool();
    const a = pool.acquire(3 * MiB + 5) as Buffer;
    expect(a.byteLength).toBe(3 * MiB + 5);
    expect(a.byteOffset).toBe(0);
    expect(a.buffer.byteLength).toBe(BodyPool.capacityFor(3 * MiB + 5));
    expect(pool.lent(a.buffer)).toBe(true);
    pool.release(a.buffer);
    expect(pool.lent(a.buffer)).toBe(false);
    const b = pool.acquire(3 * MiB + 100) as Buffer;
    expect(b.buffer).toBe(a.buffer); // same size class
    expect(pool.stats()).toEqual({ allocated: 1, reused: 1, idleBytes: 0 });
  });

  it('lends shared memory: a worker sees (and writes) the same bytes, nothing is moved or detached', () => {
    const pool = new BodyPool();
    const lent = pool.acquire(MiB) as Buffer;
    expect(lent.buffer).toBeInstanceOf(SharedArrayBuffer);
    lent[0] = 42;
    // What posting the body to a worker does: a new object on the other side, the same memory.
    const there = structuredClone(lent.buffer);
    expect(there).not.toBe(lent.buffer);
    expect(new Uint8Array(there)[0]).toBe(42);
    new Uint8Array(there)[1] = 7; // the worker writes the batch's delta over the body
    expect(lent[1]).toBe(7);
    expect(lent.buffer.byteLength).toBe(BodyPool.capacityFor(MiB)); // not detached
    // Only the object the pool lent comes back, and only once: a copy of the handle or a second
    // release must never put one buffer in two requests' hands.
    pool.release(there);
    expect(pool.stats().idleBytes).toBe(0);
    pool.release(lent.buffer);
    pool.release(lent.buffer);
    expect(pool.stats().idleBytes).toBe(BodyPool.capacityFor(MiB));
    const next = pool.acquire(MiB) as Buffer;
    expect(next.buffer).toBe(lent.buffer);
    expect(next[0]).toBe(42); // reused, not zeroed: the reader overwrites every byte it exposes
    expect(pool.acquire(MiB)?.buffer).not.toBe(lent.buffer);
  });

  it('refuses what it does not pool and keeps at most maxIdleBytes idle', () => {
    const pool = new BodyPool({ maxIdleBytes: 2 * MiB, maxBodyBytes: 4 * MiB });
    expect(pool.acquire(0)).toBeNull();
    expect(pool.acquire(4 * MiB + 1)).toBeNull();
    expect(pool.acquire(Number.NaN)).toBeNull();
    const bufs = [pool.acquire(MiB), pool.acquire(MiB), pool.acquire(MiB)].map((b) => (b as Buffer).buffer);
    for (const b of bufs) pool.release(b);
    expect(pool.stats().idleBytes).toBe(2 * MiB);
    pool.release(new ArrayBuffer(BODY_GRANULE)); // not lent by this pool
    pool.release(new SharedArrayBuffer(BODY_GRANULE));
    pool.release(null);
    expect(pool.stats().idleBytes).toBe(2 * MiB);
  });
});
