import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { canReleaseChunks, releaseChunk } from '../../src/http/release-chunk.js';

describe('releaseChunk', () => {
  it('detaches a buffer the chunk is all of', () => {
    const chunk = Buffer.allocUnsafeSlow(65_536).fill(7);
    const buffer = chunk.buffer;
    expect(releaseChunk(chunk)).toBe(true);
    expect(buffer.byteLength).toBe(0);
    expect(chunk.byteLength).toBe(0);
  });

  it('leaves a slice, a small pooled Buffer and shared memory alone', () => {
    const whole = new Uint8Array(1024).fill(1);
    const slice = whole.subarray(16);
    expect(releaseChunk(slice)).toBe(false);
    expect(whole.byteLength).toBe(1024);
    const pooled = Buffer.from('a small chunk from the 8 KiB slab');
    expect(releaseChunk(pooled)).toBe(false);
    expect(pooled.toString()).toBe('a small chunk from the 8 KiB slab');
    const shared = new Uint8Array(new SharedArrayBuffer(64));
    expect(releaseChunk(shared)).toBe(false);
    expect(shared.byteLength).toBe(64);
  });

  it('does not give workers or new contexts the V8 flag it set for itself', async () => {
    const { runInNewContext } = await import('node:vm');
    releaseChunk(new Uint8Array(8));
    const builtIn = typeof (ArrayBuffer.prototype as { transfer?: unknown }).transfer === 'function';
    expect(typeof runInNewContext('ArrayBuffer.prototype.transfer')).toBe(builtIn ? 'function' : 'undefined');
  });

  it('leaves the V8 flag off for threads started after it resolved', async () => {
    expect(canReleaseChunks()).toBe(true);
    const builtIn = typeof (ArrayBuffer.prototype as { transfer?: unknown }).transfer;
    const seen = await new Promise<string>((resolve, reject) => {
      const w = new Worker("require('node:worker_threads').parentPort.postMessage(typeof ArrayBuffer.prototype.transfer)", { eval: true });
      w.once('message', (m: string) => {
        resolve(m);
        void w.terminate();
      });
      w.once('error', reject);
    });
    expect(seen).toBe(builtIn);
  });
});
