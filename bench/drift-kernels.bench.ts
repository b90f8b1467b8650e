/**
 * Drift kernels on 1,000,000 float64 values (seeded normal data; the current
 * sample is shifted by 0.1 and has 1% NaN for finiteValues):
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/drift-kernels.bench.js
 *
 * The sort rows copy the unsorted data back before every iteration (the copy,
 * ~1 ms, is inside the measured time for both rows). Everything after the sort
 * reads sorted arrays: the quantile edges are 9 index look-ups and the sorted
 * bin counts 9 binary searches, so those rows are in microseconds.
 * For scale, on the same machine (PERFORMANCE.md): scipy 1.10
 * wasserstein_distance 0.83 s on 1M vs 1M; numpy 10 decile bins + counts 0.06 s.
 */
import { Bench } from 'tinybench';
import { mulberry32 } from '../src/multivariate/seeded-random.js';
import { finiteValues } from '../src/stats/finite-values.js';
import { jensenShannon } from '../src/stats/jensen-shannon.js';
import { psi } from '../src/stats/psi.js';
import { countBins, countBinsSorted, numericBinsSorted } from '../src/stats/psi-bins.js';
import { sortFloat64 } from '../src/stats/sort-float64.js';
import { stdPopulation } from '../src/stats/std-population.js';
import { wassersteinSorted } from '../src/stats/wasserstein-sorted.js';

const ROWS = 1_000_000;


function normals(n: number, seed: number, mean: number): Float64Array {
  const rand = mulberry32(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const r = Math.sqrt(-2 * Math.log(rand() || Number.MIN_VALUE));
    const v = 2 * Math.PI * rand();
    out[i] = mean + r * Math.cos(v);
    if (i + 1 < n) out[i + 1] = mean + r * Math.sin(v);
  }
  return out;
}

const refRaw = normals(ROWS, 1, 0);
const curRaw = normals(ROWS, 2, 0.1);
for (let i = 0; i < ROWS; i += 100) curRaw[i] = Number.NaN;
const refSorted = refRaw.slice().sort();
const curFinite = finiteValues(curRaw, null).values;
const curSorted = curFinite.slice().sort();
const bins = numericBinsSorted(refSorted, curSorted, 10);
const refCounts = countBinsSorted(refSorted, bins);
const curCounts = countBinsSorted(curSorted, bins);
const work = new Float64Array(ROWS);
const scratch = new Uint32Array(2 * ROWS);

const bench = new Bench({ name: 'drift kernels, 1e6 values', time: 2_000, iterations: 10, warmupIterations: 3 });
let sink = 0;
bench
  .add('Float64Array.prototype.sort', () => {
    work.set(refRaw);
    sink += work.sort()[0];
  })
  .add('sortFloat64 (radix)', () => {
    work.set(refRaw);
    sink += sortFloat64(work)[0];
  })
  .add('sortFloat64 (radix, reused scratch)', () => {
    work.set(refRaw);
    sink += sortFloat64(work, scratch)[0];
  })
  .add('finiteValues (1% NaN)', () => {
    sink += finiteValues(curRaw, null).missing;
  })
  .add('numericBinsSorted (quantile edges)', () => {
    const b = numericBinsSorted(refSorted, curSorted, 10);
    sink += b.kind === 'edges' ? b.edges.length : b.values.length;
  })
  .add('countBinsSorted (9 edges)', () => {
    sink += countBinsSorted(curSorted, bins)[0];
  })
  .add('countBins (9 edges, unsorted)', () => {
    sink += countBins(curFinite, bins)[0];
  })
  .add('wassersteinSorted', () => {
    sink += wassersteinSorted(refSorted, curSorted);
  })
  .add('stdPopulation', () => {
    sink += stdPopulation(refSorted);
  })
  .add('jensenShannon + psi (10 bins)', () => {
    sink += jensenShannon(refCounts, curCounts) + psi(refCounts, curCounts);
  });

await bench.run();
console.log(bench.name);
console.table(bench.table());
if (Number.isNaN(sink)) console.log('unreachable: keeps the results alive');
