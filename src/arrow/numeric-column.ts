/**
 * Numeric Arrow columns (ints, floats, timestamps, dates) → one Float64Array.
 * A float64 column held in one record batch is a view on the decoded bytes;
 * everything else is converted into a fresh array once.
 */
import { type DataType, type Date_, DateUnit, type Float, type Int, Precision, type Timestamp, TimeUnit, Type } from 'apache-arrow';
import { createError } from '../errors.js';
import type { NumericColumn } from './columns.js';
import { type Fail, viewOf } from './typed-view.js';
import { bitAt, type ChunkBuffers, expandValidity, nullBitmapOf } from './validity.js';

const TWO_32 = 4294967296;
const HI_MAX = 0x1fffff; // high word of 2^53 - 1
const HI_LIMIT = 0x200000; // high word of 2^53
const MS_PER_DAY = 86400000;

interface Int64Reading {
  signed: boolean;
  /** Refuse values beyond ±2^53 (false where the result is scaled down anyway). */
  checked: boolean;
  multiply: number;
  divide: number;
}

interface ChunkContext {
  source: string;
  name: string;
  fail: Fail;
}

/** float16 bits → number, exactly. */
function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 31) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

function int64Text(lo: number, hi: number, signed: boolean): string {
  const raw = (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
  return String(signed ? BigInt.asIntN(64, raw) : raw);
}

function writeInt64(d: ChunkBuffers, out: Float64Array, at: number, bitmap: Uint8Array | null, how: Int64Reading, ctx: ChunkContext): void {
  const n = d.length;
  const words = viewOf(Int32Array, d.values, 2 * d.offset, 2 * n, 'the value buffer', ctx.fail);
  const { signed, checked, multiply, divide } = how;
  for (let i = 0; i < n; i++) {
    const lo = words[2 * i] >>> 0;
    const hi = signed ? words[2 * i + 1] : words[2 * i + 1] >>> 0;
    if (checked && (hi > HI_MAX || hi < -HI_LIMIT) && !(hi === HI_LIMIT && lo === 0)) {
      if (bitmap === null || bitAt(bitmap, d.offset + i)) {
        throw createError('DRIFTGAUGE_ERR_INT64_PRECISION', ctx.source, ctx.name, int64Text(lo, hi, signed));
      }
    }
    out[at + i] = ((hi * TWO_32 + lo) * multiply) / divide;
  }
}

function writeHalf(d: ChunkBuffers, out: Float64Array, at: number, ctx: ChunkContext): void {
  const halves = viewOf(Uint16Array, d.values, d.offset, d.length, 'the value buffer', ctx.fail);
  for (let i = 0; i < halves.length; i++) out[at + i] = halfToNumber(halves[i]);
}

function writeInt(d: ChunkBuffers, type: Int, out: Float64Array, at: number, bitmap: Uint8Array | null, ctx: ChunkContext): void {
  const { offset: o, length: n, values } = d;
  const what = 'the value buffer';
  switch (type.bitWidth) {
    case 8:
      out.set(type.isSigned ? viewOf(Int8Array, values, o, n, what, ctx.fail) : viewOf(Uint8Array, values, o, n, what, ctx.fail), at);
      return;
    case 16:
      out.set(type.isSigned ? viewOf(Int16Array, values, o, n, what, ctx.fail) : viewOf(Uint16Array, values, o, n, what, ctx.fail), at);
      return;
    case 32:
      out.set(type.isSigned ? viewOf(Int32Array, values, o, n, what, ctx.fail) : viewOf(Uint32Array, values, o, n, what, ctx.fail), at);
      return;
    case 64:
      writeInt64(d, out, at, bitmap, { signed: type.isSigned, checked: true, multiply: 1, divide: 1 }, ctx);
      return;
    default:
      ctx.fail(`unexpected integer width ${type.bitWidth}`);
  }
}

function writeTimestamp(d: ChunkBuffers, type: Timestamp, out: Float64Array, at: number, bitmap: Uint8Array | null, ctx: ChunkContext): void {
  const reading: Record<number, Int64Reading> = {
    [TimeUnit.SECOND]: { signed: true, checked: true, multiply: 1000, divide: 1 },
    [TimeUnit.MILLISECOND]: { signed: true, checked: true, multiply: 1, divide: 1 },
    [TimeUnit.MICROSECOND]: { signed: true, checked: false, multiply: 1, divide: 1e3 },
    [TimeUnit.NANOSECOND]: { signed: true, checked: false, multiply: 1, divide: 1e6 },
  };
  const how = reading[type.unit];
  if (!how) ctx.fail(`unexpected timestamp unit ${type.unit}`);
  writeInt64(d, out, at, bitmap, how, ctx);
}

function writeDate(d: ChunkBuffers, type: Date_, out: Float64Array, at: number, bitmap: Uint8Array | null, ctx: ChunkContext): void {
  if (type.unit === DateUnit.MILLISECOND) {
    writeInt64(d, out, at, bitmap, { signed: true, checked: true, multiply: 1, divide: 1 }, ctx);
    return;
  }
  const days = viewOf(Int32Array, d.values, d.offset, d.length, 'the value buffer', ctx.fail);
  for (let i = 0; i < days.length; i++) out[at + i] = days[i] * MS_PER_DAY;
}

/** Converts one chunk into out[at .. at + d.length). */
function writeChunk(type: DataType, d: ChunkBuffers, out: Float64Array, at: number, bitmap: Uint8Array | null, ctx: ChunkContext): void {
  switch (type.typeId) {
    case Type.Float: {
      const precision = (type as Float).precision;
      if (precision === Precision.HALF) writeHalf(d, out, at, ctx);
      else if (precision === Precision.SINGLE) out.set(viewOf(Float32Array, d.values, d.offset, d.length, 'the value buffer', ctx.fail), at);
      else out.set(viewOf(Float64Array, d.values, d.offset, d.length, 'the value buffer', ctx.fail), at);
      return;
    }
    case Type.Int:
      writeInt(d, type as Int, out, at, bitmap, ctx);
      return;
    case Type.Timestamp:
      writeTimestamp(d, type as Timestamp, out, at, bitmap, ctx);
      return;
    case Type.Date:
      writeDate(d, type as Date_, out, at, bitmap, ctx);
      return;
    default:
      ctx.fail(`type ${String(type)} is not numeric`);
  }
}

/** Bytes per value in a numeric column's value buffer (8 for a timestamp). */
export function valueWidth(type: DataType): number {
  switch (type.typeId) {
    case Type.Float:
      return [2, 4, 8][(type as Float).precision] ?? 8;
    case Type.Int:
      return (type as Int).bitWidth / 8;
    case Type.Date:
      return (type as Date_).unit === DateUnit.DAY ? 4 : 8;
    default:
      return 8;
  }
}

function isFloat64(type: DataType): boolean {
  return type.typeId === Type.Float && (type as Float).precision === Precision.DOUBLE;
}

/**
 * Builds a NumericColumn from the column's chunks (one per record batch).
 * Timestamps become epoch milliseconds (fractional below ms), date32 days
 * and date64 become epoch milliseconds. O(rows); no copy for a float64
 * column in a single chunk.
 *
 * @throws DRIFTGAUGE_ERR_INT64_PRECISION for a 64-bit integer beyond ±2^53 (also second and millisecond timestamps, date64)
 * @throws DRIFTGAUGE_ERR_ARROW_INVALID for buffers too short for their rows
 * @example
 * buildNumericColumn('age', new Int32(), 'int32', [data], 3, 'ref.arrow').values; // Float64Array [31, 45, 27]
 */
export function buildNumericColumn(
  name: string,
  type: DataType,
  arrowType: string,
  chunks: readonly ChunkBuffers[],
  rows: number,
  source: string,
  allocValues: (n: number) => Float64Array = (n) => new Float64Array(n),
): NumericColumn {
  const fail: Fail = (why) => {
    throw createError('DRIFTGAUGE_ERR_ARROW_INVALID', source, `column '${name}': ${why}`);
  };
  const ctx: ChunkContext = { source, name, fail };
  const filled = chunks.filter((d) => d.length > 0);
  if (filled.reduce((sum, d) => sum + d.length, 0) !== rows) fail(`its chunks do not add up to ${rows} rows`);
  // Check every buffer before allocating, so corrupt lengths cannot make us allocate without bound.
  const width = valueWidth(type);
  for (const d of filled) {
    viewOf(Uint8Array, d.values, d.offset * width, d.length * width, 'the value buffer', fail);
    nullBitmapOf(d, fail);
  }
  if (filled.length === 1 && isFloat64(type)) {
    const d = filled[0];
    const values = viewOf(Float64Array, d.values, d.offset, d.length, 'the value buffer', fail);
    const bitmap = nullBitmapOf(d, fail);
    let valid: Uint8Array | null = null;
    if (bitmap) {
      valid = new Uint8Array(rows);
      if (expandValidity(bitmap, d.offset, d.length, valid, 0) === 0) valid = null;
    }
    return { kind: 'numerical', name, arrowType, length: rows, values, valid };
  }
  // Every value is written below (null rows included), so memory of any prior content will do.
  const values = allocValues(rows);
  if (values.length !== rows) throw createError('DRIFTGAUGE_ERR_INTERNAL', `allocValues returned ${values.length} values for ${rows}`);
  let valid: Uint8Array | null = null;
  let nulls = 0;
  let at = 0;
  for (const d of filled) {
    const bitmap = nullBitmapOf(d, fail);
    if (bitmap) {
      valid ??= new Uint8Array(rows).fill(1);
      nulls += expandValidity(bitmap, d.offset, d.length, valid, at);
    }
    writeChunk(type, d, values, at, bitmap, ctx);
    at += d.length;
  }
  return { kind: 'numerical', name, arrowType, length: rows, values, valid: nulls > 0 ? valid : null };
}
