/**
 * Multivariate drift by domain classifier: sample equally many rows from the
 * reference and the current data (up to `maxRows` each), train an MLP to
 * tell them apart on 70% of them, and score the other 30%. ROC AUC ≈ 0.5
 * when the two are one distribution; drift when AUC > 0.55.
 *
 * Under no drift the held-out AUC is unbiased (the model never saw those
 * rows): its spread is √((n₁ + n₂ + 1) / (12 n₁ n₂)) ≈ 0.0105 for 1,500 rows
 * per side, so 0.55 sits ~5σ out and false alarms need real structure.
 */
import type { Tf } from '../../native-bindings/tf-types.js';
import { rocAuc } from '../stats/roc-auc.js';
import { type Scaling, standardizedRows } from './column-scaling.js';
import { MLP_DEFAULTS, trainAndScore } from './mlp-classifier.js';
import type { DomainClassifierResult } from './multivariate-types.js';
import { deriveSeed, mulberry32, sampleIndices } from './seeded-random.js';

/** Options of {@link domainClassifierDrift}. */
export interface DomainClassifierOptions {
  seed: number;
  maxRows: number;
  threshold: number;
}

const HELD_OUT = 0.3;

/** Concatenates row-major blocks. */
function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The domain classifier section of the report. */
export async function domainClassifierDrift(
  tf: Tf,
  ref: readonly Float64Array[],
  cur: readonly Float64Array[],
  scaling: Scaling,
  opts: DomainClassifierOptions,
): Promise<DomainClassifierResult> {
  const d = ref.length;
  const rows = Math.min(ref[0].length, cur[0].length, opts.maxRows);
  const rand = mulberry32(deriveSeed(opts.seed, 10));
  const refRows = sampleIndices(ref[0].length, rows, rand);
  const curRows = sampleIndices(cur[0].length, rows, rand);
  const test = Math.max(1, Math.round(rows * HELD_OUT));
  const train = rows - test;
  // Sampled rows come in random order, so the first `train` of each side train and the rest are held out.
  const xTrain = concat([standardizedRows(ref, scaling, refRows, 0, train), standardizedRows(cur, scaling, curRows, 0, train)]);
  const yTrain = new Float32Array(2 * train).fill(1, train);
  const xTest = concat([standardizedRows(ref, scaling, refRows, train, rows), standardizedRows(cur, scaling, curRows, train, rows)]);
  const yTest = new Uint8Array(2 * test).fill(1, test);
  const { logits, steps } = await trainAndScore(tf, xTrain, yTrain, xTest, d, { ...MLP_DEFAULTS, seed: deriveSeed(opts.seed, 11) });
  const auc = rocAuc(yTest, logits);
  return { roc_auc: auc, threshold: opts.threshold, detected: auc > opts.threshold, rows, held_out: 2 * test, steps };
}
