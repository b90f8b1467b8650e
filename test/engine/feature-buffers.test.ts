import { describe, expect, it } from 'vitest';
import { computeFeature } from '../../src/engine/feature.js';
import type { FeaturePlan } from '../../src/engine/plan.js';
import { warmUpNumericFeature } from '../../src/engine/warm-up.js';
import { ksStatisticSorted } from '../../src/stats/ks-statistic-sorted.js';
import { wassersteinSorted } from '../../src/stats/wasserstein-sorted.js';
import { numeric } from '../helpers/tables.js';
import { normals } from '../stats/sort-test-data.js';

const plan = (name: string): FeaturePlan => ({ name, kind: 'numerical', method: 'auto', threshold: null });

/** Values with a few nulls and NaNs, as a column. */
function column(name: string, n: number, seed: number, shift: number) {
  const values: (number | null)[] = [...normals(n, seed, shift)];
  for (let i = 0; i < n; i += 101) values[i] = i % 2 ? null : Number.NaN;
  return numeric(name, values);
}

describe('computeFeature on reused sample buffers', () => {
  it('gives the same report for a feature before and after bigger and smaller ones', () => {
    const a = [column('a', 50_000, 1, 0), column('a', 40_000, 2, 0.1)] as const;
    const big = [column('b', 120_000, 3, 0), column('b', 90_000, 4, 0.3)] as const;
    const small = [column('c', 3000, 5, 0), column('c', 5000, 6, -0.2)] as const;
    const first = computeFeature(plan('a'), 10, ...a);
    computeFeature(plan('b'), 10, ...big);
    computeFeature(plan('c'), 10, ...small);
    expect(computeFeature(plan('a'), 10, ...a)).toEqual(first);
  });

  it('reports KS and Wasserstein bit for bit as the separate kernels', () => {
    const [ref, cur] = [column('x', 30_000, 7, 0), column('x', 20_000, 8, 0.05)];
    const report = computeFeature(plan('x'), 10, ref, cur);
    const finite = (c: typeof ref) => c.values.filter((v, i) => (c.valid === null || c.valid[i] === 1) && Number.isFinite(v)).sort();
    const a = finite(ref);
    const b = finite(cur);
    expect(report.kind).toBe('numerical');
    if (report.kind !== 'numerical') return;
    expect(report.ks?.statistic).toBe(ksStatisticSorted(a, b));
    expect(report.wasserstein).toBe(wassersteinSorted(a, b));
    expect(report.missing).toEqual({ reference: ref.length - a.length, current: cur.length - b.length });
  });
});

describe('warmUpNumericFeature', () => {
  it('runs without changing what computeFeature reports next', () => {
    const [ref, cur] = [column('w', 20_000, 9, 0), column('w', 20_000, 10, 0.5)];
    const before = computeFeature(plan('w'), 10, ref, cur);
    warmUpNumericFeature();
    expect(computeFeature(plan('w'), 10, ref, cur)).toEqual(before);
  });
});
