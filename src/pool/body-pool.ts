/**
 * Reusable memory for request bodies: SharedArrayBuffers in size classes,
 * shared with the worker that reads the body (never moved), and given back
 * by the main thread once the batch is stored.
 *
 * Why reuse: a 4 MiB batch body in fresh memory per request is external
 * memory that V8 counts against the isolate holding it, and that memory, not
 * heap growth, is what set off most full collections under load. A pooled
 * body is the same backing store every time: nothing is freed, allocated or
 * faulted in again. Measured at max load: the workers' mark-compacts fell
 * from ~38 to 4–6 per 15 s, the main thread's from 86 to 58, +9% throughput
 * (bench/RESULTS.md).
 *
 * Why shared, not moved: a worker that moves an ArrayBuffer out (the body
 * back to this pool, a delta to the main thread) detaches it, and the first
 * detach in an isolate invalidates V8's array-buffer-detaching protector for
 * good: from then on optimized code checks for a detached buffer on typed
 * array accesses, and the sketch kernel ran ~20% slower in the workers than
 * in a benchmark that never detached (bench/RESULTS.md). Shared memory
 * crosses threads without a detach (V8 does not count it as any isolate's
 * external memory either), so the ingest workers never detach anything: the
 * worker writes the batch's delta over the body it has finished reading
 * (workers/ingest.ts), the store's writer thread reads it from the same
 * memory, and the main thread releases the slab when the append settles.
 *
 * Every loan ends when its request's work has settled, accepted or
 * rejected (drift-service.ts), or once the response is out for a request no
 * handler took (arrow-body.ts): shared memory is counted as no isolate's
 * external memory, so a dropped buffer would wait for a collection nothing
 * starts. Only a loan whose worker timed out is forsaken (its memory is not
 * reused: the worker may still be at it). The pool keeps at most
 * `maxIdleBytes` idle; bodies above `maxBodyBytes` are not pooled.
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
  readonly #idle = new Map<number, SharedArrayBuffer[]>();
  readonly #maxIdle: number;
  readonly #maxBody: number;
  #idleBytes = 0;
  #allocated = 0;
  #reused = 0;
  /**
   * Loans: each lent buffer and the view `acquire` returned for it. A loan is
   * its view, not its buffer, so ending one twice (the handler, then the
   * response hook) cannot end the next request's loan of the same memory.
   */
  readonly #loans = new WeakMap<SharedArrayBuffer, Uint8Array>();

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
      buf = new SharedArrayBuffer(capacity);
      this.#allocated++;
    }
    const view = Buffer.from(buf, 0, length);
    this.#loans.set(buf, view);
    return view;
  }

  /** Whether `view` is a loan of this pool (what `acquire` returned) not ended yet. */
  lent(view: Uint8Array): boolean {
    const buf = view.buffer;
    return buf instanceof SharedArrayBuffer && this.#loans.get(buf) === view;
  }

  /**
   * Ends the loan `view` and takes its memory back, once nothing reads or
   * writes it any more (the batch's append settled). Anything that is not a
   * loan not ended yet is ignored; beyond the idle limit the memory is left
   * to the collector.
   */
  release(view: Uint8Array | null | undefined): void {
    if (!view || !this.lent(view)) return;
    const buf = view.buffer as SharedArrayBuffer;
    this.#loans.delete(buf);
    const capacity = buf.byteLength;
    if (this.#idleBytes + capacity > this.#maxIdle) return;
    const list = this.#idle.get(capacity);
    if (list) list.push(buf);
    else this.#idle.set(capacity, [buf]);
    this.#idleBytes += capacity;
  }

  /** Ends the loan `view` without taking the memory back: something may still use it (a worker that timed out). */
  forsake(view: Uint8Array): void {
    if (this.lent(view)) this.#loans.delete(view.buffer as SharedArrayBuffer);
  }

  /** Buffers allocated and reused so far, and the bytes idle now. */
  stats(): { allocated: number; reused: number; idleBytes: number } {
    return { allocated: this.#allocated, reused: this.#reused, idleBytes: this.#idleBytes };
  }
}
