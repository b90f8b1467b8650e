/**
 * A seeded synthetic credit-scoring dataset for the examples and the demo:
 * numerical and categorical features, a binary target, a prediction and a
 * score. `drift` (0 = none, 1 = strong) shifts income and age, moves the
 * country mix, adds a country the reference never saw and weakens the model.
 */
import { TimestampMillisecond, vectorFromArray } from 'apache-arrow';
import { writeTable } from '../arrow/write-table.js';
import { mulberry32 } from '../multivariate/seeded-random.js';

export { mulberry32 };


function normal(r: () => number): number {
  return Math.sqrt(-2 * Math.log(r() || 1e-300)) * Math.cos(2 * Math.PI * r());
}

function pick<T>(r: () => number, items: readonly T[], weights: readonly number[]): T {
  let u = r() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < items.length; i++) {
    u -= weights[i];
    if (u < 0) return items[i];
  }
  return items[items.length - 1];
}

export interface SyntheticBatch {
  age: (number | null)[];
  income: Float64Array;
  tenure_months: Int32Array;
  country: (string | null)[];
  plan: string[];
  label: Int8Array;
  pred: Int8Array;
  proba: Float64Array;
  latency: Float64Array;
  ts: Float64Array;
}

export const SYNTHETIC_SPEC = {
  task: 'binary',
  positive_class: 1,
  columns: {
    age: { role: 'feature', kind: 'numerical' },
    income: { role: 'feature' },
    tenure_months: { role: 'feature' },
    country: { role: 'feature', kind: 'categorical' },
    plan: { role: 'feature' },
    label: { role: 'target' },
    pred: { role: 'prediction' },
    proba: { role: 'score' },
    latency: { role: 'latency' },
    ts: { role: 'timestamp' },
  },
  drift: { method: 'auto', threshold: null, drift_share: 0.5, psi_bins: 10 },
} as const;

export function syntheticBatch(rows: number, seed: number, drift = 0, startMs = Date.UTC(2026, 10, 25), spanMs = 3_600_000): SyntheticBatch {
  const r = mulberry32(seed);
  const countries = ['DE', 'FR', 'IT', 'ES', 'NL', 'PL'];
  const weights = [0.4 - 0.2 * drift, 0.25, 0.15, 0.1, 0.1, 0.2 * drift];
  const out: SyntheticBatch = {
    age: [],
    income: new Float64Array(rows),
    tenure_months: new Int32Array(rows),
    country: [],
    plan: [],
    label: new Int8Array(rows),
    pred: new Int8Array(rows),
    proba: new Float64Array(rows),
    latency: new Float64Array(rows),
    ts: new Float64Array(rows),
  };
  for (let i = 0; i < rows; i++) {
    const age = Math.round(40 + 5 * drift + 12 * normal(r));
    out.age.push(r() < 0.01 ? null : Math.min(95, Math.max(18, age)));
    out.income[i] = Math.exp(10.5 + 0.3 * drift + 0.6 * normal(r));
    out.tenure_months[i] = Math.floor(-Math.log(r() || 1e-300) * 24);
    out.country.push(r() < 0.005 ? null : pick(r, countries, weights));
    out.plan.push(pick(r, ['free', 'pro', 'team'], [0.6, 0.3, 0.1]));
    const z = 0.8 * ((out.income[i] - 40000) / 25000) - 0.02 * (age - 40) + normal(r) * 0.7;
    out.label[i] = r() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    const noise = normal(r) * (0.6 + 1.2 * drift);
    const p = 1 / (1 + Math.exp(-(z + noise)));
    out.proba[i] = Math.round(p * 1000) / 1000;
    out.pred[i] = out.proba[i] >= 0.5 ? 1 : 0;
    out.latency[i] = 0.004 + Math.exp(-5 + 0.5 * normal(r));
    out.ts[i] = startMs + Math.floor((i / rows) * spanMs);
  }
  return out;
}

/** The batch as Arrow IPC bytes (timestamps as a real Arrow timestamp column). */
export function syntheticArrow(batch: SyntheticBatch, format: 'file' | 'stream' = 'stream', withTimestamp = true): Uint8Array {
  const columns: Record<string, Parameters<typeof writeTable>[0][string]> = {
    age: batch.age,
    income: batch.income,
    tenure_months: batch.tenure_months,
    country: batch.country,
    plan: batch.plan,
    label: batch.label,
    pred: batch.pred,
    proba: batch.proba,
    latency: batch.latency,
  };
  if (withTimestamp) columns.ts = vectorFromArray(Array.from(batch.ts), new TimestampMillisecond());
  return writeTable(columns, { format, dictionary: ['plan'] });
}
