/**
 * Whole-run comparison against scipy on the same data, in one run:
 *
 *   npm run build && node dist/bench/whole-run.js [--rows 1000000] [--cols 20]
 *
 * 1. writes ROWS × COLS float64 reference/current Arrow files (bench/data/);
 * 2. times scipy/numpy computing KS + Wasserstein + PSI + JS column by column
 *    (math only, no I/O), and ks_2samp + wasserstein_distance + numpy PSI on
 *    one column;
 * 3. times the whole `driftgauge compare` process on the Arrow files (wall
 *    clock and peak RSS from /usr/bin/time), and one column's statistics
 *    in-process (sorts included);
 * 4. checks both sides agree, and prints the ratios against the targets.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeFeature } from '../src/engine/feature.js';
import type { NumericFeatureReport, Report } from '../src/engine/report.js';
import { benchArgs } from './cli-args.js';
import { generateBenchData } from './generate-data.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const { values } = benchArgs('npm run build && node dist/bench/whole-run.js [--rows 1000000] [--cols 20]', { options: { rows: { type: 'string', default: '1000000' }, cols: { type: 'string', default: '20' } } });
const rows = Number(values.rows);
const cols = Number(values.cols);
const dir = join(root, 'bench', 'data', `${rows}x${cols}`);

console.log(`generating ${rows} x ${cols} float64 in ${dir} ...`);
const data = generateBenchData(dir, rows, cols);
const arrowBytes = statSync(data.reference).size + statSync(data.current).size;

console.log('scipy/numpy ...');
const py = JSON.parse(execFileSync('/usr/bin/python3', [join(root, 'bench', 'scipy_drift.py'), dir], { encoding: 'utf8', maxBuffer: 1 << 26 }));

console.log('driftgauge compare ...');
const cli = join(root, 'dist', 'src', 'cli', 'main.js');
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
// scipy's side computes the univariate statistics only: the same work here (no multivariate section).
const args = ['compare', '--reference', data.reference, '--current', data.current, '--format', 'json', '--no-multivariate'];
const t0 = performance.now();
const run = timeBin
  ? spawnSync(timeBin, ['-f', 'RSS_KB %M', process.execPath, cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 })
  : spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
const wall = (performance.now() - t0) / 1000;
if (run.status !== 0) throw new Error(`driftgauge compare failed: ${run.stderr}`);
const rss = /RSS_KB (\d+)/.exec(run.stderr ?? '');
const peakBytes = rss ? Number(rss[1]) * 1024 : Number.NaN;
const report = JSON.parse(run.stdout) as Report;

let worst = 0;
for (const f of report.features as NumericFeatureReport[]) {
  const s = py.results[f.name];
  const pairs: [number | null | undefined, number][] = [
    [f.ks?.statistic, s.ks[0]],
    [f.wasserstein, s.wasserstein],
    [f.psi, s.psi],
    [f.jensen_shannon, s.js],
  ];
  for (const [ours, theirs] of pairs) worst = Math.max(worst, Math.abs((ours ?? Number.NaN) - theirs) / Math.max(Math.abs(theirs), 1e-300));
}

const ref0 = new Float64Array(readFileSync(join(dir, 'ref-f00.f64')).buffer.slice(0));
const cur0 = new Float64Array(readFileSync(join(dir, 'cur-f00.f64')).buffer.slice(0));
const times: number[] = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  computeFeature(
    { name: 'f00', kind: 'numerical', method: 'auto', threshold: null },
    10,
    { kind: 'numerical', name: 'f00', arrowType: 'float64', length: rows, values: ref0, valid: null },
    { kind: 'numerical', name: 'f00', arrowType: 'float64', length: rows, values: cur0, valid: null },
  );
  times.push((performance.now() - t) / 1000);
}
times.sort((a, b) => a - b);
const oneColumn = times[Math.floor(times.length / 2)];

const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}`;
const lines = [
  `machine: ${machine}`,
  `data: ${rows} x ${cols} float64, reference + current Arrow files ${(arrowBytes / 2 ** 20).toFixed(1)} MiB`,
  `one column, scipy ks_2samp + wasserstein_distance + numpy PSI: ${py.one_column_seconds.toFixed(3)} s`,
  `one column, driftgauge KS + Wasserstein + PSI + JS (both sorts included, median of 5): ${oneColumn.toFixed(3)} s  -> ratio ${(oneColumn / py.one_column_seconds).toFixed(3)} (target <= 0.5)`,
  `${cols} columns, scipy/numpy loop (math only): ${py.loop_seconds.toFixed(2)} s`,
  `${cols} columns, whole driftgauge compare process: ${wall.toFixed(2)} s  -> ratio ${(wall / py.loop_seconds).toFixed(3)} (target <= 0.1)`,
  `peak RSS of driftgauge compare: ${(peakBytes / 2 ** 20).toFixed(0)} MiB = ${(peakBytes / arrowBytes).toFixed(2)} x the Arrow files (target <= 3)`,
  `largest relative difference to scipy over KS statistic, Wasserstein, PSI, JS: ${worst.toExponential(2)}`,
];
console.log(`\n${lines.join('\n')}`);
