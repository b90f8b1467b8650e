/**
 * Multivariate drift on 1,000,000 × 20 (reference and current each), step
 * by step, on the wasm and cpu backends:
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/multivariate.bench.js [--rows 1000000] [--features 20]
 *
 * Also compares the covariance on TF.js (float32 matMul) with a plain
 * float64 loop, the measurement behind computing it on TF.js.
 */
import { availableParallelism } from 'node:os';
import { loadTfBackend } from '../native-bindings/load-backend.js';
import type { Tf } from '../native-bindings/tf-types.js';
import { fitScaling } from '../src/multivariate/column-scaling.js';
import { covarianceF64 } from '../src/multivariate/covariance-f64.js';
import { covarianceTf } from '../src/multivariate/covariance-tf.js';
import { domainClassifierDrift } from '../src/multivariate/domain-classifier.js';
import { multivariateDrift } from '../src/multivariate/multivariate-drift.js';
import { fitPca } from '../src/multivariate/pca-fit.js';
import { reconstructionErrors } from '../src/multivariate/reconstruction-errors.js';
import { reconstructionErrorsTf } from '../src/multivariate/reconstruction-errors-tf.js';
import { ms } from './kernels-timing.js';
import { factorColumns } from './multivariate-data.js';

const args = process.argv.slice(2);
const argOf = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const ROWS = Number(argOf('--rows') ?? 1_000_000);
const FEATURES = Number(argOf('--features') ?? 20);
const BACKENDS = (argOf('--backends') ?? 'wasm,cpu').split(',') as ('wasm' | 'cpu')[];

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const out = fn();
  return [out, performance.now() - t0];
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const out = await fn();
  return [out, performance.now() - t0];
}

const lines: string[] = [];
lines.push(`Machine: ${availableParallelism()} cores, Node ${process.version}. ${ROWS.toLocaleString('en-US')} rows × ${FEATURES} features per side; one run each (seconds-scale steps).`);
lines.push('');
const [ref, tGen] = time(() => factorColumns(ROWS, FEATURES, 1));
const cur = factorColumns(ROWS, FEATURES, 2, true);
process.stderr.write(`data generated in ${ms(tGen)}\n`);

for (const backend of BACKENDS) {
  const { tf } = await loadTfBackend(backend);
  if (tf === null) continue;
  await multivariateDrift(factorColumns(2000, FEATURES, 9), factorColumns(2000, FEATURES, 10), { tf, seed: 1 }); // warm-up: imports tfjs-layers, compiles kernels
  const [scaling, tScale] = time(() => fitScaling(ref));
  const [covTf, tCovTf] = time(() => covarianceTf(tf as Tf, ref, scaling));
  const [covF64, tCovF64] = time(() => covarianceF64(ref, scaling));
  let maxDiff = 0;
  for (let k = 0; k < covTf.length; k++) maxDiff = Math.max(maxDiff, Math.abs(covTf[k] - covF64[k]));
  const [model, tFit] = time(() => fitPca(tf, ref, scaling, 0.65));
  const half = Int32Array.from({ length: ROWS >> 1 }, (_, i) => 2 * i);
  const [, tFitHalf] = time(() => fitPca(tf, ref, scaling, 0.65, half));
  const [, tErrTf] = time(() => {
    reconstructionErrorsTf(tf, model, ref);
    reconstructionErrorsTf(tf, model, cur);
  });
  const [, tErr] = time(() => {
    reconstructionErrors(model, ref);
    reconstructionErrors(model, cur);
  });
  const [clf, tClf] = await timeAsync(() => domainClassifierDrift(tf, ref, cur, scaling, { seed: 1, maxRows: 50_000, threshold: 0.55 }));
  const [whole, tWhole] = await timeAsync(() => multivariateDrift(ref, cur, { tf, seed: 1 }));
  lines.push(`TF.js ${backend}:`);
  lines.push('');
  lines.push('| step | time |');
  lines.push('|---|---:|');
  lines.push(`| standardisation fit (float64, 2 passes) | ${ms(tScale)} |`);
  lines.push(`| covariance, TF.js matMul (float32, 64k-row chunks, all rows) | ${ms(tCovTf)} |`);
  lines.push(`| covariance, plain float64 loop (all rows) | ${ms(tCovF64)} (max abs difference ${maxDiff.toExponential(1)}) |`);
  lines.push(`| PCA fit, all rows (covariance + Jacobi, ${model.k} of ${FEATURES} components) | ${ms(tFit)} |`);
  lines.push(`| PCA fit on half the reference (what the method does) | ${ms(tFitHalf)} |`);
  lines.push(`| reconstruction errors, all ${(2 * ROWS).toLocaleString('en-US')} rows, TF.js (float32) | ${ms(tErrTf)} |`);
  lines.push(`| reconstruction errors, all ${(2 * ROWS).toLocaleString('en-US')} rows, plain float64 | ${ms(tErr)} |`);
  lines.push(`| domain classifier (50,000 rows per side: 35,000 train, 15,000 held out; ${clf.steps} steps of 256) | ${ms(tClf)} |`);
  lines.push(`| **multivariateDrift, whole** | **${ms(tWhole)}** |`);
  lines.push('');
  lines.push(`Result (column 1's correlation with column 0 flipped): PCA current ${whole.pca_reconstruction.current_error.toFixed(4)} vs band [${whole.pca_reconstruction.lower.toFixed(4)}, ${whole.pca_reconstruction.upper.toFixed(4)}] → ${whole.pca_reconstruction.detected}; classifier AUC ${whole.domain_classifier.roc_auc.toFixed(4)} → ${whole.domain_classifier.detected}.`);
  lines.push('');
  process.stderr.write(`${backend} done\n`);
}
console.log(lines.join('\n'));
