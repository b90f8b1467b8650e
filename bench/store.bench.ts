/**
 * foldBatch throughput of the SQLite store with a realistic window sketch
 * (50 features × 128 float64 bins = 50 KiB), synchronous=FULL against NORMAL.
 * This decides the store's durability default:
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/store.bench.js [DIR]
 *
 * DIR (default: the OS temp dir) must be on the disk the service will use:
 * on tmpfs fsync costs nothing and FULL looks free.
 *
 * Each fold reads the window's sketch, adds the batch's delta bin by bin,
 * writes the 50 KiB back and records the batch id, in one transaction.
 * FULL fsyncs the WAL at every commit; NORMAL only at checkpoints (it
 * survives kill -9 but may lose the last commits on power loss).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from 'tinybench';
import type { Synchronous } from '../src/store/sqlite-open.js';
import { openSqliteStore, type SqliteStore } from '../src/store/sqlite-store.js';

const FEATURES = 50;
const BINS = 128;
const HOUR = 3_600_000;
const root = process.argv[2] ?? tmpdir();

/** A batch's sketch delta: one count per bin, as a profile-batch worker would send. */
const delta = new Float64Array(FEATURES * BINS).map((_, i) => (i * 7919) % 13);

/** Adds `delta` to the stored sketch (or starts from it), as windows/ would. */
function merge(existing: Uint8Array | null): Uint8Array {
  const out = new Float64Array(FEATURES * BINS);
  if (existing)
    out.set(new Float64Array(existing.buffer.slice(existing.byteOffset, existing.byteOffset + existing.byteLength)));
  for (let i = 0; i < out.length; i++) out[i] += delta[i];
  return new Uint8Array(out.buffer);
}

const stores: { dir: string; store: SqliteStore }[] = [];
function open(synchronous: Synchronous): SqliteStore {
  const dir = mkdtempSync(join(root, `driftgauge-bench-${synchronous.toLowerCase()}-`));
  const store = openSqliteStore({ dataDir: dir, synchronous });
  stores.push({ dir, store });
  return store;
}

let seq = 0;
/** One iteration: `concurrent` foldBatch calls awaited together (they share one group commit). */
function foldTask(store: SqliteStore, concurrent: number, windows: 1 | 2 = 1) {
  const one = () => {
    const batchId = `b${seq++}`;
    if (windows === 1)
      return store.foldBatch({ model: 'm', batchId, windowStart: 0, windowEnd: HOUR, rows: 1000, merge });
    return store.foldBatchMulti({
      model: 'm',
      batchId,
      parts: [
        { windowStart: 0, windowEnd: HOUR, rows: 500, merge },
        { windowStart: HOUR, windowEnd: 2 * HOUR, rows: 500, merge },
      ],
    });
  };
  return async () => {
    await Promise.all(Array.from({ length: concurrent }, one));
  };
}

const full = open('FULL');
const normal = open('NORMAL');
for (const { store } of stores) await store.putModel('m', {});

const cases: { name: string; folds: number; fn: () => unknown }[] = [
  { name: 'merge only (no store)', folds: 1, fn: () => merge(merge(null)) },
];
for (const [sync, store] of [
  ['FULL', full],
  ['NORMAL', normal],
] as const) {
  cases.push(
    { name: `foldBatch, one at a time, ${sync}`, folds: 1, fn: foldTask(store, 1) },
    { name: `foldBatchMulti (2 windows), one at a time, ${sync}`, folds: 1, fn: foldTask(store, 1, 2) },
    { name: `foldBatch, 16 concurrent (one group commit), ${sync}`, folds: 16, fn: foldTask(store, 16) },
  );
}

const bench = new Bench({
  name: `foldBatch, ${FEATURES}-feature sketch of ${(FEATURES * BINS * 8) / 1024} KiB, in ${root}`,
  time: 3_000,
  warmupTime: 300,
});
for (const c of cases) bench.add(c.name, c.fn);
await bench.run();

console.log(bench.name);
console.table(bench.table());
// Per batch: an iteration of a concurrent case acknowledges `folds` batches.
console.table(
  cases.map((c) => {
    const result = bench.getTask(c.name)?.result;
    const ms = result && 'latency' in result ? result.latency.mean : Number.NaN;
    const p99 = result && 'latency' in result ? result.latency.p99 : Number.NaN;
    return {
      case: c.name,
      'ms per iteration (mean)': ms.toFixed(3),
      'ms per iteration (p99)': p99.toFixed(3),
      'batches acknowledged / s': Math.round((1000 / ms) * c.folds),
    };
  }),
);
for (const { dir, store } of stores) {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
