import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { appendByte, HOUR, openTemp, tempDir } from './temp-store.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

/**
 * Runs fixtures/fold-and-ack.mjs, which folds `count` batches b0, b1, ... and
 * prints "ACK <id>" after each fold resolves, and sends it SIGKILL the moment
 * the `killAfter`-th ACK arrives. Resolves with the acknowledged batch ids.
 */
function foldThenKill(dataDir: string, count: number, sketchBytes: number, killAfter: number, script = 'fold-and-ack.mjs'): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        fixture('register-ts.mjs'),
        fixture(script),
        dataDir,
        String(count),
        String(sketchBytes),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const acked: string[] = [];
    let pending = '';
    let stderr = '';
    let killed = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (killed) return;
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('ACK ')) continue;
        acked.push(line.slice(4));
        if (acked.length === killAfter) {
          killed = child.kill('SIGKILL');
          return;
        }
      }
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' && killed) resolve(acked);
      else reject(new Error(`child exited with ${code ?? signal} after ${acked.length} ACKs: ${stderr}`));
    });
  });
}

function integrityCheck(file: string): unknown {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma('integrity_check', { simple: true });
  } finally {
    db.close();
  }
}

describe('SqliteStore durability under kill -9', () => {
  it('keeps a batch acknowledged right before SIGKILL', async () => {
    const dataDir = tempDir();
    const acked = await foldThenKill(dataDir, 1, 1024, 1);
    expect(acked).toEqual(['b0']);

    const store = openTemp({ dataDir });
    expect(integrityCheck(store.file)).toBe('ok');
    const window = await store.getWindow('m', 0);
    expect(window).toMatchObject({ rows: 10, batches: 1 });
    expect(window!.sketch.every((b) => b === 1)).toBe(true);
    const retry = await store.foldBatch({
      model: 'm',
      batchId: 'b0',
      windowStart: 0,
      windowEnd: HOUR,
      rows: 10,
      merge: appendByte(0),
    });
    expect(retry.duplicate).toBe(true);
  });

  it('keeps every acknowledged batch, and whole sketches, when killed in the middle of a stream of folds', async () => {
    const dataDir = tempDir();
    const sketchBytes = 50 * 1024;
    const acked = await foldThenKill(dataDir, 10_000, sketchBytes, 40);
    expect(acked).toHaveLength(40);

    const store = openTemp({ dataDir });
    expect(integrityCheck(store.file)).toBe('ok');
    const window = (await store.getWindow('m', 0))!;
    // Folds after the last ACK may or may not have committed; none acknowledged is missing.
    expect(window.batches).toBeGreaterThanOrEqual(acked.length);
    expect(window.rows).toBe(10 * window.batches);
    // The sketch is the one written with the last committed batch, not torn or stale.
    expect(window.sketch.length).toBe(sketchBytes);
    expect(window.sketch.every((b) => b === window.batches % 256)).toBe(true);
    for (const batchId of acked) {
      const retry = await store.foldBatch({
        model: 'm',
        batchId,
        windowStart: 0,
        windowEnd: HOUR,
        rows: 10,
        merge: appendByte(0),
      });
      expect(retry.duplicate, batchId).toBe(true);
    }
    expect((await store.getWindow('m', 0))!.batches).toBe(window.batches);
  });

  it('keeps every acknowledged append, each delta whole, when killed in the middle of a stream of appends', async () => {
    const dataDir = tempDir();
    const sketchBytes = 200 * 1024;
    const acked = await foldThenKill(dataDir, 10_000, sketchBytes, 40, 'append-and-ack.mjs');
    expect(acked).toHaveLength(40);

    const store = openTemp({ dataDir });
    expect(integrityCheck(store.file)).toBe('ok');
    const window = (await store.getWindow('m', 0))!;
    // Appends after the last ACK may or may not have committed; none acknowledged is missing.
    expect(window.batches).toBeGreaterThanOrEqual(acked.length);
    expect(window.rows).toBe(10 * window.batches);
    expect(window.deltas).toHaveLength(window.batches);
    for (const d of window.deltas) {
      expect(d.sketch.length).toBe(sketchBytes);
      expect(d.sketch.every((b) => b === d.sketch[0])).toBe(true);
    }
    const stored = new Set(window.deltas.map((d) => `b${d.sketch[0]}`));
    for (const batchId of acked) {
      expect(stored.has(batchId), batchId).toBe(true);
      const retry = await store.appendBatch({
        model: 'm',
        batchId,
        parts: [{ windowStart: 0, windowEnd: HOUR, rows: 10, delta: new Uint8Array(1) }],
      });
      expect(retry.duplicate, batchId).toBe(true);
    }
    expect((await store.getWindow('m', 0))!.batches).toBe(window.batches);
  });
});
