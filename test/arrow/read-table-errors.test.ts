import {
  Binary,
  type Codec,
  CompressionType,
  compressionRegistry,
  Decimal,
  Dictionary,
  DurationMillisecond,
  Field,
  Float64,
  Int32,
  List,
  makeData,
  RecordBatch,
  RecordBatchStreamWriter,
  Schema,
  Struct,
  Table,
  TimeMillisecond,
  tableToIPC,
  vectorFromArray,
} from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { FlatbufferReader } from '../../src/arrow/flatbuffer-reader.js';
import { readTable } from '../../src/arrow/read-table.js';
import { writeTable } from '../../src/arrow/write-table.js';
import { expectCode, FORMATS, numeric, streamMessages } from './arrow-test-utils.js';

const encoder = new TextEncoder();

describe('not Arrow at all', () => {
  it('reports empty input', () => {
    const err = expectCode(() => readTable(new Uint8Array(0), 'empty.arrow'), 'DRIFTGAUGE_ERR_ARROW_INVALID');
    expect(err.message).toBe('empty.arrow: not Arrow IPC data (empty input)');
  });

  it('reports a CSV file', () => {
    const err = expectCode(() => readTable(encoder.encode('age,country\n31,fr\n45,de\n'), 'data.csv'), 'DRIFTGAUGE_ERR_ARROW_INVALID');
    expect(err.message).toBe('data.csv: not Arrow IPC data (looks like text (CSV?))');
  });

  it('reports a JSON file', () => {
    const err = expectCode(() => readTable(encoder.encode('[{"age": 31}]'), 'data.json'), 'DRIFTGAUGE_ERR_ARROW_INVALID');
    expect(err.message).toContain('looks like JSON text');
  });

  it('reports a Parquet file', () => {
    const bytes = new Uint8Array(64);
    bytes.set(encoder.encode('PAR1'));
    expect(expectCode(() => readTable(bytes, 'x.parquet'), 'DRIFTGAUGE_ERR_ARROW_INVALID').message).toContain('Parquet');
  });

  it('reports binary garbage', () => {
    expectCode(() => readTable(Uint8Array.from({ length: 256 }, (_, i) => (i * 97 + 13) & 0xff), 'junk'), 'DRIFTGAUGE_ERR_ARROW_INVALID');
  });

  it('reports a stream holding only the end-of-stream marker', () => {
    const bytes = Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0);
    expect(expectCode(() => readTable(bytes, 'b'), 'DRIFTGAUGE_ERR_ARROW_INVALID').message).toContain('without a schema');
  });

  it('reports something that is not bytes as invalid, not as a TypeError', () => {
    expectCode(() => readTable('ARROW1' as unknown as Uint8Array, 's'), 'DRIFTGAUGE_ERR_ARROW_INVALID');
  });
});

describe.each(FORMATS)('table shape, %s format', (format) => {
  it('reports a table without columns', () => {
    const bytes = tableToIPC(new Table(new Schema([])), format);
    expect(expectCode(() => readTable(bytes, 'none.arrow'), 'DRIFTGAUGE_ERR_NO_COLUMNS').message).toBe('none.arrow: the table has no columns');
  });

  it('reports two columns with the same name', () => {
    const fields = [new Field('age', new Float64()), new Field('age', new Float64())];
    const children = [vectorFromArray([1], new Float64()).data[0], vectorFromArray([2], new Float64()).data[0]];
    const batch = new RecordBatch(new Schema(fields), makeData({ type: new Struct(fields), length: 1, children }));
    const err = expectCode(() => readTable(tableToIPC(new Table([batch]), format), 'dup.arrow'), 'DRIFTGAUGE_ERR_DUPLICATE_COLUMN');
    expect(err.message).toBe("dup.arrow: column 'age' appears more than once");
  });
});

describe.each(FORMATS)('unsupported column types, %s format', (format) => {
  const listColumn = vectorFromArray([[1, 2], [3]], new List(new Field('item', new Int32())));

  it.each([
    ['list<item: int32>', listColumn],
    ['binary', vectorFromArray([Uint8Array.of(1, 2)], new Binary())],
    ['decimal128(10, 2)', vectorFromArray([Uint32Array.of(1, 0, 0, 0)], new Decimal(2, 10, 128))],
    ['duration[ms]', vectorFromArray([5n], new DurationMillisecond())],
    ['time32[ms]', vectorFromArray([5], new TimeMillisecond())],
    ['struct<a: float64>', vectorFromArray([{ a: 1 }], new Struct([new Field('a', new Float64())]))],
    ['dictionary<int32>', vectorFromArray([7, 8], new Dictionary(new Int32(), new Int32()))],
  ])('reports a %s column by name and type', (arrowType, vector) => {
    const bytes = writeTable({ ok: Float64Array.of(1, 2).subarray(0, vector.length), odd: vector }, { format });
    const err = expectCode(() => readTable(bytes, 'ref.arrow'), 'DRIFTGAUGE_ERR_ARROW_UNSUPPORTED_TYPE');
    expect(err.message).toBe(`ref.arrow: column 'odd' has unsupported Arrow type ${arrowType}`);
  });

  it("skips unsupported columns with onUnsupported: 'skip' and lists them", () => {
    const bytes = writeTable({ x: Float64Array.of(1, 2), tags: listColumn, s: ['a', 'b'] }, { format });
    const table = readTable(bytes, 'ref.arrow', { onUnsupported: 'skip' });
    expect(table.columns.map((c) => c.name)).toEqual(['x', 's']);
    expect(table.byName.has('tags')).toBe(false);
    expect(table.skipped).toEqual([{ name: 'tags', arrowType: 'list<item: int32>' }]);
    expect(Array.from(numeric(table, 'x').values)).toEqual([1, 2]);
  });
});

describe('unsupported IPC features', () => {
  // A stand-in ZSTD codec: apache-arrow only checks the frame magic when encoding.
  const fakeZstd: Codec = {
    encode: (data) => Uint8Array.of(40, 181, 47, 253, 0, 0, ...data),
    decode: (data) => data.subarray(6),
  };
  const compressed = (): Uint8Array => {
    compressionRegistry.set(CompressionType.ZSTD, fakeZstd);
    const table = new Table({ x: vectorFromArray([1.5, 2.5], new Float64()) });
    return RecordBatchStreamWriter.writeAll(table, { compressionType: CompressionType.ZSTD }).toUint8Array(true);
  };

  it('reports compressed record batches when no codec is registered', () => {
    const bytes = compressed();
    compressionRegistry.set(CompressionType.ZSTD, {});
    const err = expectCode(() => readTable(bytes, 'z.arrows'), 'DRIFTGAUGE_ERR_ARROW_UNSUPPORTED_FEATURE');
    expect(err.message).toBe(
      'z.arrows: Arrow IPC data uses a feature driftgauge cannot read: compressed record batches (ZSTD); write them uncompressed',
    );
  });

  it('reads compressed record batches when a codec is registered with apache-arrow', () => {
    const bytes = compressed();
    expect(Array.from(numeric(readTable(bytes, 'z.arrows'), 'x').values)).toEqual([1.5, 2.5]);
    compressionRegistry.set(CompressionType.ZSTD, {});
  });

  /** A hand-assembled schema message with no fields and the given endianness (0 little, 1 big). */
  const schemaMessage = (endianness: number): Uint8Array => {
    const meta = new Uint8Array(48);
    const v = new DataView(meta.buffer);
    v.setUint32(0, 16, true); // root: Message table at 16
    v.setUint16(4, 10, true); // Message vtable: 10 bytes, table of 12, version @4, header_type @6, header @8
    v.setUint16(6, 12, true);
    v.setUint16(8, 4, true);
    v.setUint16(10, 6, true);
    v.setUint16(12, 8, true);
    v.setInt32(16, 12, true); // Message table → vtable at 4
    v.setInt16(20, 4, true); // version V5
    v.setUint8(22, 1); // header type: Schema
    v.setUint32(24, 12, true); // header → Schema table at 36
    v.setUint16(28, 6, true); // Schema vtable: 6 bytes, table of 8, endianness @4
    v.setUint16(30, 8, true);
    v.setUint16(32, 4, true);
    v.setInt32(36, 8, true); // Schema table → vtable at 28
    v.setInt16(40, endianness, true);
    const bytes = new Uint8Array(8 + meta.length + 8);
    const f = new DataView(bytes.buffer);
    f.setInt32(0, -1, true);
    f.setInt32(4, meta.length, true);
    bytes.set(meta, 8);
    f.setInt32(8 + meta.length, -1, true);
    return bytes;
  };

  it('reports big-endian data', () => {
    expectCode(() => readTable(schemaMessage(0), 'le'), 'DRIFTGAUGE_ERR_NO_COLUMNS'); // the message itself is sound
    const err = expectCode(() => readTable(schemaMessage(1), 'be'), 'DRIFTGAUGE_ERR_ARROW_UNSUPPORTED_FEATURE');
    expect(err.message).toContain('big-endian');
  });
});

describe('options', () => {
  it('refuses an unknown onUnsupported mode before reading', () => {
    const bytes = writeTable({ x: Float64Array.of(1) });
    const err = expectCode(() => readTable(bytes, 'b', { onUnsupported: 'ignore' as never }), 'DRIFTGAUGE_ERR_INTERNAL');
    expect(err.message).toBe("internal error: options.onUnsupported must be 'error' or 'skip'");
  });
});

describe('corrupt metadata', () => {
  it('reports a record batch whose column length differs from the batch length', () => {
    const bytes = writeTable({ x: Float64Array.of(1, 2, 3) }, { format: 'stream' });
    const batch = streamMessages(bytes)[1];
    const metadata = bytes.subarray(batch.start + 8, batch.metadataEnd);
    const reader = new FlatbufferReader(metadata, (why) => {
      throw new Error(why);
    });
    const header = reader.child(reader.root(), 2);
    if (!header) throw new Error('no record batch header');
    const lengthAt = reader.field(header, 0, 8); // RecordBatch.length
    expect(reader.i64At(lengthAt)).toBe(3);
    new DataView(metadata.buffer, metadata.byteOffset).setInt32(lengthAt, 2, true);
    const err = expectCode(() => readTable(bytes, 'b'), 'DRIFTGAUGE_ERR_ARROW_INVALID');
    expect(err.message).toBe('b: not Arrow IPC data (column 0 has 3 rows in a record batch of 2)');
  });

  it.each([
    ['float64', { x: Float64Array.of(1, 2, 3) }],
    ['utf8', { x: ['a', 'b', 'c'] }],
    ['bool', { x: [true, false, true] }],
  ])('refuses a %s column declaring 2^40 rows over a few bytes, without allocating them', (_type, columns) => {
    const bytes = writeTable(columns, { format: 'stream' });
    const batch = streamMessages(bytes)[1];
    const metadata = bytes.subarray(batch.start + 8, batch.metadataEnd);
    const reader = new FlatbufferReader(metadata, (why) => {
      throw new Error(why);
    });
    const header = reader.child(reader.root(), 2);
    const nodes = header && reader.vector(header, 1, 16);
    if (!header || !nodes) throw new Error('no record batch header');
    const view = new DataView(metadata.buffer, metadata.byteOffset);
    for (const at of [reader.field(header, 0, 8), nodes.start]) view.setInt32(at + 4, 2 ** 8, true); // 3 + 2^40
    const err = expectCode(() => readTable(bytes, 'b'), 'DRIFTGAUGE_ERR_ARROW_INVALID');
    expect(err.message).toMatch(/^b: not Arrow IPC data \(column 'x': the [a-z]+ [a-z]+ holds \d+ bytes where \d{12,} are needed\)$/);
  });
});
