import { describe, expect, it } from 'vitest';
import { loadBatch } from '../../bench/load-batch.js';
import { readTable } from '../../src/arrow/read-table.js';

describe('load benchmark batches', () => {
  it('the same seed gives the same bytes; columns f0.. with the shifted means', () => {
    const a = loadBatch(2_000, 6, 7, 1);
    expect(Buffer.from(loadBatch(2_000, 6, 7, 1)).equals(Buffer.from(a))).toBe(true);
    const t = readTable(a, 'batch');
    expect(t.columns.map((c) => c.name)).toEqual(['f0', 'f1', 'f2', 'f3', 'f4', 'f5']);
    expect(t.rows).toBe(2_000);
    const mean = (name: string) => {
      const c = t.columns.find((x) => x.name === name);
      if (c?.kind !== 'numerical') throw new Error(name);
      return c.values.reduce((s, x) => s + x, 0) / c.values.length;
    };
    // Mean shift × (f mod 3): 0, 1, 2, 0, 1, 2 (sd ≤ 1.1, so ±0.1 holds by far at 2,000 rows).
    expect([0, 1, 2, 3, 4, 5].map((f) => Math.round(mean(`f${f}`)) + 0)).toEqual([0, 1, 2, 0, 1, 2]);
  });

  it('a twin differs in the first value of f0 only, also as float32; a timestamp column when asked', () => {
    for (const dtype of ['float64', 'float32'] as const) {
      const one = readTable(loadBatch(100, 3, 1, 0, { dtype, timestamp: 5 }), 'one');
      const twin = readTable(loadBatch(100, 3, 1, 0, { dtype, timestamp: 5, twin: true }), 'twin');
      expect(one.columns.map((c) => c.name)).toEqual(['f0', 'f1', 'f2', 'ts']);
      for (let c = 0; c < 4; c++) {
        const x = one.columns[c];
        const y = twin.columns[c];
        if (x.kind !== 'numerical' || y.kind !== 'numerical') throw new Error('numerical columns');
        const differ = x.values.map((v, i) => +(v !== y.values[i])).reduce((s, d) => s + d, 0);
        expect(differ).toBe(c === 0 ? 1 : 0);
        if (c === 0) expect(Math.sign(x.values[0])).toBe(-Math.sign(y.values[0]));
        if (c === 3) expect(Array.from(x.values).every((v) => v === 5)).toBe(true);
      }
    }
  });
});
