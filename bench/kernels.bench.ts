/**
 * The batch counting kernels, typed arrays vs TF.js (wasm, cpu; tfjs-node
 * when installed), 10^3 … 10^7 values, and the profiling throughput of a
 * 10,000-row × 50-feature batch:
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/kernels.bench.js [--max 1e7] [--json out.json]
 *
 * Prints Markdown tables (pasted into bench/RESULTS.md) and the measured
 * crossover per kernel and backend, the input of src/kernels/kernel-defaults.ts.
 * Every implementation's counts are checked against the typed kernel's
 * (TF.js may differ by values within float32 rounding of an edge: reported).
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { TfBackendName } from '../native-bindings/backend-choice.js';
import { loadTfBackend } from '../native-bindings/load-backend.js';
import type { KernelOp } from '../src/kernels/kernel-types.js';
import { createTfKernels } from '../src/kernels/tf-kernels.js';
import { typedBinCounts } from '../src/kernels/typed-bin-counts.js';
import { typedKernels } from '../src/kernels/typed-kernels.js';
import { binningBreakdown, type Step } from './kernels-breakdown.js';
import { codeBatch, labelBatch, numericBatch } from './kernels-data.js';
import { medianMs, ms } from './kernels-timing.js';

const args = process.argv.slice(2);
const argOf = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const MAX = Number(argOf('--max') ?? 1e7);
const SIZES = [1e3, 1e4, 1e5, 1e6, 1e7].filter((n) => n <= MAX);

/** TF.js backends to measure: wasm and cpu always, the native ones when they load. */
async function backends(): Promise<TfBackendName[]> {
  const out: TfBackendName[] = [];
  for (const name of ['node-gpu', 'node', 'wasm', 'cpu'] as const) {
    try {
      await loadTfBackend(name);
      out.push(name);
    } catch {
      // not installed here
    }
  }
  return out;
}

interface Case {
  op: KernelOp;
  label: string;
  values: number;
  typed: () => Uint32Array[];
  typedSearch?: () => Uint32Array[];
  tf: (k: ReturnType<typeof createTfKernels>) => Uint32Array[];
}

function cases(values: number): Case[] {
  const out: Case[] = [];
  for (const k of [9, 2049]) {
    const features = 10;
    const { columns, edges } = numericBatch(features, Math.max(1, values / features), k, 1);
    out.push({
      op: 'binCounts',
      label: `binCounts, 10 features, ${k} edges`,
      values,
      typed: () => typedBinCounts(columns, edges),
      typedSearch: () => typedBinCounts(columns, edges, undefined, 'search'),
      tf: (kern) => kern.binCounts(columns, edges),
    });
  }
  const codes = codeBatch(5, values / 5, 50, 2);
  const sizes = [50, 50, 50, 50, 50];
  out.push({ op: 'categoryCounts', label: 'categoryCounts, 5 columns, 50 categories', values, typed: () => typedKernels.categoryCounts(codes, sizes), tf: (kern) => kern.categoryCounts(codes, sizes) });
  const { yTrue, yPred, scores } = labelBatch(values, 3, 3);
  out.push({ op: 'confusionCounts', label: 'confusionCounts, 3 classes', values, typed: () => [typedKernels.confusionCounts(yTrue, yPred, 3)], tf: (kern) => [kern.confusionCounts(yTrue, yPred, 3)] });
  const labels = yTrue.map((t) => (t === 1 ? 1 : 0));
  const histEdges = Float64Array.from({ length: 19 }, (_, j) => (j + 1) / 20);
  out.push({ op: 'labelHistogram', label: 'labelHistogram, 2 labels, 19 edges', values, typed: () => typedKernels.labelHistogram(scores, labels, 2, histEdges), tf: (kern) => kern.labelHistogram(scores, labels, 2, histEdges) });
  return out;
}

function differences(a: Uint32Array[], b: Uint32Array[]): number {
  let moved = 0;
  a.forEach((ca, f) => {
    ca.forEach((v, j) => {
      moved += Math.abs(v - b[f][j]);
    });
  });
  return moved / 2;
}

interface Row {
  label: string;
  op: KernelOp;
  values: number;
  typed: number;
  typedSearch?: number;
  tf: Record<string, number>;
  moved: Record<string, number>;
}

const available = await backends();
const rows: Row[] = [];
for (const values of SIZES) {
  for (const c of cases(values)) {
    const budget = values >= 1e7 ? 4000 : 1500;
    const expected = c.typed();
    const row: Row = { label: c.label, op: c.op, values, typed: medianMs(c.typed, { budgetMs: budget }), tf: {}, moved: {} };
    if (c.typedSearch) row.typedSearch = medianMs(c.typedSearch, { budgetMs: budget });
    for (const name of available) {
      const { tf } = await loadTfBackend(name);
      if (tf === null) continue;
      const kern = createTfKernels(tf);
      row.moved[name] = differences(expected, c.tf(kern));
      row.tf[name] = medianMs(() => c.tf(kern), { budgetMs: budget, maxRuns: values >= 1e7 ? 5 : 25 });
    }
    rows.push(row);
    process.stderr.write(`${c.label} @ ${values.toExponential(0)}: typed ${ms(row.typed)}${Object.entries(row.tf).map(([b, t]) => `, ${b} ${ms(t)}`).join('')}\n`);
  }
}

// Profiling throughput: one 10,000-row × 50-feature batch against sketch-size (2,049) and PSI-size (9) edges.
const profiling: { edges: number; impl: string; ms: number; rowsPerSec: number }[] = [];
for (const k of [2049, 9]) {
  const { columns, edges } = numericBatch(50, 10_000, k, 7);
  const t = medianMs(() => typedBinCounts(columns, edges), { budgetMs: 2000 });
  profiling.push({ edges: k, impl: 'typed', ms: t, rowsPerSec: 10_000 / (t / 1000) });
  for (const name of available) {
    const { tf } = await loadTfBackend(name);
    if (tf === null) continue;
    const kern = createTfKernels(tf);
    const tt = medianMs(() => kern.binCounts(columns, edges), { budgetMs: 2000 });
    profiling.push({ edges: k, impl: `tfjs ${name}`, ms: tt, rowsPerSec: 10_000 / (tt / 1000) });
  }
}

// The measured reason: each step of TF.js batch binning at 10^6 values (10 features × 100,000 rows, 9 edges).
const breakdown: { backend: string; steps: Step[] }[] = [];
{
  const { columns, edges } = numericBatch(10, 100_000, 9, 1);
  for (const name of available) {
    const { tf } = await loadTfBackend(name);
    if (tf !== null) breakdown.push({ backend: name, steps: binningBreakdown(tf, columns, edges) });
  }
}

const ops = [...new Set(rows.map((r) => r.label))];
const lines: string[] = [];
lines.push(`Machine: ${availableParallelism()} cores, Node ${process.version}, TF.js backends measured: ${available.join(', ')}. Median of repeated runs.`);
lines.push('');
lines.push(`| kernel | values | typed (default) | typed (binary search) | ${available.map((b) => `TF.js ${b}`).join(' | ')} | fastest | values moved by float32 |`);
lines.push(`|---|---:|---:|---:|${available.map(() => '---:|').join('')}---|---|`);
for (const label of ops) {
  for (const r of rows.filter((x) => x.label === label)) {
    const all: [string, number][] = [['typed', Math.min(r.typed, r.typedSearch ?? Number.POSITIVE_INFINITY)], ...Object.entries(r.tf).map(([b, t]): [string, number] => [`TF.js ${b}`, t])];
    const best = all.reduce((a, b) => (b[1] < a[1] ? b : a));
    const moved = Object.entries(r.moved).map(([b, m]) => `${b} ${m}`).join(', ');
    lines.push(`| ${label} | ${r.values.toExponential(0)} | ${ms(r.typed)} | ${r.typedSearch === undefined ? '–' : ms(r.typedSearch)} | ${available.map((b) => ms(r.tf[b])).join(' | ')} | ${best[0]} | ${moved} |`);
  }
}
lines.push('');
lines.push('Profiling throughput, binning one 10,000-row × 50-feature batch (500,000 values):');
lines.push('');
lines.push('| edges per feature | implementation | time | rows/s |');
lines.push('|---:|---|---:|---:|');
for (const p of profiling) lines.push(`| ${p.edges} | ${p.impl} | ${ms(p.ms)} | ${Math.round(p.rowsPerSec).toLocaleString('en-US')} |`);
lines.push('');
lines.push('Where TF.js batch binning spends its time, 10^6 values (10 features × 100,000 rows, 9 edges):');
lines.push('');
lines.push(`| step | ${breakdown.map((b) => b.backend).join(' | ')} |`);
lines.push(`|---|${breakdown.map(() => '---:|').join('')}`);
if (breakdown.length > 0) {
  breakdown[0].steps.forEach((s, i) => {
    lines.push(`| ${s.step} | ${breakdown.map((b) => ms(b.steps[i].ms)).join(' | ')} |`);
  });
}
lines.push('');
lines.push('Crossover (smallest batch where TF.js beat the best typed kernel; – = never):');
lines.push('');
for (const name of available) {
  const cells = (['binCounts', 'categoryCounts', 'confusionCounts', 'labelHistogram'] as KernelOp[]).map((op) => {
    const win = rows.filter((r) => r.op === op && r.tf[name] < Math.min(r.typed, r.typedSearch ?? Number.POSITIVE_INFINITY));
    return `${op} ${win.length ? Math.min(...win.map((r) => r.values)).toExponential(0) : '–'}`;
  });
  lines.push(`- ${name}: ${cells.join(', ')}`);
}
console.log(lines.join('\n'));
const jsonOut = argOf('--json');
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ rows, profiling, breakdown }, null, 2));
