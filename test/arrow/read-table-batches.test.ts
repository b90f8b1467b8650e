import {
  Dictionary,
  Field,
  Float64,
  Int32,
  makeData,
  makeVector,
  Schema,
  Table,
  tableFromIPC,
  tableToIPC,
  Utf8,
  Vector,
  vectorFromArray,
} from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../src/arrow/read-table.js';
import { writeTable } from '../../src/arrow/write-table.js';
import { categorical, FORMATS, numeric, strings } from './arrow-test-utils.js';

describe.each(FORMATS)('record batches, %s format', (format) => {
  it('concatenates several record batches in order', () => {
    const bytes = writeTable({ x: Float64Array.from({ length: 10 }, (_, i) => i), s: Array.from({ length: 10 }, (_, i) => `v${i % 3}`) }, { format, batchRows: 4 });
    expect(tableFromIPC(bytes).batches.length).toBe(3);
    const table = readTable(bytes, 'b');
    expect(table.rows).toBe(10);
    expect(Array.from(numeric(table, 'x').values)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(numeric(table, 'x').valid).toBeNull();
    expect(strings(categorical(table, 's'))).toEqual(['v0', 'v1', 'v2', 'v0', 'v1', 'v2', 'v0', 'v1', 'v2', 'v0']);
  });

  it('places nulls of later batches at their rows', () => {
    const x = [1, 2, 3, null, 5, null, 7];
    const bytes = writeTable({ x, s: x.map((v) => (v === null ? null : String(v))) }, { format, batchRows: 3 });
    const table = readTable(bytes, 'b');
    expect(Array.from(numeric(table, 'x').valid ?? [])).toEqual([1, 1, 1, 0, 1, 0, 1]);
    expect(Array.from(numeric(table, 'x').values).filter((_, i) => x[i] !== null)).toEqual([1, 2, 3, 5, 7]);
    expect(strings(categorical(table, 's'))).toEqual(['1', '2', '3', null, '5', null, '7']);
  });

  it('drops the validity array when no batch has nulls', () => {
    const bytes = writeTable({ x: [1, 2, 3, 4, 5] }, { format, batchRows: 2 });
    expect(numeric(readTable(bytes, 'b'), 'x').valid).toBeNull();
  });

  it('unifies dictionary batches that grow by deltas', () => {
    const type = new Dictionary(new Utf8(), new Int32(), 7);
    const first = vectorFromArray(['a', 'b'], new Utf8());
    const grown = first.concat(vectorFromArray(['c'], new Utf8()));
    const s = new Vector([
      makeData({ type, length: 3, data: Int32Array.of(1, 0, 1), dictionary: first }),
      makeData({ type, length: 3, data: Int32Array.of(2, 0, 2), dictionary: grown }),
    ]);
    const bytes = writeTable({ s }, { format });
    // apache-arrow concatenates a delta onto the dictionary vector it had: two chunks.
    expect(tableFromIPC(bytes).batches[1].getChildAt(0)?.data[0].dictionary?.data.length).toBe(2);
    const col = categorical(readTable(bytes, 'b'), 's');
    expect(strings(col)).toEqual(['b', 'a', 'b', 'c', 'a', 'c']);
    expect(col.categories).toEqual(['b', 'a', 'c']);
  });

  it('leaves dictionary entries no row uses out of the categories', () => {
    const type = new Dictionary(new Utf8(), new Int32(), 3);
    const dictionary = vectorFromArray(['unused', 'x', 'y'], new Utf8());
    const s = makeVector(makeData({ type, length: 3, data: Int32Array.of(2, 1, 2), dictionary }));
    expect(categorical(readTable(writeTable({ s }, { format }), 'b'), 's').categories).toEqual(['y', 'x']);
  });

  it('returns an empty table (rows 0) for a schema without record batches', () => {
    const schema = new Schema([new Field('x', new Float64()), new Field('s', new Utf8())]);
    const table = readTable(tableToIPC(new Table(schema), format), 'empty');
    expect(table.rows).toBe(0);
    expect(numeric(table, 'x')).toMatchObject({ length: 0, values: new Float64Array(0), valid: null });
    expect(categorical(table, 's')).toMatchObject({ length: 0, codes: new Int32Array(0), categories: [] });
  });

  it('returns rows 0 for record batches of no rows', () => {
    const table = readTable(writeTable({ x: new Float64Array(0), s: [] as string[] }, { format }), 'empty');
    expect(table.rows).toBe(0);
    expect(table.columns.map((c) => c.length)).toEqual([0, 0]);
  });
});

describe('dictionaries replaced between batches (stream format only)', () => {
  it('maps replaced dictionaries onto one set of categories', () => {
    const type = new Dictionary(new Utf8(), new Int32(), 5);
    const s = new Vector([
      makeData({ type, length: 3, data: Int32Array.of(0, 1, 0), dictionary: vectorFromArray(['a', 'b'], new Utf8()) }),
      makeData({ type, length: 3, data: Int32Array.of(0, 1, 1), dictionary: vectorFromArray(['c', 'a'], new Utf8()) }),
    ]);
    const bytes = writeTable({ s }, { format: 'stream' });
    const [one, two] = tableFromIPC(bytes).batches.map((b) => b.getChildAt(0)?.data[0].dictionary?.toArray());
    expect(one).toEqual(['a', 'b']);
    expect(two).toEqual(['c', 'a']);
    const col = categorical(readTable(bytes, 'b'), 's');
    expect(strings(col)).toEqual(['a', 'b', 'a', 'c', 'a', 'a']);
    expect(col.categories).toEqual(['a', 'b', 'c']);
    expect(Array.from(col.codes)).toEqual([0, 1, 0, 2, 0, 0]);
  });
});

describe('zero copy', () => {
  it.each(FORMATS)('returns a single-batch float64 column as a view on the input bytes (%s)', (format) => {
    const x = Float64Array.from({ length: 1000 }, (_, i) => i / 7);
    const bytes = writeTable({ x, y: Int32Array.of(...Array.from({ length: 1000 }, (_, i) => i)) }, { format });
    const col = numeric(readTable(bytes, 'v'), 'x');
    expect(col.values.buffer).toBe(bytes.buffer);
    expect(col.values.byteOffset).toBeGreaterThanOrEqual(bytes.byteOffset);
    expect(col.values.byteOffset + col.values.byteLength).toBeLessThanOrEqual(bytes.byteOffset + bytes.byteLength);
    expect(col.values).toEqual(x);
    // A view: writing into the input shows through.
    new Float64Array(col.values.buffer, col.values.byteOffset, 1)[0] = 42;
    expect(col.values[0]).toBe(42);
  });

  it('keeps the view when the input starts at an 8-byte aligned offset of a larger buffer', () => {
    const bytes = writeTable({ x: Float64Array.of(1, 2, 3) }, { format: 'stream' });
    const backing = new Uint8Array(bytes.byteLength + 64);
    backing.set(bytes, 16);
    const col = numeric(readTable(backing.subarray(16, 16 + bytes.byteLength), 'v'), 'x');
    expect(col.values.buffer).toBe(backing.buffer);
    expect(Array.from(col.values)).toEqual([1, 2, 3]);
  });

  it('copies (correctly) when the input is not 8-byte aligned', () => {
    const bytes = writeTable({ x: Float64Array.of(1, 2, 3) }, { format: 'stream' });
    const backing = new Uint8Array(bytes.byteLength + 64);
    backing.set(bytes, 3);
    const col = numeric(readTable(backing.subarray(3, 3 + bytes.byteLength), 'v'), 'x');
    expect(col.values.buffer).not.toBe(backing.buffer);
    expect(Array.from(col.values)).toEqual([1, 2, 3]);
  });

  it('copies a float64 column spread over several batches into one array', () => {
    const bytes = writeTable({ x: Float64Array.of(1, 2, 3, 4) }, { format: 'file', batchRows: 2 });
    const col = numeric(readTable(bytes, 'v'), 'x');
    expect(col.values.buffer).not.toBe(bytes.buffer);
    expect(Array.from(col.values)).toEqual([1, 2, 3, 4]);
  });
});
