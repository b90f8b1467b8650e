import {
  Bool,
  DateDay,
  DateMillisecond,
  Dictionary,
  Float16,
  Float32,
  Float64,
  Int8,
  Int16,
  Int32,
  Int64,
  LargeUtf8,
  makeData,
  makeVector,
  TimestampMicrosecond,
  TimestampMillisecond,
  TimestampNanosecond,
  TimestampSecond,
  tableFromIPC,
  Uint8,
  Uint16,
  Uint32,
  Uint64,
  Utf8,
  Utf8View,
  vectorFromArray,
} from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../src/arrow/read-table.js';
import { writeTable } from '../../src/arrow/write-table.js';
import { categorical, expectCode, FORMATS, numeric, rawVector, strings } from './arrow-test-utils.js';

describe.each(FORMATS)('readTable, %s format', (format) => {
  const read = (columns: Parameters<typeof writeTable>[0]) => readTable(writeTable(columns, { format }), `t.${format}`);

  it('reads float64 with nulls from the validity bitmap', () => {
    const col = numeric(read({ x: vectorFromArray([1.5, null, -3, 1e300], new Float64()) }), 'x');
    expect(col.arrowType).toBe('float64');
    expect(col.length).toBe(4);
    expect(Array.from(col.valid ?? [])).toEqual([1, 0, 1, 1]);
    expect([col.values[0], col.values[2], col.values[3]]).toEqual([1.5, -3, 1e300]);
  });

  it('keeps NaN and infinities as values, not nulls', () => {
    const col = numeric(read({ x: Float64Array.of(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY) }), 'x');
    expect(col.valid).toBeNull();
    expect(Array.from(col.values)).toEqual([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
  });

  it('reads float32 exactly', () => {
    const col = numeric(read({ x: vectorFromArray([0.5, null, 2.25, 1 / 3], new Float32()) }), 'x');
    expect(col.arrowType).toBe('float32');
    expect(Array.from(col.valid ?? [])).toEqual([1, 0, 1, 1]);
    expect([col.values[0], col.values[2], col.values[3]]).toEqual([0.5, 2.25, Math.fround(1 / 3)]);
  });

  it('reads float16 including subnormals, infinities and NaN', () => {
    // raw half-precision bits: 1.5, -2, 65504 (max), 2^-24 (smallest subnormal), -Inf, NaN
    const bits = Uint16Array.of(0x3e00, 0xc000, 0x7bff, 0x0001, 0xfc00, 0x7e00);
    const col = numeric(read({ h: rawVector(new Float16(), bits, [1, 1, 1, 1, 1, 1]) }), 'h');
    expect(col.arrowType).toBe('float16');
    expect(Array.from(col.values)).toEqual([1.5, -2, 65504, 2 ** -24, Number.NEGATIVE_INFINITY, Number.NaN]);
  });

  it('reads float16 nulls', () => {
    const col = numeric(read({ h: vectorFromArray([1.5, null, -2], new Float16()) }), 'h');
    expect(Array.from(col.valid ?? [])).toEqual([1, 0, 1]);
    expect([col.values[0], col.values[2]]).toEqual([1.5, -2]);
  });

  it('reads signed 8, 16 and 32-bit integers at their extremes', () => {
    const table = read({
      i8: vectorFromArray([-128, null, 127], new Int8()),
      i16: vectorFromArray([-32768, null, 32767], new Int16()),
      i32: vectorFromArray([-2147483648, null, 2147483647], new Int32()),
    });
    for (const [name, max] of [['i8', 127], ['i16', 32767], ['i32', 2147483647]] as const) {
      const col = numeric(table, name);
      expect(col.arrowType).toBe(name.replace('i', 'int'));
      expect(Array.from(col.valid ?? [])).toEqual([1, 0, 1]);
      expect([col.values[0], col.values[2]]).toEqual([-max - 1, max]);
    }
  });

  it('reads unsigned 8, 16 and 32-bit integers at their extremes', () => {
    const table = read({
      u8: Uint8Array.of(0, 255),
      u16: Uint16Array.of(0, 65535),
      u32: vectorFromArray([0, 4294967295], new Uint32()),
    });
    expect(numeric(table, 'u8')).toMatchObject({ arrowType: 'uint8', values: Float64Array.of(0, 255), valid: null });
    expect(numeric(table, 'u16')).toMatchObject({ arrowType: 'uint16', values: Float64Array.of(0, 65535) });
    expect(numeric(table, 'u32')).toMatchObject({ arrowType: 'uint32', values: Float64Array.of(0, 4294967295) });
    expect(read({ u: vectorFromArray([1, null], new Uint8()) }).byName.get('u')).toMatchObject({ valid: Uint8Array.of(1, 0) });
    expect(read({ u: vectorFromArray([1, null], new Uint16()) }).byName.get('u')).toMatchObject({ valid: Uint8Array.of(1, 0) });
  });

  it('reads int64 up to ±2^53 exactly, with nulls', () => {
    const col = numeric(read({ n: vectorFromArray([-(2n ** 53n), 2n ** 53n, null, -1n, 2n ** 53n - 1n], new Int64()) }), 'n');
    expect(col.arrowType).toBe('int64');
    expect(Array.from(col.valid ?? [])).toEqual([1, 1, 0, 1, 1]);
    expect([col.values[0], col.values[1], col.values[3], col.values[4]]).toEqual([-(2 ** 53), 2 ** 53, -1, 2 ** 53 - 1]);
  });

  it('reads uint64 up to 2^53 exactly', () => {
    const col = numeric(read({ n: vectorFromArray([0n, 2n ** 53n, 4294967296n, null], new Uint64()) }), 'n');
    expect(col.arrowType).toBe('uint64');
    expect([col.values[0], col.values[1], col.values[2]]).toEqual([0, 2 ** 53, 4294967296]);
    expect(Array.from(col.valid ?? [])).toEqual([1, 1, 1, 0]);
  });

  it('refuses an int64 beyond 2^53, naming the source, column and value', () => {
    const bytes = writeTable({ ok: Float64Array.of(1, 2), big: vectorFromArray([1n, 2n ** 53n + 1n], new Int64()) }, { format });
    const err = expectCode(() => readTable(bytes, 'ref.arrow'), 'DRIFTGAUGE_ERR_INT64_PRECISION');
    expect(err.message).toBe("ref.arrow: column 'big' holds the 64-bit integer 9007199254740993, beyond 2^53 where float64 loses precision");
  });

  it('refuses an int64 below -2^53', () => {
    const bytes = writeTable({ n: vectorFromArray([-(2n ** 63n)], new Int64()) }, { format });
    expect(expectCode(() => readTable(bytes, 'x'), 'DRIFTGAUGE_ERR_INT64_PRECISION').message).toContain('-9223372036854775808');
  });

  it('refuses a uint64 beyond 2^53', () => {
    const bytes = writeTable({ n: vectorFromArray([2n ** 64n - 1n], new Uint64()) }, { format });
    expect(expectCode(() => readTable(bytes, 'x'), 'DRIFTGAUGE_ERR_INT64_PRECISION').message).toContain('18446744073709551615');
  });

  it('ignores an out-of-range int64 in a null slot', () => {
    const col = numeric(read({ n: rawVector(new Int64(), BigInt64Array.of(7n, 2n ** 60n), [1, 0]) }), 'n');
    expect(col.values[0]).toBe(7);
    expect(Array.from(col.valid ?? [])).toEqual([1, 0]);
  });

  it('reads timestamps of every unit as epoch milliseconds', () => {
    const ms = 1_700_000_000_123;
    const table = read({
      s: rawVector(new TimestampSecond(), BigInt64Array.of(1_700_000_000n, -1n)),
      ms: rawVector(new TimestampMillisecond(), BigInt64Array.of(BigInt(ms), 0n), [1, 0]),
      us: rawVector(new TimestampMicrosecond(), BigInt64Array.of(BigInt(ms) * 1000n + 456n, -1500n)),
      ns: rawVector(new TimestampNanosecond('UTC'), BigInt64Array.of(BigInt(ms) * 1_000_000n + 456_789n, 2_000_000n)),
    });
    expect(numeric(table, 's')).toMatchObject({ arrowType: 'timestamp[s]', values: Float64Array.of(1_700_000_000_000, -1000) });
    expect(numeric(table, 'ms')).toMatchObject({ arrowType: 'timestamp[ms]', valid: Uint8Array.of(1, 0) });
    expect(numeric(table, 'ms').values[0]).toBe(ms);
    expect(numeric(table, 'us')).toMatchObject({ arrowType: 'timestamp[us]', values: Float64Array.of(ms + 0.456, -1.5) });
    const ns = numeric(table, 'ns');
    expect(ns.arrowType).toBe('timestamp[ns, tz=UTC]');
    expect(ns.values[0]).toBeCloseTo(ms + 0.456789, 3);
    expect(ns.values[1]).toBe(2);
  });

  it('refuses a millisecond timestamp beyond 2^53', () => {
    const bytes = writeTable({ t: rawVector(new TimestampMillisecond(), BigInt64Array.of(2n ** 60n)) }, { format });
    expectCode(() => readTable(bytes, 'x'), 'DRIFTGAUGE_ERR_INT64_PRECISION');
  });

  it('reads date32 and date64 as epoch milliseconds', () => {
    const table = read({
      d32: rawVector(new DateDay(), Int32Array.of(19723, -1, 0), [1, 1, 0]),
      d64: rawVector(new DateMillisecond(), BigInt64Array.of(1_704_067_200_000n, -86_400_000n, 0n)),
    });
    expect(numeric(table, 'd32')).toMatchObject({ arrowType: 'date32[day]', valid: Uint8Array.of(1, 1, 0) });
    expect(Array.from(numeric(table, 'd32').values.subarray(0, 2))).toEqual([1_704_067_200_000, -86_400_000]);
    expect(numeric(table, 'd64')).toMatchObject({ arrowType: 'date64[ms]', values: Float64Array.of(1_704_067_200_000, -86_400_000, 0) });
  });

  it('reads bool as categories false/true in first-seen order, with nulls', () => {
    const col = categorical(read({ b: vectorFromArray([true, null, false, true], new Bool()) }), 'b');
    expect(col).toMatchObject({ arrowType: 'bool', length: 4, categories: ['true', 'false'] });
    expect(Array.from(col.codes)).toEqual([0, -1, 1, 0]);
  });

  it('reads utf8 with nulls, the empty string and non-ASCII text', () => {
    const values = ['fr', null, '', 'Zürich', '東京', '🙂', 'fr', ''];
    const col = categorical(read({ s: vectorFromArray(values, new Utf8()) }), 's');
    expect(col.arrowType).toBe('utf8');
    expect(col.categories).toEqual(['fr', '', 'Zürich', '東京', '🙂']);
    expect(Array.from(col.codes)).toEqual([0, -1, 1, 2, 3, 4, 0, 1]);
  });

  it('reads large utf8 (apache-arrow 21 writes it)', () => {
    const col = categorical(read({ s: vectorFromArray(['a', null, 'bé', 'a'], new LargeUtf8()) }), 's');
    expect(col.arrowType).toBe('large_utf8');
    expect(strings(col)).toEqual(['a', null, 'bé', 'a']);
    expect(col.categories).toEqual(['a', 'bé']);
  });

  it('reads string_view with inline and out-of-line strings', () => {
    const long = 'a string longer than twelve bytes';
    const col = categorical(read({ s: vectorFromArray(['short', null, long, 'short', long], new Utf8View()) }), 's');
    expect(col.arrowType).toBe('string_view');
    expect(strings(col)).toEqual(['short', null, long, 'short', long]);
    expect(col.categories).toEqual(['short', long]);
  });

  it.each([
    ['int8', new Int8()],
    ['int16', new Int16()],
    ['int32', new Int32()],
    ['uint8', new Uint8()],
    ['uint32', new Uint32()],
  ])('reads dictionary<utf8> with %s indices', (_name, indices) => {
    const values = ['b', 'a', null, 'b', 'c'];
    const col = categorical(read({ s: vectorFromArray(values, new Dictionary(new Utf8(), indices)) }), 's');
    expect(col.arrowType).toBe('dictionary<utf8>');
    expect(strings(col)).toEqual(values);
    expect(col.categories).toEqual(['b', 'a', 'c']);
  });

  it('reads dictionary<utf8> with int64 indices (apache-arrow cannot build them from values)', () => {
    // apache-arrow's typings leave Int64 out of dictionary index types, though the format allows it.
    const type = new Dictionary(new Utf8(), new Int64() as unknown as Int32);
    const dictionary = vectorFromArray(['b', 'a', 'c'], new Utf8());
    const nullBitmap = Uint8Array.of(0b11011);
    const indices = new Int32Array(BigInt64Array.of(0n, 1n, 9n, 0n, 2n).buffer); // int64 bytes
    const data = makeData({ type, length: 5, nullCount: 1, nullBitmap, data: indices, dictionary });
    const bytes = writeTable({ s: makeVector(data) }, { format });
    expect((tableFromIPC(bytes).schema.fields[0].type as Dictionary).indices.bitWidth).toBe(64);
    const col = categorical(readTable(bytes, 'd'), 's');
    expect(strings(col)).toEqual(['b', 'a', null, 'b', 'c']);
  });

  it('reads a null dictionary entry as a null row', () => {
    const type = new Dictionary(new Utf8(), new Int32(), 11);
    const dictionary = vectorFromArray(['a', null, 'b'], new Utf8());
    const s = makeVector(makeData({ type, length: 4, data: Int32Array.of(2, 1, 0, 1), dictionary }));
    const col = categorical(read({ s }), 's');
    expect(strings(col)).toEqual(['b', null, 'a', null]);
    expect(col.categories).toEqual(['b', 'a']);
  });

  it('gives a dictionary column the same codes and categories as the same strings in utf8', () => {
    const values = ['x', 'y', null, 'x', 'z', 'y'];
    const table = read({ plain: values, dict: vectorFromArray(values, new Dictionary(new Utf8(), new Int32())) });
    const plain = categorical(table, 'plain');
    const dict = categorical(table, 'dict');
    expect(dict.categories).toEqual(plain.categories);
    expect(Array.from(dict.codes)).toEqual(Array.from(plain.codes));
  });

  it('reads dictionary<large_utf8>', () => {
    const col = categorical(read({ s: vectorFromArray(['p', 'q', 'p'], new Dictionary(new LargeUtf8(), new Int16())) }), 's');
    expect(col.arrowType).toBe('dictionary<large_utf8>');
    expect(strings(col)).toEqual(['p', 'q', 'p']);
  });

  it('keeps schema order and indexes columns by name', () => {
    const table = read({ b: Float64Array.of(1), a: ['x'], c: Int32Array.of(3) });
    expect(table.columns.map((c) => c.name)).toEqual(['b', 'a', 'c']);
    expect([...table.byName.keys()]).toEqual(['b', 'a', 'c']);
    expect(table.source).toBe(`t.${format}`);
    expect(table.skipped).toEqual([]);
  });
});
