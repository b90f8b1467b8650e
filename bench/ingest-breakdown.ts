/**
 * Where one batch's time goes on the ingest path, stage by stage, in one
 * process (no HTTP, no pool), so each figure is the CPU of that stage alone:
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/ingest-breakdown.js [--rows 10000] [--features 50] [--iterations 40] [--dir DIR]
 *
 * Stages: Arrow decode, column checks and window split, sketch, serialize,
 * the structured clone a worker's result would pay (postMessage without a
 * transfer list), the main thread's decode + merge of the delta, and the
 * store's durable append (synchronous = FULL, on DIR's disk).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readTable } from '../src/arrow/read-table.js';
import { writeTable } from '../src/arrow/write-table.js';
import { referenceProfileFromTable } from '../src/engine/sketch-compare.js';
import { DRIFT_METHOD_NAMES } from '../src/engine/drift-methods.js';
import { validateSpec } from '../src/engine/spec.js';
import { sketchBatch } from '../src/sketches/sketch-batch.js';
import { deserializeWindow, serializeWindow } from '../src/sketches/window-codec.js';
import { createWindowSketch, mergeWindowInto } from '../src/sketches/window-sketch.js';
import { openSqliteStore } from '../src/store/sqlite-store.js';
import { checkBatchColumns } from '../src/windows/check-batch.js';
import { rowTime, splitByWindow } from '../src/windows/split-by-window.js';
import { mulberry32, normals } from './generate-data.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '10000' },
    features: { type: 'string', default: '50' },
    iterations: { type: 'string', default: '40' },
    dir: { type: 'string', default: tmpdir() },
  },
});
const rows = Number(values.rows);
const features = Number(values.features);
const iterations = Number(values.iterations);

function table(n: number, seed: number, shift: number): Uint8Array {
  const rand = mulberry32(seed);
  const cols: Record<string, Float64Array> = {};
  for (let f = 0; f < features; f++) cols[`f${f}`] = normals(n, rand, shift * (f % 3), 1 + f / 50);
  cols.ts = new Float64Array(n).fill(Date.UTC(2026, 10, 25, 12, 30));
  return writeTable(cols, { format: 'stream' });
}

const spec = validateSpec({ columns: { ts: { role: 'timestamp' } } }, 'bench spec', DRIFT_METHOD_NAMES);
const profile = referenceProfileFromTable(readTable(table(50_000, 1, 0), 'reference'), spec);
const body = table(rows, 2, 0.1);

const times = new Map<string, number[]>();
function time<T>(name: string, fn: () => T): T {
  const t0 = performance.now();
  const out = fn();
  const list = times.get(name) ?? [];
  list.push(performance.now() - t0);
  times.set(name, list);
  return out;
}

async function timeAsync<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const out = await fn();
  const list = times.get(name) ?? [];
  list.push(performance.now() - t0);
  times.set(name, list);
  return out;
}

const dir = mkdtempSync(join(values.dir as string, 'driftgauge-breakdown-'));
const store = openSqliteStore({ dataDir: dir });
await store.putModel('m', spec);
const open = createWindowSketch(profile);
let blobBytes = 0;
for (let i = 0; i < iterations; i++) {
  const bytes = body.slice();
  const t = time('1 readTable (Arrow decode)', () => readTable(bytes, 'batch'));
  const parts = time('2 check columns + split by window', () => {
    checkBatchColumns(t, 'm', spec, profile);
    return splitByWindow(t, 3_600_000, rowTime(t, 'ts', Date.now()));
  });
  const sketch = time('3 sketchBatch', () => sketchBatch(profile, parts[0].table));
  const blob = time('4 serializeWindow (worker)', () => serializeWindow(sketch));
  blobBytes = blob.byteLength;
  const cloned = time('5 structuredClone of the result (no transfer)', () => structuredClone({ parts: [{ sketch: blob }] }));
  const delta = time('6 deserializeWindow (main thread)', () => deserializeWindow(cloned.parts[0].sketch, profile));
  time('7 mergeWindowInto open window (main thread)', () => mergeWindowInto(profile, open, delta));
  const whole = time('8 serializeWindow of the open window', () => serializeWindow(open));
  await timeAsync('9 store fold, whole window rewritten + fsync (FULL)', () =>
    store.foldBatch({ model: 'm', batchId: `b${i}`, windowStart: 0, windowEnd: 3_600_000, rows, merge: () => whole }),
  );
}
const t0 = performance.now();
await store.foldBatch({ model: 'm', batchId: 'timed', windowStart: 0, windowEnd: 3_600_000, rows, merge: () => new Uint8Array(16) });
const small = performance.now() - t0;
await store.close();
rmSync(dir, { recursive: true, force: true });

const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];
console.log(`batch ${rows} x ${features} (${(body.byteLength / 2 ** 20).toFixed(2)} MiB Arrow), delta blob ${(blobBytes / 2 ** 20).toFixed(2)} MiB, ${iterations} iterations, data dir ${values.dir}`);
for (const [name, list] of times) {
  console.log(`${name.padEnd(56)} median ${median(list).toFixed(2).padStart(7)} ms  min ${Math.min(...list).toFixed(2).padStart(7)} ms`);
}
console.log(`${'store fold, 16-byte sketch + fsync (FULL)'.padEnd(56)} once   ${small.toFixed(2).padStart(7)} ms`);
