/**
 * Window sketches on the ingestion hot path, 50 float64 features:
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/sketch.bench.js
 *
 * - sketchBatch: one 10,000-row batch profiled against a 100,000-row
 *   reference's fine edges (the per-batch work of POST /batches);
 * - mergeWindowInto: folding one 50-feature window sketch into another;
 * - serializeWindow / deserializeWindow: the blob the store keeps per window;
 * - compareSketch: the report from profile + window (no rows touched).
 * Target (the issue): 10,000 × 50 in a few ms. Reference on this machine
 * (PERFORMANCE.md): binning 1M values into 1,024 bins with a uniform-grid
 * lookup ≈ 5–7 ms, i.e. 150–190 M values/s for the binning alone.
 */
import { Bench } from 'tinybench';
import type { ColumnarTable, NumericColumn } from '../src/arrow/columns.js';
import { compareSketch, referenceProfileFromTable } from '../src/engine/sketch-compare.js';
import { defaultSpec } from '../src/engine/spec.js';
import { serializeProfile } from '../src/sketches/profile-codec.js';
import { sketchBatch } from '../src/sketches/sketch-batch.js';
import { deserializeWindow, serializeWindow } from '../src/sketches/window-codec.js';
import { cloneWindow, mergeWindowInto } from '../src/sketches/window-sketch.js';
import { mulberry32, normals } from './generate-data.js';

const FEATURES = 50;
const REF_ROWS = 100_000;
const BATCH_ROWS = 10_000;

function tableOf(rows: number, seed: number, drift: number): ColumnarTable {
  const rand = mulberry32(seed);
  const columns: NumericColumn[] = [];
  for (let c = 0; c < FEATURES; c++) {
    let values = normals(rows, rand, c + drift * 0.1 * c, 1 + c / 10);
    if (c % 5 === 4) values = values.map(Math.exp); // skewed columns crowd the lookup grid
    columns.push({ kind: 'numerical', name: `f${String(c).padStart(2, '0')}`, arrowType: 'float64', length: rows, values, valid: null });
  }
  return { source: 'bench', rows, columns, byName: new Map(columns.map((c) => [c.name, c])), skipped: [] };
}

const t0 = performance.now();
const profile = referenceProfileFromTable(tableOf(REF_ROWS, 1, 0), defaultSpec());
const profileMs = performance.now() - t0;
const batch = tableOf(BATCH_ROWS, 2, 1);
const a = sketchBatch(profile, batch);
const b = sketchBatch(profile, tableOf(BATCH_ROWS, 3, 1));
const window = cloneWindow(a);
const blob = serializeWindow(mergeWindowInto(profile, cloneWindow(a), b));
const bins = profile.features.reduce((s, f) => s + (f.kind === 'numerical' ? f.edges.length + 1 : 0), 0);

const bench = new Bench({ name: `window sketches, ${FEATURES} float64 features`, time: 1_500, warmupIterations: 20 });
let sink = 0;
bench
  .add(`sketchBatch ${BATCH_ROWS} x ${FEATURES}`, () => {
    sink += sketchBatch(profile, batch).rows;
  })
  .add(`mergeWindowInto (${FEATURES} features)`, () => {
    sink += mergeWindowInto(profile, window, b).rows;
  })
  .add('serializeWindow', () => {
    sink += serializeWindow(b).length;
  })
  .add('deserializeWindow', () => {
    sink += deserializeWindow(blob, profile).rows;
  })
  .add('compareSketch', () => {
    sink += compareSketch(profile, window).features.length;
  });

await bench.run();
console.log(`${bench.name} (checksum ${sink})`);
console.log(
  `profile: ${REF_ROWS} rows built in ${profileMs.toFixed(0)} ms, ${(serializeProfile(profile).length / 1e6).toFixed(1)} MB; ` +
    `${bins} fine bins in all (${(bins / FEATURES).toFixed(0)} per feature); window blob ${(blob.length / 1024).toFixed(0)} KiB`,
);
console.table(bench.table());
// The machine is shared: means carry other processes' load; the minimum is the code's own speed.
for (const task of bench.tasks) {
  const r = task.result;
  if (r.state !== 'completed') continue;
  const line = `${task.name.padEnd(32)} min ${r.latency.min.toFixed(3)} ms, mean ${r.latency.mean.toFixed(3)} ms`;
  if (!task.name.startsWith('sketchBatch')) {
    console.log(line);
    continue;
  }
  const values = BATCH_ROWS * FEATURES;
  const rate = (ms: number) => `${(values / (ms / 1000) / 1e6).toFixed(0)} M feature values/s (${((ms * 1e6) / values).toFixed(1)} ns/value)`;
  console.log(`${line}: ${rate(r.latency.min)} at the minimum, ${rate(r.latency.mean)} on average`);
}
