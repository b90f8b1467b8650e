import { describe, expect, it } from 'vitest';
import { findStamp, stampBody } from '../../bench/stamp.js';
import { readTable } from '../../src/arrow/read-table.js';
import { writeTable } from '../../src/arrow/write-table.js';

describe('body stamps', () => {
  it('finds the marked value in real Arrow bodies and rewrites it, float64 and float32', () => {
    for (const width of [8, 4] as const) {
      const marks = [0.5 + 2 / 1024, 0.5 + 3 / 1024];
      const bodies = marks.map((m, i) => {
        const x = Float64Array.from({ length: 100 }, (_, j) => (j === 0 ? m : Math.sin(j + i)));
        return Buffer.from(writeTable({ f0: width === 8 ? x : Float32Array.from(x), f1: new Float64Array(100).fill(7) }, { format: 'stream' }));
      });
      const stamp = findStamp(bodies, marks, width);
      const seen = new Set<number>();
      for (let sent = 0; sent < 50; sent++) {
        stampBody(stamp, sent % 2, bodies[sent % 2], 0, sent);
        const col = readTable(bodies[sent % 2], 'stamped').byName.get('f0');
        if (col?.kind !== 'numerical') throw new Error('f0 is numerical');
        const v = col.values[0];
        expect(v).toBeGreaterThanOrEqual(-1);
        expect(v).toBeLessThan(1);
        expect(col.values[1]).toBeCloseTo(Math.sin(1 + (sent % 2)), 6);
        seen.add(v);
      }
      expect(seen.size).toBe(50);
    }
  });

  it('rewrites the value after a request head', () => {
    const body = Buffer.alloc(16);
    body.writeDoubleLE(0.75, 8);
    const stamp = findStamp([body], [0.75], 8);
    const request = Buffer.concat([Buffer.from('HEAD\r\n\r\n'), body]);
    stampBody(stamp, 0, request, 8, 3);
    expect(request.readDoubleLE(16)).toBe(((3 * 0.6180339887498949) % 1) * 2 - 1);
    expect(request.subarray(0, 8).toString()).toBe('HEAD\r\n\r\n');
  });

  it('refuses a body without the value, or with it twice', () => {
    const twice = Buffer.alloc(16);
    twice.writeDoubleLE(0.75, 0);
    twice.writeDoubleLE(0.75, 8);
    expect(() => findStamp([Buffer.alloc(16)], [0.75], 8)).toThrow(/exactly once/);
    expect(() => findStamp([twice], [0.75], 8)).toThrow(/exactly once/);
  });
});
