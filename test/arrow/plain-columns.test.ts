import {
  Bool,
  DateDay,
  DateMillisecond,
  Float16,
  Float32,
  Float64,
  Int8,
  Int16,
  Int32,
  Int64,
  LargeUtf8,
  TimestampMicrosecond,
  TimestampMillisecond,
  TimestampNanosecond,
  TimestampSecond,
  Uint8,
  Uint16,
  Uint32,
  Uint64,
  Utf8,
  Utf8View,
  vectorFromArray,
} from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import type { ColumnarTable } from '../../src/arrow/columns.js';
import { plainColumns } from '../../src/arrow/plain-columns.js';
import { readTable } from '../../src/arrow/read-table.js';
import { verifyIpc } from '../../src/arrow/verify-ipc.js';
import { writeTable } from '../../src/arrow/write-table.js';
import { DriftgaugeError } from '../../src/errors.js';
import { mulberry32 } from '../../src/multivariate/seeded-random.js';
import { FORMATS, streamMessages } from './arrow-test-utils.js';

type Columns = Parameters<typeof writeTable>[0];

/** A table as plain data, NaN and -0 kept apart (toEqual would not tell -0 from 0 in typed arrays). */
function snapshot(t: ColumnarTable) {
  return {
    rows: t.rows,
    skipped: t.skipped,
    columns: t.columns.map((c) =>
      c.kind === 'numerical'
        ? { ...c, values: Array.from(c.values, (v) => (Object.is(v, -0) ? '-0' : Number.isNaN(v) ? 'NaN' : v)), valid: c.valid && Array.from(c.valid) }
        : { ...c, codes: Array.from(c.codes) },
    ),
  };
}

/** Reads `bytes` both ways; expects the plain reader to have been used, and both tables equal. */
function expectSameBothWays(bytes: Uint8Array, label: string): ColumnarTable {
  expect(plainColumns(bytes, verifyIpc(bytes, label)), `${label}: read as plain columns`).not.toBeNull();
  const plain = readTable(bytes, label);
  expect(snapshot(plain)).toEqual(snapshot(readTable(bytes, label, { decoder: 'apache-arrow' })));
  return plain;
}

/** The outcome of reading: the table, or the error's code and message. */
function outcome(bytes: Uint8Array, decoder?: 'apache-arrow'): unknown {
  try {
    return snapshot(readTable(bytes, 'fuzzed', { decoder }));
  } catch (err) {
    if (!(err instanceof DriftgaugeError)) throw err;
    return `${err.code}: ${err.message}`;
  }
}

const n = 37;
const ints = Array.from({ length: n }, (_, i) => (i % 5 === 3 ? null : i * 3 - 50));
const every = (): Columns => ({
  f64: Float64Array.from({ length: n }, (_, i) => [Number.NaN, Number.POSITIVE_INFINITY, -0, 1e-310][i % 9] ?? i * 1.25 - 7),
  f64n: vectorFromArray(Array.from({ length: n }, (_, i) => (i % 4 === 0 ? null : i / 3)), new Float64()),
  f32: vectorFromArray(Array.from({ length: n }, (_, i) => (i % 6 === 1 ? null : i / 7)), new Float32()),
  f16: vectorFromArray(Array.from({ length: n }, (_, i) => i / 8), new Float16()),
  i8: vectorFromArray(ints.map((v) => v && v % 100), new Int8()),
  i16: vectorFromArray(ints, new Int16()),
  i32: vectorFromArray(ints, new Int32()),
  i64: vectorFromArray(
    ints.map((v) => (v === null ? null : BigInt(v) * 1_000_000_007n)),
    new Int64(),
  ),
  u8: vectorFromArray(ints.map((v) => v && Math.abs(v) % 200), new Uint8()),
  u16: vectorFromArray(ints.map((v) => v && Math.abs(v)), new Uint16()),
  u32: vectorFromArray(ints.map((v) => v && Math.abs(v) * 70_000), new Uint32()),
  u64: vectorFromArray(
    ints.map((v) => (v === null ? null : BigInt(Math.abs(v)) * 2n ** 40n)),
    new Uint64(),
  ),
  ts: vectorFromArray(
    Array.from({ length: n }, (_, i) => 1_700_000_000_000 + i * 1000),
    new TimestampMillisecond(),
  ),
  tsS: vectorFromArray(
    Array.from({ length: n }, (_, i) => (i === 2 ? null : 1_700_000_000_000 + i * 1000)),
    new TimestampSecond('UTC'),
  ),
  tsUs: vectorFromArray(
    Array.from({ length: n }, (_, i) => 1_700_000_000_000 + i * 0.5),
    new TimestampMicrosecond('Europe/Paris'),
  ),
  tsNs: vectorFromArray(
    Array.from({ length: n }, (_, i) => 1_700_000_000_000 + i),
    new TimestampNanosecond(),
  ),
  day: vectorFromArray(
    Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i))),
    new DateDay(),
  ),
  ms: vectorFromArray(
    Array.from({ length: n }, (_, i) => (i % 3 === 0 ? null : new Date(Date.UTC(2024, 0, 1, i)))),
    new DateMillisecond(),
  ),
  b: vectorFromArray(
    Array.from({ length: n }, (_, i) => (i % 7 === 0 ? null : i % 3 === 0)),
    new Bool(),
  ),
  s: vectorFromArray(
    Array.from({ length: n }, (_, i) => (i % 5 === 4 ? null : ['fr', 'de', 'été', ''][i % 4])),
    new Utf8(),
  ),
  ls: vectorFromArray(
    Array.from({ length: n }, (_, i) => (i % 6 === 5 ? null : `segment-${i % 3}`)),
    new LargeUtf8(),
  ),
});

describe.each(FORMATS)('plain columns, %s format: the same table as apache-arrow reads', (format) => {
  it('reads every fixed-width numeric type (nulls, NaN, infinities, -0, subnormals), bool and strings', () => {
    const t = expectSameBothWays(writeTable(every(), { format }), format);
    expect(t.columns.map((c) => c.arrowType)).toEqual([
      'float64',
      'float64',
      'float32',
      'float16',
      'int8',
      'int16',
      'int32',
      'int64',
      'uint8',
      'uint16',
      'uint32',
      'uint64',
      'timestamp[ms]',
      'timestamp[s, tz=UTC]',
      'timestamp[us, tz=Europe/Paris]',
      'timestamp[ns]',
      'date32[day]',
      'date64[ms]',
      'bool',
      'utf8',
      'large_utf8',
    ]);
    expect(t.rows).toBe(n);
  });

  it('concatenates several record batches, empty ones included', () => {
    expectSameBothWays(writeTable(every(), { format, batchRows: 10 }), `${format}, batches of 10`);
    expectSameBothWays(writeTable(every(), { format, batchRows: 1 }), `${format}, batches of 1`);
  });

  it('reads a table without rows, and non-ASCII column names', () => {
    const empty = expectSameBothWays(writeTable({ x: new Float64Array(0), y: vectorFromArray([], new Int32()) }, { format }), 'empty');
    expect(empty.rows).toBe(0);
    const names = expectSameBothWays(writeTable({ 'température °C': Float64Array.of(1, 2), '数量': Float64Array.of(3, 4), '': Float64Array.of(5, 6) }, { format }), 'names');
    expect(names.columns.map((c) => c.name)).toEqual(['température °C', '数量', '']);
  });

  it('reads bytes in shared memory, as a worker gets them', () => {
    const bytes = writeTable({ 'température °C': Float64Array.of(1, 2), x: vectorFromArray([1, null], new Int32()) }, { format });
    const shared = new Uint8Array(new SharedArrayBuffer(bytes.length + 8), 8);
    shared.set(bytes);
    const t = expectSameBothWays(shared, 'shared');
    expect(t.columns.map((c) => c.name)).toEqual(['température °C', 'x']);
  });

  it('keeps a single float64 chunk a view on the bytes', () => {
    const bytes = writeTable({ x: Float64Array.of(1, 2, 3) }, { format });
    const col = readTable(bytes, 'x').columns[0];
    expect(col.kind === 'numerical' && col.values.buffer).toBe(bytes.buffer);
  });

  it('honours the columns option', () => {
    const bytes = writeTable(every(), { format });
    const some = readTable(bytes, 'x', { columns: ['i32', 'ts'] });
    expect(some.columns.map((c) => c.name)).toEqual(['i32', 'ts']);
    expect(snapshot(some)).toEqual(snapshot(readTable(bytes, 'x', { columns: ['i32', 'ts'], decoder: 'apache-arrow' })));
  });
});

describe('plain columns: when apache-arrow reads instead', () => {
  it('leaves tables with a dictionary or string-view column to apache-arrow', () => {
    for (const bytes of [
      writeTable({ x: Float64Array.of(1), s: ['a'] }, { format: 'stream', dictionary: ['s'] }),
      writeTable({ x: Float64Array.of(1), s: vectorFromArray(['a'], new Utf8View()) }, { format: 'stream' }),
    ]) {
      expect(plainColumns(bytes, verifyIpc(bytes, 'x'))).toBeNull();
      expect(readTable(bytes, 'x').columns.map((c) => c.kind)).toEqual(['numerical', 'categorical']);
    }
  });

  it('leaves a column whose value buffer is shorter than its rows to apache-arrow, with the same error', () => {
    const bytes = writeTable({ x: Float64Array.of(1, 2, 3, 4) }, { format: 'stream' });
    const batch = streamMessages(bytes)[1];
    // The record batch declares 4 rows; claim 5 in the field node and the batch length (both int64s equal to 4 in the metadata).
    const meta = new DataView(bytes.buffer, bytes.byteOffset + batch.start + 8, batch.metadataEnd - batch.start - 8);
    let patched = 0;
    for (let p = 0; p + 8 <= meta.byteLength; p += 4) {
      if (meta.getInt32(p, true) === 4 && meta.getInt32(p + 4, true) === 0) {
        meta.setInt32(p, 5, true);
        patched++;
      }
    }
    expect(patched).toBeGreaterThanOrEqual(2);
    expect(plainColumns(bytes, verifyIpc(bytes, 'x'))).toBeNull();
    expect(outcome(bytes)).toEqual(outcome(bytes, 'apache-arrow'));
  });

  it('reads bit-flipped numeric bytes exactly as apache-arrow reading does: the same table or the same error', () => {
    const next = mulberry32(11);
    const bases = [writeTable(every(), { format: 'stream', batchRows: 16 }), writeTable(every(), { format: 'file', batchRows: 16 })];
    let plain = 0;
    for (let k = 0; k < 1000; k++) {
      const bytes = bases[k % 2].slice();
      // Flip bits in the metadata-heavy head of the bytes, where lengths, offsets and types are.
      for (let f = 0; f < 1 + Math.floor(next() * 3); f++) {
        const at = k % 2 === 0 ? Math.floor(next() * Math.min(bytes.length, 4096)) : bytes.length - 1 - Math.floor(next() * 2048);
        bytes[at] ^= 1 << Math.floor(next() * 8);
      }
      const layout = (() => {
        try {
          return verifyIpc(bytes, 'fuzzed');
        } catch {
          return null;
        }
      })();
      if (layout && plainColumns(bytes, layout)) plain++;
      expect(outcome(bytes), `flip #${k}`).toEqual(outcome(bytes, 'apache-arrow'));
    }
    expect(plain).toBeGreaterThan(200);
  });
});
