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
    expect(pool.lent(a)).toBe(true);
    pool.release(a);
    expect(pool.lent(a)).toBe(false);
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
    const there = new Uint8Array(structuredClone(lent.buffer), 0, MiB);
    expect(there.buffer).not.toBe(lent.buffer);
    expect(there[0]).toBe(42);
    there[1] = 7; // the worker writes the batch's delta over the body
    expect(lent[1]).toBe(7);
    expect(lent.buffer.byteLength).toBe(BodyPool.capacityFor(MiB)); // not detached
    pool.release(there); // a view the pool did not lend
    expect(pool.stats().idleBytes).toBe(0);
    pool.release(lent);
    expect(pool.stats().idleBytes).toBe(BodyPool.capacityFor(MiB));
    const next = pool.acquire(MiB) as Buffer;
    expect(next.buffer).toBe(lent.buffer);
    expect(next[0]).toBe(42); // reused, not zeroed: the reader overwrites every byte it exposes
  });

  it('ends a loan once: a second release (the handler, then the response hook) leaves the next loan of that memory alone', () => {
    const pool = new BodyPool();
    const first = pool.acquire(MiB) as Buffer;
    pool.release(first);
    const second = pool.acquire(MiB) as Buffer;
    expect(second.buffer).toBe(first.buffer);
    pool.release(first); // late: the memory is the second request's now
    expect(pool.lent(second)).toBe(true);
    expect(pool.acquire(MiB)?.buffer).not.toBe(first.buffer);
    // A forsaken loan (its worker timed out) ends without the memory coming back, ever.
    pool.forsake(second);
    expect(pool.lent(second)).toBe(false);
    pool.release(second);
    expect(pool.stats().idleBytes).toBe(0);
  });

  it('refuses what it does not pool and keeps at most maxIdleBytes idle', () => {
    const pool = new BodyPool({ maxIdleBytes: 2 * MiB, maxBodyBytes: 4 * MiB });
    expect(pool.acquire(0)).toBeNull();
    expect(pool.acquire(4 * MiB + 1)).toBeNull();
    expect(pool.acquire(Number.NaN)).toBeNull();
    const views = [pool.acquire(MiB), pool.acquire(MiB), pool.acquire(MiB)] as Buffer[];
    for (const v of views) pool.release(v);
    expect(pool.stats().idleBytes).toBe(2 * MiB);
    pool.release(new Uint8Array(BODY_GRANULE)); // not lent by this pool
    pool.release(new Uint8Array(new SharedArrayBuffer(BODY_GRANULE)));
    pool.release(null);
    expect(pool.stats().idleBytes).toBe(2 * MiB);
  });
});
