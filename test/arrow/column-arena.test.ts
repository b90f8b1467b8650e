import { describe, expect, it } from 'vitest';
import { ColumnArena } from '../../src/arrow/column-arena.js';
import { readTable } from '../../src/arrow/read-table.js';
import { writeTable } from '../../src/arrow/write-table.js';
import { numeric } from './arrow-test-utils.js';

describe('ColumnArena', () => {
  it('hands out disjoint views, and once it has grown to a table, the same memory for the next', () => {
    const arena = new ColumnArena();
    const a = arena.take(5).fill(1);
    const b = arena.take(3).fill(2); // grows: a stays where it was
    expect(Array.from(a)).toEqual([1, 1, 1, 1, 1]);
    expect(Array.from(b)).toEqual([2, 2, 2]);
    arena.reset();
    const again = [arena.take(5), arena.take(3)];
    expect(again.map((v) => v.buffer)).toEqual([b.buffer, b.buffer]);
    expect(again[0].byteOffset).toBe(0);
    expect(again[1].byteOffset).toBe(5 * 8);
  });

  it('grows without touching the views already taken, up to its limit, and keeps nothing beyond it', () => {
    const arena = new ColumnArena(1024); // 128 values
    const first = arena.take(100).fill(7);
    const second = arena.take(20).fill(8); // grows to its 128
    expect(second.buffer).not.toBe(first.buffer);
    expect(first.every((v) => v === 7)).toBe(true);
    const beyond = arena.take(200); // more than it keeps: new memory, not kept
    arena.reset();
    expect(arena.take(20).buffer).toBe(second.buffer);
    expect(arena.take(100).buffer).toBe(second.buffer);
    expect(arena.take(200).buffer).not.toBe(beyond.buffer);
  });
});

describe('readTable with allocValues', () => {
  it('converts float32, integer and multi-batch columns into the memory given, with the same values', () => {
    const n = 50;
    const columns = {
      f32: Float32Array.from({ length: n }, (_, i) => i / 3),
      i32: Int32Array.from({ length: n }, (_, i) => i * 1000 - 7),
      f64: Float64Array.from({ length: n }, (_, i) => Math.sqrt(i)),
      withNulls: Array.from({ length: n }, (_, i) => (i % 7 === 0 ? null : i)),
    };
    for (const batchRows of [n, 16]) {
      const bytes = writeTable(columns, { format: 'stream', batchRows });
      const plain = readTable(bytes, 'plain');
      const arena = new ColumnArena();
      // Memory that held something else: every value must be written.
      arena.take(4 * n).fill(Number.NaN);
      arena.reset();
      const asked: number[] = [];
      const viaArena = readTable(bytes, 'arena', {
        allocValues: (k) => {
          asked.push(k);
          return arena.take(k);
        },
      });
      for (const name of Object.keys(columns)) {
        expect(numeric(viaArena, name).values).toEqual(numeric(plain, name).values);
        expect(numeric(viaArena, name).valid).toEqual(numeric(plain, name).valid);
      }
      // A single float64 chunk (nulls or not) stays a view on the bytes: only the others asked for memory.
      expect(asked).toEqual(Array(batchRows === n ? 2 : 4).fill(n));
    }
  });
});
