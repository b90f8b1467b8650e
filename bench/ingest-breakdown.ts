/**
 * Where one batch's time goes on the ingest path, stage by stage, in one
 * process (no HTTP, no pool), so each figure is the cost of that stage alone:
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/ingest-breakdown.js [--rows 10000] [--features 50] [--iterations 48] [--dir DIR] [--page-size 65536]
 *
 * CPU stages report the process's CPU time (not wall time: on a shared
 * machine the wall clock counts other processes' turns too); it also counts
 * the store's writer thread when it works meanwhile (a WAL checkpoint), so
 * they run high now and then: read the medians. (/proc's per-thread
 * schedstat is only brought up to date at scheduler ticks, 4 ms here: too
 * coarse for these stages.) Store stages
 * report wall time, since they wait for the disk: a durable append of the
 * batch's delta (writer thread, group commit, fsync with synchronous = FULL,
 * on DIR's disk), and, for comparison, the old path's rewrite of the whole
 * window blob per batch. Compaction (every 8 deltas, as the service does) is reported per compaction.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTable } from '../src/arrow/read-table.js';
import { writeTable } from '../src/arrow/write-table.js';
import { DRIFT_METHOD_NAMES } from '../src/engine/drift-methods.js';
import { referenceProfileFromTable } from '../src/engine/sketch-compare.js';
import { validateSpec } from '../src/engine/spec.js';
import { SampleThresholds } from '../src/sketches/row-sample.js';
import { sketchBatch } from '../src/sketches/sketch-batch.js';
import { deserializeWindow, mergeSerializedInto, serializeWindow } from '../src/sketches/window-codec.js';
import { createWindowSketch, mergeWindowInto, resetWindowSketch } from '../src/sketches/window-sketch.js';
import { DEFAULT_PAGE_SIZE } from '../src/store/sqlite-open.js';
import { openSqliteStore } from '../src/store/sqlite-store.js';
import { checkBatchColumns } from '../src/windows/check-batch.js';
import { rowTime, splitByWindow } from '../src/windows/split-by-window.js';
import { decodeWindowBlob, encodeSketchBlob, encodeWindowBlob } from '../src/windows/window-blob.js';
import { benchArgs } from './cli-args.js';
import { mulberry32, normals } from './generate-data.js';

const { values } = benchArgs('npx tsc -p tsconfig.build.json && node dist/bench/ingest-breakdown.js [--rows 10000] [--features 50] [--iterations 48] [--dir DIR] [--page-size 65536]', {
  options: {
    rows: { type: 'string', default: '10000' },
    features: { type: 'string', default: '50' },
    iterations: { type: 'string', default: '48' },
    dir: { type: 'string', default: tmpdir() },
    /** Page size of the store's new file (the service's default: DEFAULT_PAGE_SIZE). */
    'page-size': { type: 'string', default: String(DEFAULT_PAGE_SIZE) },
  },
});
const rows = Number(values.rows);
const features = Number(values.features);
const iterations = Number(values.iterations);
const COMPACT_AFTER = 8;
const HOUR = 3_600_000;

function table(n: number, seed: number, shift: number): Uint8Array {
  const rand = mulberry32(seed);
  const cols: Record<string, Float64Array> = {};
  for (let f = 0; f < features; f++) cols[`f${f}`] = normals(n, rand, shift * (f % 3), 1 + f / 50);
  cols.ts = new Float64Array(n).fill(Date.UTC(2026, 10, 25, 12, 30));
  return writeTable(cols, { format: 'stream' });
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const times = new Map<string, number[]>();
const record = (name: string, ms: number) => times.set(name, [...(times.get(name) ?? []), ms]);
function cpu<T>(name: string, fn: () => T): T {
  const t0 = cpuMs();
  const out = fn();
  record(name, cpuMs() - t0);
  return out;
}
async function wall<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const out = await fn();
  record(name, performance.now() - t0);
  return out;
}

const spec = validateSpec({ columns: { ts: { role: 'timestamp' } } }, 'bench spec', DRIFT_METHOD_NAMES);
const profile = referenceProfileFromTable(readTable(table(50_000, 1, 0), 'reference'), spec);
// Distinct bodies, so the row sample keeps taking some rows of each batch (repeats would add none).
const bodies = Array.from({ length: 16 }, (_, i) => table(rows, 2 + i, 0.1));

const dir = mkdtempSync(join(values.dir as string, 'driftgauge-breakdown-'));
const store = openSqliteStore({ dataDir: dir, pageSize: Number(values['page-size']) });
await store.putModel('m', spec);
const scratch = createWindowSketch(profile);
const thresholds = new SampleThresholds(32);
const oldWindow = createWindowSketch(profile);
let deltaBytes = 0;
for (let i = 0; i < iterations; i++) {
  const bytes = bodies[i % bodies.length].slice();
  const t = cpu('worker: readTable (Arrow decode)', () => readTable(bytes, 'batch'));
  const parts = cpu('worker: check columns + split by window', () => {
    checkBatchColumns(t, 'm', spec, profile);
    return splitByWindow(t, HOUR, rowTime(t, 'ts', Date.now()));
  });
  // As the ingest worker does: the window's row sample is pruned by this worker's threshold (row-sample.ts).
  const limit = thresholds.threshold('window', profile.options.sampleRows);
  const sketch = cpu('worker: sketchBatch', () => sketchBatch(profile, parts[0].table, resetWindowSketch(profile, scratch), limit));
  if (sketch.sample) thresholds.observe('window', sketch.sample);
  const delta = cpu('worker: serialize delta (window codec + blob, float32 offsets)', () =>
    encodeSketchBlob(profile.id, (prefix) => serializeWindow(sketch, { prefix, float32Offsets: true })),
  );
  deltaBytes = delta.byteLength;
  const folded = await wall('store: appendBatch, durable (wall)', () =>
    store.appendBatch({ model: 'm', batchId: `b${i}`, parts: [{ windowStart: 0, windowEnd: HOUR, rows, delta }] }),
  );
  if (folded.windows[0].deltaCount >= COMPACT_AFTER) {
    const w = await wall('compaction: read window in background (wall, per compaction)', async () => (await store.getWindowInBackground('m', 0))!);
    const merged = cpu('compaction: merge deltas + serialize (CPU, per compaction)', () => {
      const base = decodeWindowBlob(w.sketch);
      const prior = base.sketches.get(profile.id);
      const window = prior ? deserializeWindow(prior, profile) : createWindowSketch(profile);
      for (const d of w.deltas) mergeSerializedInto(profile, window, decodeWindowBlob(d.sketch, false).sketches.get(profile.id) as Uint8Array);
      base.sketches.set(profile.id, serializeWindow(window));
      return encodeWindowBlob(base);
    });
    await wall('compaction: compactWindow, durable (wall, per compaction)', () =>
      store.compactWindow({ model: 'm', windowStart: 0, version: w.version, seqs: w.deltas.map((d) => d.seq), sketch: merged }),
    );
  }
}
// The path before, on its own store: decode the whole window, merge, encode, rewrite it per batch.
const oldDir = mkdtempSync(join(values.dir as string, 'driftgauge-breakdown-old-'));
const oldStore = openSqliteStore({ dataDir: oldDir, pageSize: 4096 });
await oldStore.putModel('old', spec);
for (let i = 0; i < iterations; i++) {
  const t = readTable(bodies[i % bodies.length].slice(), 'batch');
  const sketch = serializeWindow(sketchBatch(profile, t));
  const whole = cpu('old path: decode + merge + encode the whole window (CPU)', () => {
    mergeWindowInto(profile, oldWindow, deserializeWindow(sketch, profile));
    return encodeWindowBlob({ sketches: new Map([[profile.id, serializeWindow(oldWindow)]]), pending: [] });
  });
  await wall('old path: rewrite the whole window, durable, 4 KiB pages (wall)', () =>
    oldStore.foldBatch({ model: 'old', batchId: `b${i}`, windowStart: 0, windowEnd: HOUR, rows, merge: () => whole }),
  );
}
await oldStore.close();
rmSync(oldDir, { recursive: true, force: true });
await store.close();
rmSync(dir, { recursive: true, force: true });

const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];
const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
console.log(
  `batch ${rows} x ${features} (${(bodies[0].byteLength / 2 ** 20).toFixed(2)} MiB Arrow), delta ${(deltaBytes / 2 ** 20).toFixed(2)} MiB, ${iterations} batches, data dir ${values.dir}, page size ${values['page-size']}`,
);
for (const [name, list] of times) {
  console.log(`${name.padEnd(62)} median ${median(list).toFixed(2).padStart(7)} ms  mean ${mean(list).toFixed(2).padStart(7)} ms  (n ${list.length})`);
}
