/**
 * Verifies Arrow IPC metadata (Message.fbs, Schema.fbs, File.fbs) with the
 * bounds-checked FlatbufferReader before apache-arrow is allowed to decode
 * it, and checks what apache-arrow does not: field-node counts match the
 * schema, every column has the record batch's length (apache-arrow would
 * otherwise back-fill a null bitmap of a corrupt, possibly huge, length),
 * null counts fit lengths, buffers lie inside the message body, dictionary
 * ids exist, and variadic buffer counts are sane.
 */
import { CompressionType, compressionRegistry } from 'apache-arrow';
import { type FbTable, FlatbufferReader } from './flatbuffer-reader.js';

/** How to report a problem; each must throw. */
export interface VerifyFailures {
  invalid(why: string): never;
  unsupported(why: string): never;
}

/**
 * A top-level column as the schema declares it, read while verifying: enough
 * for plain-columns.ts to decode a number, bool or string column without
 * apache-arrow's reader.
 */
export interface ColumnInfo {
  /** Null when the field has none. */
  name: string | null;
  /** The Schema.fbs `Type` union's tag (2 Int, 3 FloatingPoint, 8 Date, 10 Timestamp, ...). */
  typeType: number;
  /** Int: the bit width; FloatingPoint: the precision; Date and Timestamp: the unit; else 0. */
  param: number;
  /** Int: whether it is signed. */
  signed: boolean;
  /** Timestamp: the time zone, or null. */
  timezone: string | null;
  /** Dictionary-encoded, or with child fields: more than one field node. */
  nested: boolean;
}

/** What a record batch must look like for a schema. */
export interface SchemaShape {
  /** Field nodes per record batch (pre-order over the field tree). */
  nodeCount: number;
  /** Index of each top-level column's node. */
  topNodes: number[];
  /** Dictionary id → field nodes of its value column. */
  dictionaries: Map<number, number>;
  /** The top-level columns, in order. */
  columns: ColumnInfo[];
}

/** Where a verified record batch's rows are: its field nodes and buffers, relative to its body. */
export interface BatchLayout {
  /** Rows. */
  length: number;
  /** [length, null count] per field node, flattened. */
  nodes: number[];
  /** [offset, length] per buffer, flattened; offsets count from the start of the body. */
  buffers: number[];
  /** Whether the body is compressed. */
  compressed: boolean;
}

/** A verified message header; `version` is the MetadataVersion (0 = V1 ... 4 = V5). */
export type MessageInfo =
  | { type: 'schema'; bodyLength: number; version: number; schema: SchemaShape }
  | { type: 'dictionary'; bodyLength: number; version: number }
  | { type: 'recordBatch'; bodyLength: number; version: number; batch: BatchLayout };

/** A File.fbs Block: where a message sits in an Arrow file. */
export interface FileBlock {
  offset: number;
  metaDataLength: number;
  bodyLength: number;
}

/** A verified file footer. */
export interface FooterInfo {
  /** MetadataVersion (0 = V1 ... 4 = V5). */
  version: number;
  schema: SchemaShape;
  dictionaries: FileBlock[];
  recordBatches: FileBlock[];
}

const MAX_DEPTH = 64;
/** Tags of Schema.fbs's `Type` union that the verifier or plain-columns.ts reads. */
export const FB_TYPE = { int: 2, floatingPoint: 3, utf8: 5, bool: 6, date: 8, timestamp: 10, union: 14, largeUtf8: 20 } as const;
/** Schema.fbs: `table Date { unit: DateUnit = MILLISECOND; }`. */
const DATE_MILLISECOND = 1;
const HEADER_SCHEMA = 1;
const HEADER_DICTIONARY = 2;
const HEADER_RECORD_BATCH = 3;
/** Schema.fbs `MetadataVersion` values (V1 is 0). */
export const METADATA_V4 = 3;
const METADATA_V5 = 4;

const NO_VECTOR = { start: 0, length: 0 };

function verifyKeyValues(r: FlatbufferReader, t: FbTable, id: number): void {
  const v = r.vector(t, id, 4) ?? NO_VECTOR;
  for (let i = 0; i < v.length; i++) {
    const kv = r.tableAt(v, i);
    r.string(kv, 0);
    r.string(kv, 1);
  }
}

/** The type parameters a plain column needs (`ColumnInfo`), read from the field's type table. */
function columnInfo(r: FlatbufferReader, name: string | null, typeType: number, type: FbTable | null, nested: boolean): ColumnInfo {
  const info: ColumnInfo = { name, typeType, param: 0, signed: false, timezone: null, nested };
  if (!type) return info;
  if (typeType === FB_TYPE.int) {
    info.param = r.i32(type, 0, 0);
    info.signed = r.u8(type, 1, 0) !== 0;
  } else if (typeType === FB_TYPE.floatingPoint) info.param = r.i16(type, 0, 0);
  else if (typeType === FB_TYPE.date) info.param = r.i16(type, 0, DATE_MILLISECOND);
  else if (typeType === FB_TYPE.timestamp) {
    info.param = r.i16(type, 0, 0);
    info.timezone = r.text(type, 1);
  }
  return info;
}

/** Returns the field nodes this field takes in a record batch; a top-level field's `ColumnInfo` goes into `columns`. */
function verifyField(r: FlatbufferReader, t: FbTable, depth: number, dictionaries: Map<number, number>, columns?: ColumnInfo[]): number {
  if (depth > MAX_DEPTH) r.fail(`fields nested more than ${MAX_DEPTH} deep`);
  let name: string | null = null;
  if (columns) name = r.text(t, 0);
  else r.string(t, 0);
  const typeType = r.u8(t, 2, 0);
  const type = r.child(t, 3);
  if (type && typeType === FB_TYPE.timestamp) r.string(type, 1);
  if (type && typeType === FB_TYPE.union) r.vector(type, 1, 4);
  verifyKeyValues(r, t, 6);
  const children = r.vector(t, 5, 4) ?? NO_VECTOR;
  let childNodes = 0;
  for (let i = 0; i < children.length; i++) {
    childNodes += verifyField(r, r.tableAt(children, i), depth + 1, dictionaries);
  }
  const encoding = r.child(t, 4);
  columns?.push(columnInfo(r, name, typeType, type, encoding !== null || children.length > 0));
  if (!encoding) return 1 + childNodes;
  const id = r.i64(encoding, 0, 0);
  r.child(encoding, 1);
  if (!dictionaries.has(id)) dictionaries.set(id, 1 + childNodes);
  // A dictionary-encoded column is only its indices in a record batch.
  return 1;
}

function verifySchema(r: FlatbufferReader, t: FbTable, fail: VerifyFailures): SchemaShape {
  if (r.i16(t, 0, 0) !== 0) fail.unsupported('big-endian data');
  const fields = r.vector(t, 1, 4) ?? NO_VECTOR;
  verifyKeyValues(r, t, 2);
  r.vector(t, 3, 8);
  const shape: SchemaShape = { nodeCount: 0, topNodes: [], dictionaries: new Map(), columns: [] };
  for (let i = 0; i < fields.length; i++) {
    shape.topNodes.push(shape.nodeCount);
    shape.nodeCount += verifyField(r, r.tableAt(fields, i), 0, shape.dictionaries, shape.columns);
  }
  return shape;
}

function compressionName(codec: number): string {
  return CompressionType[codec] ?? `codec ${codec}`;
}

function verifyRecordBatch(
  r: FlatbufferReader,
  t: FbTable,
  bodyLength: number,
  nodeCount: number,
  topNodes: readonly number[],
  fail: VerifyFailures,
): BatchLayout {
  const length = r.i64(t, 0, 0);
  if (length < 0) r.fail(`negative record batch length ${length}`);
  const nodes = r.vector(t, 1, 16) ?? NO_VECTOR;
  if (nodes.length !== nodeCount) r.fail(`record batch has ${nodes.length} field nodes where the schema needs ${nodeCount}`);
  const layout: BatchLayout = { length, nodes: [], buffers: [], compressed: false };
  for (let i = 0; i < nodes.length; i++) {
    const len = r.i64At(nodes.start + 16 * i);
    const nulls = r.i64At(nodes.start + 16 * i + 8);
    if (len < 0 || nulls < 0 || nulls > len) r.fail(`field node ${i} has length ${len} and null count ${nulls}`);
    layout.nodes.push(len, nulls);
  }
  for (const [column, node] of topNodes.entries()) {
    const len = r.i64At(nodes.start + 16 * node);
    if (len !== length) r.fail(`column ${column} has ${len} rows in a record batch of ${length}`);
  }
  const buffers = r.vector(t, 2, 16) ?? NO_VECTOR;
  const nb = buffers.length;
  for (let i = 0; i < nb; i++) {
    const offset = r.i64At(buffers.start + 16 * i);
    const len = r.i64At(buffers.start + 16 * i + 8);
    if (offset < 0 || len < 0 || (len > 0 && offset + len > bodyLength)) {
      r.fail(`buffer ${i} (offset ${offset}, length ${len}) lies outside the ${bodyLength}-byte message body`);
    }
    layout.buffers.push(offset, len);
  }
  const compression = r.child(t, 3);
  if (compression) {
    layout.compressed = true;
    const codec = r.u8(compression, 0, 0);
    if (typeof compressionRegistry.get(codec)?.decode !== 'function') {
      fail.unsupported(`compressed record batches (${compressionName(codec)}); write them uncompressed`);
    }
  }
  const variadic = r.vector(t, 4, 8) ?? NO_VECTOR;
  let total = 0;
  for (let i = 0; i < variadic.length; i++) {
    const count = r.i64At(variadic.start + 8 * i);
    if (count < 0) r.fail(`negative variadic buffer count ${count}`);
    total += count;
  }
  if (total > nb) r.fail(`variadic buffer counts add up to ${total}, more than the ${nb} buffers`);
  return layout;
}

/**
 * Verifies one message's metadata (the flatbuffer after the length prefix).
 * Record and dictionary batches are checked against `schema`, which must
 * come from an earlier schema message or the file footer.
 */
export function verifyMessage(metadata: Uint8Array, schema: SchemaShape | null, fail: VerifyFailures): MessageInfo {
  const r: FlatbufferReader = new FlatbufferReader(metadata, (why) => fail.invalid(why));
  const m = r.root();
  const version = r.i16(m, 0, 0);
  if (version > METADATA_V5) fail.unsupported(`metadata version V${version + 1}`);
  const headerType = r.u8(m, 1, 0);
  const header = r.child(m, 2);
  const bodyLength = r.i64(m, 3, 0);
  if (bodyLength < 0) r.fail(`negative body length ${bodyLength}`);
  verifyKeyValues(r, m, 4);
  if (!header) r.fail('message without a header');
  if (headerType === HEADER_SCHEMA) return { type: 'schema', bodyLength, version, schema: verifySchema(r, header, fail) };
  if (headerType !== HEADER_DICTIONARY && headerType !== HEADER_RECORD_BATCH) {
    if (headerType === 4 || headerType === 5) fail.unsupported('tensor messages');
    r.fail(`unknown message type ${headerType}`);
  }
  if (!schema) r.fail('a batch comes before the schema');
  if (headerType === HEADER_RECORD_BATCH) {
    return { type: 'recordBatch', bodyLength, version, batch: verifyRecordBatch(r, header, bodyLength, schema.nodeCount, schema.topNodes, fail) };
  }
  const id = r.i64(header, 0, 0);
  const nodes = schema.dictionaries.get(id);
  if (nodes === undefined) r.fail(`dictionary batch for id ${id}, which no column uses`);
  const data = r.child(header, 1);
  if (!data) r.fail('dictionary batch without data');
  verifyRecordBatch(r, data, bodyLength, nodes, [0], fail);
  return { type: 'dictionary', bodyLength, version };
}

function readBlocks(r: FlatbufferReader, t: FbTable, id: number): FileBlock[] {
  const v = r.vector(t, id, 24) ?? NO_VECTOR;
  const blocks: FileBlock[] = [];
  for (let i = 0; i < v.length; i++) {
    const p = v.start + 24 * i;
    blocks.push({ offset: r.i64At(p), metaDataLength: r.i32At(p + 8), bodyLength: r.i64At(p + 16) });
  }
  return blocks;
}

/** Verifies an Arrow file footer (File.fbs) and returns its schema shape and blocks. */
export function verifyFooter(footer: Uint8Array, fail: VerifyFailures): FooterInfo {
  const r: FlatbufferReader = new FlatbufferReader(footer, (why) => fail.invalid(`footer: ${why}`));
  const f = r.root();
  const version = r.i16(f, 0, 0);
  const schema = r.child(f, 1);
  if (!schema) r.fail('no schema');
  const shape = verifySchema(r, schema, fail);
  const dictionaries = readBlocks(r, f, 2);
  const recordBatches = readBlocks(r, f, 3);
  verifyKeyValues(r, f, 4);
  return { version, schema: shape, dictionaries, recordBatches };
}
