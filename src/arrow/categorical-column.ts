/**
 * Categorical Arrow columns (bool, utf8, large_utf8, string_view and
 * dictionary-encoded strings) → Int32Array codes into distinct categories in
 * first-seen row order. The same values give the same codes and categories
 * whichever of these encodings carried them.
 */
import { type Data, type DataType, type Dictionary, Type } from 'apache-arrow';
import { createError } from '../errors.js';
import { CategoryInterner } from './category-interner.js';
import type { CategoricalColumn } from './columns.js';
import { DictionaryCodes } from './dictionary-codes.js';
import { StringChunk } from './string-chunk.js';
import { type Fail, viewOf } from './typed-view.js';
import { bitAt, nullBitmapOf } from './validity.js';

/** Decodes one chunk's rows into codes[at...]; built after its buffers are checked. */
type ChunkRows = (codes: Int32Array, at: number) => void;

function boolRows(d: Data, interner: CategoryInterner, fail: Fail): ChunkRows {
  const { offset: o, length: n } = d;
  const bitmap = nullBitmapOf(d, fail);
  const bits = viewOf(Uint8Array, d.values, 0, Math.ceil((o + n) / 8), 'the value bitmap', fail);
  return (codes, at) => {
    // Codes are taken on first sight, so categories keep first-seen order.
    let falseCode = -1;
    let trueCode = -1;
    for (let i = 0; i < n; i++) {
      if (bitmap !== null && !bitAt(bitmap, o + i)) {
        codes[at + i] = -1;
      } else if (bitAt(bits, o + i)) {
        if (trueCode < 0) trueCode = interner.internString('true');
        codes[at + i] = trueCode;
      } else {
        if (falseCode < 0) falseCode = interner.internString('false');
        codes[at + i] = falseCode;
      }
    }
  };
}

function stringRows(d: Data, interner: CategoryInterner, fail: Fail): ChunkRows {
  const chunk = new StringChunk(d, fail);
  return (codes, at) => {
    for (let i = 0; i < chunk.length; i++) codes[at + i] = chunk.code(i, interner);
  };
}

/** The chunk's dictionary indices as a typed array of numbers. */
function indicesOf(d: Data, fail: Fail): ArrayLike<number> {
  const { offset: o, length: n, values } = d;
  const type = (d.type as Dictionary).indices;
  const what = 'the indices buffer';
  const bitWidth: number = type.bitWidth;
  switch (bitWidth) {
    case 8:
      return type.isSigned ? viewOf(Int8Array, values, o, n, what, fail) : viewOf(Uint8Array, values, o, n, what, fail);
    case 16:
      return type.isSigned ? viewOf(Int16Array, values, o, n, what, fail) : viewOf(Uint16Array, values, o, n, what, fail);
    case 32:
      return type.isSigned ? viewOf(Int32Array, values, o, n, what, fail) : viewOf(Uint32Array, values, o, n, what, fail);
    case 64: {
      // An index beyond 2^31 cannot address a dictionary that fits in memory: keep the low
      // word, and make any index with a high word out of range.
      const words = viewOf(Int32Array, values, 2 * o, 2 * n, what, fail);
      const indices = new Float64Array(n);
      for (let i = 0; i < n; i++) indices[i] = words[2 * i + 1] === 0 ? words[2 * i] >>> 0 : -1;
      return indices;
    }
    default:
      return fail(`unexpected index width ${bitWidth}`);
  }
}

function dictionaryRows(d: Data, dictionary: DictionaryCodes, fail: Fail): ChunkRows {
  const { offset: o, length: n } = d;
  const bitmap = nullBitmapOf(d, fail);
  const indices = indicesOf(d, fail);
  return (codes, at) => {
    dictionary.use(d.dictionary);
    for (let i = 0; i < n; i++) {
      codes[at + i] = bitmap !== null && !bitAt(bitmap, o + i) ? -1 : dictionary.code(indices[i]);
    }
  };
}

/**
 * Builds a CategoricalColumn from the column's chunks (one per record
 * batch). Each distinct string is decoded once. O(rows + distinct bytes).
 *
 * @throws DRIFTGAUGE_ERR_ARROW_INVALID for offsets, views or indices outside their buffers
 * @example
 * buildCategoricalColumn('country', new Utf8(), 'utf8', [data], 4, 'cur.arrow');
 * // { codes: Int32Array [0, 1, 0, -1], categories: ['fr', 'de'], ... }
 */
export function buildCategoricalColumn(
  name: string,
  type: DataType,
  arrowType: string,
  chunks: readonly Data[],
  rows: number,
  source: string,
): CategoricalColumn {
  const fail: Fail = (why) => {
    throw createError('DRIFTGAUGE_ERR_ARROW_INVALID', source, `column '${name}': ${why}`);
  };
  const interner = new CategoryInterner();
  const dictionary = type.typeId === Type.Dictionary ? new DictionaryCodes(interner, fail) : null;
  // Check every buffer before allocating, so corrupt lengths cannot make us allocate without bound.
  const filled = chunks.filter((d) => d.length > 0);
  if (filled.reduce((sum, d) => sum + d.length, 0) !== rows) fail(`its chunks do not add up to ${rows} rows`);
  const readers = filled.map((d) => {
    if (type.typeId === Type.Bool) return boolRows(d, interner, fail);
    if (dictionary) return dictionaryRows(d, dictionary, fail);
    return stringRows(d, interner, fail);
  });
  const codes = new Int32Array(rows);
  let at = 0;
  for (const [k, read] of readers.entries()) {
    read(codes, at);
    at += filled[k].length;
  }
  return { kind: 'categorical', name, arrowType, length: rows, codes, categories: interner.categories };
}
