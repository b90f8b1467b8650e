import { type Dictionary, tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { writeTable } from '../../src/arrow/write-table.js';

const MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31];

describe('writeTable', () => {
  it('writes the file format by default and the stream format on request', () => {
    expect(Array.from(writeTable({ x: Float64Array.of(1) }).subarray(0, 6))).toEqual(MAGIC);
    expect(Array.from(writeTable({ x: Float64Array.of(1) }, { format: 'stream' }).subarray(0, 4))).toEqual([0xff, 0xff, 0xff, 0xff]);
  });

  it('infers Arrow types from plain arrays, keeping nulls', () => {
    const table = tableFromIPC(writeTable({ n: [1, null], s: ['a', null], b: [true, null], i: [1n, null], t: Int32Array.of(1, 2) }));
    expect(table.schema.fields.map((f) => String(f.type))).toEqual(['Float64', 'Utf8', 'Bool', 'Int64', 'Int32']);
    expect(table.getChild('s')?.toArray()).toEqual(['a', null]);
    expect(table.getChild('n')?.nullCount).toBe(1);
  });

  it('dictionary-encodes the string columns it is asked to', () => {
    const table = tableFromIPC(writeTable({ s: ['a', 'b', 'a'] }, { dictionary: ['s'] }));
    const type = table.schema.fields[0].type as Dictionary;
    expect(String(type)).toBe('Dictionary<Int32, Utf8>');
  });

  it('splits rows into record batches of batchRows', () => {
    const table = tableFromIPC(writeTable({ x: new Float64Array(10) }, { batchRows: 4 }));
    expect(table.batches.map((b) => b.numRows)).toEqual([4, 4, 2]);
    expect(String(table.schema.fields[0].type)).toBe('Float64');
  });
});
