/**
 * Frees a request body chunk's memory as soon as it has been copied into
 * pooled memory, instead of at the next garbage collection.
 *
 * node's HTTP parser copies every chunk of a body into memory of its own
 * (64 KiB at a time: ~60 a batch). V8 counts such memory against the young
 * generation, and past 32 MiB of it (a constant of V8, whatever the heap
 * flags) runs a scavenge: every eight 4 MiB batches, ~4 ms on the event
 * loop each time under load (`--trace-gc`: 187 of the main thread's 199
 * scavenges in a max-load run, "external memory pressure"). A chunk whose
 * buffer is detached (`ArrayBuffer.prototype.transfer(0)`) is freed at once
 * and leaves the count.
 *
 * Node 22 has `transfer`; Node 20's V8 (11.3) has it behind
 * `--harmony-rab-gsab-transfer`, which only applies to contexts created
 * after it is set: the method is taken from a fresh `vm` context (builtins
 * work on any realm's ArrayBuffer) and the flag set back. V8 flags are
 * process-wide: the service resolves this before it starts any thread
 * (runtime.ts), so no other isolate is created meanwhile. Without either,
 * chunks are left to the collector, as before. The fresh context lives as
 * long as the process (the method keeps it).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Transfer = (this: ArrayBuffer, newLength: number) => ArrayBuffer;

let transfer: Transfer | null | undefined;
let released = 0;

function resolveTransfer(): Transfer | null {
  const native = (ArrayBuffer.prototype as { transfer?: Transfer }).transfer;
  if (typeof native === 'function') return native;
  try {
    setFlagsFromString('--harmony-rab-gsab-transfer');
    const fresh: unknown = runInNewContext('ArrayBuffer.prototype.transfer');
    return typeof fresh === 'function' ? (fresh as Transfer) : null;
  } catch {
    return null;
  } finally {
    setFlagsFromString('--no-harmony-rab-gsab-transfer');
  }
}

/** Whether chunks can be released here (resolved once, on first use). */
export function canReleaseChunks(): boolean {
  transfer ??= resolveTransfer();
  return transfer !== null;
}

/**
 * Detaches `chunk`'s buffer when `chunk` is all of it (a chunk node copied
 * for this read alone, never a slice of a shared slab nor shared memory).
 * The caller must hold the only reference that will be read again: after
 * this, `chunk` is empty.
 *
 * @returns whether it was released
 */
export function releaseChunk(chunk: Uint8Array): boolean {
  if (!canReleaseChunks()) return false;
  const buffer = chunk.buffer;
  if (!(buffer instanceof ArrayBuffer) || chunk.byteOffset !== 0 || chunk.byteLength !== buffer.byteLength) return false;
  try {
    (transfer as Transfer).call(buffer, 0);
    released++;
    return true;
  } catch {
    // Not detachable (wasm memory, a buffer node marked untransferable): the collector frees it.
    return false;
  }
}

/** How many chunks this thread has released so far (for tests and diagnostics). */
export function releasedChunks(): number {
  return released;
}
