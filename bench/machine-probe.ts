/**
 * How fast this machine is right now, measured with the service's own ingest
 * kernel in a fresh process while the server is idle: decode and sketch one
 * batch (`readTable` + `sketchBatch`, 10,000 rows × 50 features against a
 * 50,000-row reference, without the row sample). On this shared 2-vCPU VM
 * the same build's max-load throughput moves by ±20% between runs minutes
 * apart (bench/RESULTS.md); a probe before and after each run says whether
 * the machine, not the code, moved.
 *
 *   npm run build && node dist/bench/machine-probe.js   # {"medianMs":5.6,"minMs":5.2,"rounds":75}
 *   formatProbe(probeMachine());                         // "cpu0 5.84 ms (5.39), cpu1 9.09 ms (7.21)"
 *
 * `probeMachine` runs it once per CPU, pinned with `taskset`: this VM's
 * vCPUs differ (pinned in turn, a minute apart: 5.8 and 9.1 ms medians,
 * then 5.8 and 9.1, then 9.9 and 10.6).
 *
 * Its own process: inside the load generator (a heap of 32 request bodies,
 * timers sampling the server) the same probe read 7 to 13.5 ms where a fresh
 * process reads ~5.5.
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { readTable } from '../src/arrow/read-table.js';
import { DRIFT_METHOD_NAMES } from '../src/engine/drift-methods.js';
import { referenceProfileFromTable } from '../src/engine/sketch-compare.js';
import { validateSpec } from '../src/engine/spec.js';
import { sketchBatch } from '../src/sketches/sketch-batch.js';
import { createWindowSketch, resetWindowSketch } from '../src/sketches/window-sketch.js';
import { loadBatch } from './load-batch.js';

/** A probe's result: decode + sketch of one batch, the median and the fastest of `rounds` after a warm-up. */
export interface ProbeResult {
  medianMs: number;
  minMs: number;
  rounds: number;
}

/** Rounds not counted: the first calls run in V8's lower tiers. */
const WARM_ROUNDS = 30;
const ROUNDS = 75;

/** Runs the probe in this process. */
export function measureHere(rounds = ROUNDS): ProbeResult {
  const spec = validateSpec({ columns: {}, multivariate: false }, 'probe spec', DRIFT_METHOD_NAMES);
  const profile = referenceProfileFromTable(readTable(loadBatch(50_000, 50, 1, 0), 'probe reference'), spec);
  const bytes = loadBatch(10_000, 50, 2, 0.1);
  const window = createWindowSketch(profile);
  const once = () => {
    const t0 = performance.now();
    sketchBatch(profile, readTable(bytes, 'probe batch'), resetWindowSketch(profile, window));
    return performance.now() - t0;
  };
  for (let i = 0; i < WARM_ROUNDS; i++) once();
  const times = Array.from({ length: rounds }, once).sort((a, b) => a - b);
  return { medianMs: times[Math.floor(rounds / 2)], minMs: times[0], rounds };
}

/** Runs the probe in a fresh node process (this file's compiled form), pinned to `cpu` with `taskset` when given. */
function probeProcess(cpu?: number): ProbeResult {
  const probe = [process.execPath, fileURLToPath(import.meta.url)];
  const [file, ...args] = cpu === undefined ? probe : ['taskset', '-c', String(cpu), ...probe];
  return JSON.parse(execFileSync(file, args, { encoding: 'utf8' })) as ProbeResult;
}

/**
 * The probe on each CPU in turn (pinned with `taskset`), or once unpinned where `taskset` is
 * missing: this VM's two vCPUs are not equally fast, and not always the same one is slower
 * (bench/RESULTS.md, eleventh session).
 */
export function probeMachine(): { cpu: number | null; result: ProbeResult }[] {
  const cpus = availableParallelism();
  try {
    return Array.from({ length: cpus }, (_, cpu) => ({ cpu, result: probeProcess(cpu) }));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    return [{ cpu: null, result: probeProcess() }];
  }
}

/** `probeMachine`'s readings in one line: "cpu0 5.84 ms (5.39), cpu1 9.09 ms (7.21)", median (fastest). */
export function formatProbe(readings: { cpu: number | null; result: ProbeResult }[]): string {
  return readings
    .map(({ cpu, result }) => `${cpu === null ? 'unpinned' : `cpu${cpu}`} ${result.medianMs.toFixed(2)} ms (${result.minMs.toFixed(2)})`)
    .join(', ');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = measureHere();
  console.log(JSON.stringify({ medianMs: Number(r.medianMs.toFixed(2)), minMs: Number(r.minMs.toFixed(2)), rounds: r.rounds }));
}
