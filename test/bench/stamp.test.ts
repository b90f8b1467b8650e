import { describe, expect, it } from 'vitest';
import { findStamp, stampBody } from '../../bench/stamp.js';
import { readTable } from '../../src/arrow/read-table.js';
import { writeTable } from '../../src/arrow/write-table.js';

describe('body stamps', () => {
  it('finds the value where each body differs from its twin, and rewrites it, float64 and float32', () => {
    for (const width of [8, 4] as const) {
      const build = (i: number, first: number) => {
        // Float32 bodies full of one repeated value: searching for a value's bytes could not place the stamp.
        const x = Float64Array.from({ length: 100 }, (_, j) => (j === 0 ? first : j % 2 === 0 ? 0.5 : Math.sin(j + i)));
        return Buffer.from(writeTable({ f0: width === 8 ? x : Float32Array.from(x), f1: new Float64Array(100).fill(7) }, { format: 'stream' }));
      };
      const bodies = [0, 1].map((i) => build(i, 0.5));
      const stamp = findStamp(
        bodies,
        [0, 1].map((i) => build(i, -0.25)),
        width,
      );
      expect(stamp.at.every((a) => a % width === 0)).toBe(true);
      const seen = new Set<number>();
      for (let sent = 0; sent < 50; sent++) {
        stampBody(stamp, sent % 2, bodies[sent % 2], 0, sent);
        const col = readTable(bodies[sent % 2], 'stamped').byName.get('f0');
        if (col?.kind !== 'numerical') throw new Error('f0 is numerical');
        const v = col.values[0];
        expect(v).toBeGreaterThanOrEqual(-1);
        expect(v).toBeLessThan(1);
        expect(col.values[1]).toBeCloseTo(Math.sin(1 + (sent % 2)), 6);
        expect(col.values[2]).toBe(0.5);
        seen.add(v);
      }
      expect(seen.size).toBe(50);
    }
  });

  it('rewrites the value after a request head', () => {
    const body = Buffer.alloc(16);
    body.writeDoubleLE(0.75, 8);
    const twin = Buffer.alloc(16);
    twin.writeDoubleLE(0.25, 8);
    const stamp = findStamp([body], [twin], 8);
    expect(stamp.at).toEqual([8]);
    const request = Buffer.concat([Buffer.from('HEAD\r\n\r\n'), body]);
    stampBody(stamp, 0, request, 8, 3);
    expect(request.readDoubleLE(16)).toBe(((3 * 0.6180339887498949) % 1) * 2 - 1);
    expect(request.subarray(0, 8).toString()).toBe('HEAD\r\n\r\n');
  });

  it('refuses a twin that is the same, of another length, or different beyond one value', () => {
    const body = Buffer.alloc(24);
    const wide = Buffer.alloc(24);
    wide[7] = 1;
    wide[8] = 1;
    expect(() => findStamp([body], [Buffer.alloc(24)], 8)).toThrow(/exactly one aligned/);
    expect(() => findStamp([body], [wide], 8)).toThrow(/exactly one aligned/);
    expect(() => findStamp([body], [Buffer.alloc(16)], 8)).toThrow(/length/);
    expect(() => findStamp([body], [], 8)).toThrow(/twins/);
  });
});
