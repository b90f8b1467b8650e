/**
 * Reusable memory for request bodies: plain ArrayBuffers in size classes
 * that travel main thread → worker → main thread by transfer and are read
 * into again by the next request.
 *
 * Why: a 4 MiB batch body in fresh memory per request is external memory
 * that V8 counts against the isolate holding it, and that memory, not heap
 * growth, is what set off most full collections under load (a worker's body
 * lives through its task and only a mark-compact returns it). A body that
 * comes back is the same backing store: the transfer detaches it on one side
 * and attaches it on the other, so neither isolate's count grows and nothing
 * is freed, allocated or faulted in again. Measured at max load: the
 * workers' mark-compacts fell from ~38 to 4–6 per 15 s, the main thread's
 * from 86 to 58 (its socket chunks remain: node's HTTP parser copies every
 * chunk into new memory), +9% throughput (bench/RESULTS.md).
 *
 * A buffer that never comes back (a worker error or timeout, a reference
 * upload, a batch kept as pending bytes) is simply not reused. The pool
 * keeps at most `maxIdleBytes` idle; bodies above `maxBodyBytes` are not
 * pooled.
 */

/** Size classes are multiples of this. */
export const BODY_GRANULE = 256 * 1024;

export interface BodyPoolOptions {
  /** Idle bytes kept for reuse (default 64 MiB). */
  maxIdleBytes?: number;
  /** Larger bodies get their own memory (default 32 MiB). */
  maxBodyBytes?: number;
}

export class BodyPool {
  readonly #idle = new Map<number, ArrayBuffer[]>();
  readonly #maxIdle: number;
  readonly #maxBody: number;
  #idleBytes = 0;
  #allocated = 0;
  #reused = 0;
  /** Buffers handed out by this pool that are still on this thread (may be moved to a worker). */
  readonly #lent = new WeakSet<ArrayBuffer>();

  constructor(opts: BodyPoolOptions = {}) {
    this.#maxIdle = opts.maxIdleBytes ?? 64 * 2 ** 20;
    this.#maxBody = opts.maxBodyBytes ?? 32 * 2 ** 20;
  }

  /** The size class of a body of `length` bytes. */
  static capacityFor(length: number): number {
    return Math.max(1, Math.ceil(length / BODY_GRANULE)) * BODY_GRANULE;
  }

  /** A view of `length` bytes at offset 0 of pooled memory, or null when `length` is not pooled. */
  acquire(length: number): Buffer | null {
    if (!(length > 0) || length > this.#maxBody || !Number.isSafeInteger(length)) return null;
    const capacity = BodyPool.capacityFor(length);
    const list = this.#idle.get(capacity);
    let buf = list?.pop();
    if (buf) {
      this.#idleBytes -= capacity;
      this.#reused++;
    } else {
      buf = new ArrayBuffer(capacity);
      this.#allocated++;
    }
    this.#lent.add(buf);
    return Buffer.from(buf, 0, length);
  }

  /** Whether `buf` is pooled memory lent out on this thread (so it may be moved whole to a worker). */
  lent(buf: ArrayBufferLike): boolean {
    return buf instanceof ArrayBuffer && this.#lent.has(buf);
  }

  /**
   * Takes a body's memory back: one lent by this pool, or one a worker moved
   * back (a new ArrayBuffer object on this thread, of a pool size class).
   * Anything else, or beyond the idle limit, is left to the collector.
   */
  release(buf: ArrayBufferLike | null | undefined): void {
    if (!(buf instanceof ArrayBuffer)) return;
    const capacity = buf.byteLength;
    if (capacity === 0 || capacity % BODY_GRANULE !== 0 || capacity > BodyPool.capacityFor(this.#maxBody)) return;
    this.#lent.delete(buf);
    if (this.#idleBytes + capacity > this.#maxIdle) return;
    const list = this.#idle.get(capacity);
    if (list) list.push(buf);
    else this.#idle.set(capacity, [buf]);
    this.#idleBytes += capacity;
  }

  /** Buffers allocated and reused so far, and the bytes idle now. */
  stats(): { allocated: number; reused: number; idleBytes: number } {
    return { allocated: this.#allocated, reused: this.#reused, idleBytes: this.#idleBytes };
  }
}
