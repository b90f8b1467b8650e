/**
 * What telemetry costs on the ingest path, and what a scrape costs:
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/telemetry.bench.js
 *
 * 1. recordBatch alone: no telemetry, exemplars always_off, trace_based with
 *    a sampled span (exemplars kept); with a 1,000-value latency column
 *    passed as is, or binned in the worker first (binLatencies).
 * 2. The ingest path's own work per batch (decode the Arrow batch, sketch it
 *    against the reference, fold it into the window: what a worker and the
 *    window layer do for POST /batches), bare and with the telemetry the
 *    service adds per batch: a server span from the request's traceparent,
 *    child spans for decode / worker profile / fold / store, the context
 *    carried into the worker task and restored there, the latency column
 *    binned beside the decode (binLatencies) and recordBatch with the bins.
 *    Throughput loss = 1 − bare time / instrumented time, in CPU time. The
 *    `telemetry only` row times the instrumentation alone: the most stable
 *    figure on a shared machine. Here everything runs on one thread; in the
 *    service decode and sketch run in piscina workers and the spans and
 *    recordBatch on the main thread, next to HTTP parsing, the worker hop and
 *    the SQLite commit that this bench leaves out.
 * 3. renderMetrics with 50 features × 10 models, OpenMetrics and text.
 *
 * Two shared cores: compare ratios within one run, not absolute times across runs.
 */
import { ROOT_CONTEXT } from '@opentelemetry/api';
import { Bench } from 'tinybench';
import type { ColumnarTable } from '../src/arrow/columns.js';
import { readTable } from '../src/arrow/read-table.js';
import { writeTable } from '../src/arrow/write-table.js';
import { referenceProfileFromTable } from '../src/engine/sketch-compare.js';
import { defaultSpec } from '../src/engine/spec.js';
import { sketchBatch } from '../src/sketches/sketch-batch.js';
import { cloneWindow, mergeWindowInto } from '../src/sketches/window-sketch.js';
import { binLatencies } from '../src/telemetry/latency-bins.js';
import { SPAN } from '../src/telemetry/span-names.js';
import { createTelemetry, type Telemetry } from '../src/telemetry/telemetry.js';
import { contextFromCarrier } from '../src/telemetry/trace-context.js';
import type { BatchRecord } from '../src/telemetry/types.js';
import { mulberry32, normals } from './generate-data.js';

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

function columnsOf(rows: number, features: number, seed: number): Record<string, Float64Array> {
  const rand = mulberry32(seed);
  const out: Record<string, Float64Array> = {};
  for (let c = 0; c < features; c++) out[`f${String(c).padStart(2, '0')}`] = normals(rows, rand, c, 1 + c / 10);
  return out;
}

const latencies = new Float64Array(1000).map((_, i) => 0.001 + (i % 97) * 0.003);

function telemetryWith(filter: 'always_off' | 'trace_based'): Telemetry {
  return createTelemetry({ env: { OTEL_METRICS_EXEMPLAR_FILTER: filter }, registerGlobal: false });
}

// ── 1. recordBatch alone ────────────────────────────────────────────────────
const off = telemetryWith('always_off');
const traced = telemetryWith('trace_based');
const sampled = traced.startServerSpan('bench', { traceparent: TRACEPARENT });
const bins = binLatencies(latencies);
const record = (t: Telemetry | null, latency: 'none' | 'column' | 'bins') => {
  const b: BatchRecord = {
    model: 'fraud',
    status: 'accepted',
    rows: 1000,
    seconds: 0.012,
    batchId: 'b-1',
    ctx: sampled.ctx,
    latencies: latency === 'column' ? latencies : undefined,
    latencyBins: latency === 'bins' ? bins : undefined,
  };
  return () => {
    t?.recordBatch(b);
  };
};
let sink = 0;
const micro = new Bench({ name: 'recordBatch', time: 1_000, warmupTime: 200 });
micro
  .add('no telemetry', record(null, 'none'))
  .add('always_off', record(off, 'none'))
  .add('trace_based, sampled span', record(traced, 'none'))
  .add('always_off + 1,000 latencies (column)', record(off, 'column'))
  .add('trace_based, sampled + 1,000 latencies (column)', record(traced, 'column'))
  .add('trace_based, sampled + 1,000 latencies (binned in the worker)', record(traced, 'bins'))
  .add('binLatencies(1,000) in the worker', () => {
    sink += binLatencies(latencies).count;
  });
await micro.run();

// ── 2. the ingest path, bare and instrumented ───────────────────────────────
interface Shape {
  rows: number;
  features: number;
}
const shapes: Shape[] = [
  { rows: 1_000, features: 20 },
  { rows: 10_000, features: 50 },
];
/**
 * Paired, interleaved timing in CPU time: each round times every case of a
 * shape for ROUND_MS, in rotated order, and the loss is taken per round
 * against the bare case of the same round; the median over rounds is
 * reported. On two shared cores this resists the drift that sequential
 * suites suffer. The `telemetry only` case runs the instrumentation without
 * the ingest work: its cost over (bare + it) is the loss it implies.
 */
const ROUNDS = 41;
const WARMUP_MS = 1_000;
const ROUND_MS = 100;
/** CPU milliseconds (user + system, this process) per call: other tenants' load does not count. */
function msPerCall(fn: () => void, ms: number): number {
  for (let i = 0; i < 3; i++) fn();
  let n = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    fn();
    n++;
  }
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000 / n;
}
/** The q-quantile (0..1) of xs, linear between order statistics. */
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (i - lo);
};
const median = (xs: number[]) => quantile(xs, 0.5);
const pathCases: { shape: Shape; name: string; mode: 'bare' | 'always_off' | 'trace_based' | 'telemetry only'; fn: () => void; ms: number[] }[] = [];
for (const shape of shapes) {
  const reference = readTable(writeTable(columnsOf(20_000, shape.features, 1)), 'reference');
  const profile = referenceProfileFromTable(reference as ColumnarTable, defaultSpec());
  const bytes = writeTable(columnsOf(shape.rows, shape.features, 2));
  const window = cloneWindow(sketchBatch(profile, readTable(bytes, 'warm')));
  const lat = new Float64Array(shape.rows).map((_, i) => latencies[i % latencies.length]);
  const work = () => {
    const table = readTable(bytes, 'batch');
    const delta = sketchBatch(profile, table);
    mergeWindowInto(profile, window, delta);
    sink += table.rows;
  };
  const instrumented = (t: Telemetry, doWork = true) => () => {
    const start = performance.now();
    const req = t.startServerSpan(SPAN.ingestRequest, { traceparent: TRACEPARENT });
    const decode = t.startSpan(SPAN.arrowDecode, undefined, req.ctx);
    const table = doWork ? readTable(bytes, 'batch') : null;
    decode.span.end();
    const profileSpan = t.startSpan(SPAN.workerProfile, undefined, req.ctx);
    const carrier = structuredClone(t.injectToCarrier(profileSpan.ctx)); // what crosses into the worker
    const workerCtx = contextFromCarrier(carrier);
    const delta = table ? sketchBatch(profile, table) : null;
    const latencyBins = binLatencies(lat); // in the worker, beside the decode
    sink += workerCtx === ROOT_CONTEXT ? 0 : 1;
    profileSpan.span.end();
    const fold = t.startSpan(SPAN.windowFold, undefined, req.ctx);
    if (delta) mergeWindowInto(profile, window, delta);
    fold.span.end();
    const store = t.startSpan(SPAN.storeWrite, undefined, req.ctx);
    t.recordStoreOp('foldBatch', 0.001, store.ctx);
    store.span.end();
    t.recordBatch({
      model: 'fraud',
      status: 'accepted',
      rows: shape.rows,
      seconds: (performance.now() - start) / 1000,
      latencyBins,
      batchId: 'b',
      ctx: req.ctx,
    });
    req.span.end();
  };
  const label = `${shape.rows.toLocaleString('en')} rows × ${shape.features} features`;
  for (const [mode, fn] of [
    ['bare', work],
    ['always_off', instrumented(off)],
    ['trace_based', instrumented(traced)],
    ['telemetry only', instrumented(traced, false)],
  ] as const) {
    const name = `${label}: ${
      mode === 'bare' ? 'no telemetry' : mode === 'telemetry only' ? 'telemetry only (trace_based, no ingest work)' : `spans + recordBatch, exemplars ${mode}`
    }`;
    pathCases.push({ shape, name, mode, fn, ms: [] });
  }
}
for (const shape of shapes) {
  const cases = pathCases.filter((c) => c.shape === shape);
  for (const c of cases) msPerCall(c.fn, WARMUP_MS); // let the JIT settle first
  for (let r = 0; r < ROUNDS; r++) {
    for (let k = 0; k < cases.length; k++) {
      const c = cases[(k + r) % cases.length];
      c.ms.push(msPerCall(c.fn, ROUND_MS));
    }
  }
}

// ── 3. renderMetrics, 50 features × 10 models ───────────────────────────────
const scrape = telemetryWith('trace_based');
const ctx = scrape.startServerSpan('bench', { traceparent: TRACEPARENT }).ctx;
for (let m = 0; m < 10; m++) {
  for (let b = 0; b < 20; b++) {
    scrape.recordBatch({ model: `model-${m}`, status: 'accepted', rows: 1000, seconds: 0.005 * (b + 1), latencies, batchId: `b${b}`, ctx });
  }
  scrape.recordEvaluation({
    model: `model-${m}`,
    window: '1h',
    status: 'ok',
    ctx,
    report: {
      features: Array.from({ length: 50 }, (_, i) => ({
        name: `feature_${i}`,
        drift: { method: i % 2 ? 'psi' : 'ks', score: ((i * 37) % 100) / 100, detected: i % 3 === 0 },
      })),
      dataset: { share: 0.34, drift_share: 0.5 },
      model: { current: { rows: 1000, accuracy: 0.91, f1: 0.87, roc_auc: 0.95 } },
    },
  });
}
const sizes: Record<string, number> = {};
const render = new Bench({ name: 'renderMetrics, 50 features × 10 models', time: 1_500, warmupTime: 300 });
for (const [name, accept] of [
  ['OpenMetrics (with exemplars)', 'application/openmetrics-text;version=1.0.0'],
  ['Prometheus text 0.0.4', 'text/plain;version=0.0.4'],
] as const) {
  sizes[name] = (await scrape.renderMetrics(accept)).body.length;
  render.add(name, async () => {
    sink += (await scrape.renderMetrics(accept)).body.length;
  });
}
await render.run();

// ── report ──────────────────────────────────────────────────────────────────
const mean = (b: Bench, name: string) => {
  const r = b.getTask(name)?.result;
  return r && 'latency' in r ? r.latency.mean : Number.NaN;
};
console.log(`\n${micro.name} (µs per call)`);
console.table(micro.tasks.map((t) => ({ case: t.name, 'µs (mean)': (mean(micro, t.name) * 1000).toFixed(2) })));

console.log(`\ningest path per batch, CPU time (median of ${ROUNDS} interleaved rounds; loss paired per round)`);
console.table(
  pathCases.map((c) => {
    const bare = pathCases.find((x) => x.shape === c.shape && x.mode === 'bare');
    const ms = median(c.ms);
    const losses = bare ? c.ms.map((m, r) => (c.mode === 'telemetry only' ? m / (bare.ms[r] + m) : 1 - bare.ms[r] / m)) : [];
    const pct = (q: number) => `${(quantile(losses, q) * 100).toFixed(1)} %`;
    return {
      case: c.name,
      'CPU ms per batch': ms.toFixed(3),
      'batches/s per core': Math.round(1000 / ms),
      'throughput loss (median)': c.mode === 'bare' ? '' : pct(0.5),
      'loss, middle half of rounds': c.mode === 'bare' ? '' : `${pct(0.25)} … ${pct(0.75)}`,
    };
  }),
);

console.log(`\n${render.name}`);
console.table(render.tasks.map((t) => ({ case: t.name, 'ms per scrape': mean(render, t.name).toFixed(2), bytes: sizes[t.name] })));

if (sink === -1) console.log(sink);
sampled.span.end();
await Promise.all([off.shutdown(), traced.shutdown(), scrape.shutdown()]);
