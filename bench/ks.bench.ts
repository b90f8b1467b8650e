/**
 * Two-sample Kolmogorov-Smirnov kernels on sorted normals (seeded):
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/ks.bench.js
 *
 * - 1e6 vs 1e6 takes the asymptotic path: the merge for D, then kstwo.sf at
 *   n = 500000 (Pelz-Good when p is moderate; Smirnov's O(n) sum when the
 *   shift makes p < ~0.02, the slowest asymptotic case).
 * - 1e4 vs 1e4 takes the exact path (equal sizes: the O(n) reflection formula);
 *   1e4 vs 9999 the exact lattice-path recursion, O(n1 · band), whose worst
 *   case is a D near 1 (≈ 10^8 cells).
 * For scale: scipy 1.10.1 `_compute_outer_prob_inside_method(10000, 9999, …)`
 * takes ≈ 0.08 s at D = 0.02 and ≈ 1 s at D = 1 on the same machine.
 */
import { Bench } from 'tinybench';
import { mulberry32 } from '../src/multivariate/seeded-random.js';
import { ksStatisticSorted } from '../src/stats/ks-statistic-sorted.js';
import { ksTwoSampleSorted } from '../src/stats/ks-two-sample.js';


/** n sorted N(mean, 1) values (Box-Muller). */
function sortedNormals(n: number, seed: number, mean = 0): Float64Array {
  const rand = mulberry32(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const r = Math.sqrt(-2 * Math.log(rand() || Number.MIN_VALUE));
    const v = 2 * Math.PI * rand();
    out[i] = mean + r * Math.cos(v);
    if (i + 1 < n) out[i + 1] = mean + r * Math.sin(v);
  }
  return out.sort();
}

const bigA = sortedNormals(1_000_000, 1);
const bigB = sortedNormals(1_000_000, 2);
const bigShifted = sortedNormals(1_000_000, 3, 0.008);
const smallA = sortedNormals(10_000, 4);
const smallB = sortedNormals(10_000, 5, 0.02);
const oddB = sortedNormals(9_999, 6, 0.02);
const farB = sortedNormals(9_999, 7, 10);

const bench = new Bench({ name: 'two-sample Kolmogorov-Smirnov, sorted normals', time: 2_000, iterations: 10, warmupIterations: 3 });
let sink = 0;
bench
  .add('ksStatisticSorted 1e6 vs 1e6', () => {
    sink += ksStatisticSorted(bigA, bigB);
  })
  .add('ksTwoSampleSorted 1e6 vs 1e6 (asymp, Pelz-Good)', () => {
    sink += ksTwoSampleSorted(bigA, bigB).pvalue;
  })
  .add('ksTwoSampleSorted 1e6 vs 1e6 shifted (asymp, Smirnov sum)', () => {
    sink += ksTwoSampleSorted(bigA, bigShifted).pvalue;
  })
  .add('ksStatisticSorted 1e4 vs 1e4', () => {
    sink += ksStatisticSorted(smallA, smallB);
  })
  .add('ksTwoSampleSorted 1e4 vs 1e4 (exact, equal sizes)', () => {
    sink += ksTwoSampleSorted(smallA, smallB).pvalue;
  })
  .add('ksTwoSampleSorted 1e4 vs 9999 (exact, lattice paths)', () => {
    sink += ksTwoSampleSorted(smallA, oddB).pvalue;
  })
  .add('ksTwoSampleSorted 1e4 vs 9999 separated (exact, worst case)', () => {
    sink += ksTwoSampleSorted(smallA, farB).pvalue;
  });

await bench.run();
console.log(`${bench.name} (checksum ${sink.toFixed(6)})`);
console.table(bench.table());
