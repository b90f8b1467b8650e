import {
  Bool,
  Dictionary,
  Float16,
  Int8,
  Int64,
  LargeUtf8,
  TimestampNanosecond,
  Uint64,
  Utf8,
  Utf8View,
  vectorFromArray,
} from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import type { ColumnarTable } from '../../src/arrow/columns.js';
import { readTable } from '../../src/arrow/read-table.js';
import { writeTable } from '../../src/arrow/write-table.js';
import { DriftgaugeError } from '../../src/errors.js';
import { mulberry32 } from '../../src/multivariate/seeded-random.js';
import { FORMATS } from './arrow-test-utils.js';

/** A small seeded generator (mulberry32), so a failure can be replayed. */
const random = mulberry32;

/** Decodes or throws a DriftgaugeError; a decoded table must be internally consistent. */
function decodeOrCodedError(bytes: Uint8Array, label: string): 'ok' | string {
  let table: ColumnarTable;
  try {
    table = readTable(bytes, label);
  } catch (err) {
    if (!(err instanceof DriftgaugeError)) throw new Error(`${label}: raw ${(err as Error)?.name}: ${(err as Error)?.message}`);
    return err.code;
  }
  for (const column of table.columns) {
    expect(column.length, label).toBe(table.rows);
    if (column.kind === 'numerical') {
      expect(column.values.length, label).toBe(table.rows);
      if (column.valid) expect(column.valid.length, label).toBe(table.rows);
    } else {
      expect(column.codes.length, label).toBe(table.rows);
      for (const code of column.codes) if (code < -1 || code >= column.categories.length) throw new Error(`${label}: code ${code} out of range`);
    }
  }
  return 'ok';
}

// string_view only in single-batch samples: apache-arrow 21 drops the views buffer of a
// sliced string_view column when writing, so it cannot be split into batches.
const sample = (withView: boolean) => {
  const n = 20;
  const s = Array.from({ length: n }, (_, i) => (i % 5 === 4 ? null : `cat-${i % 3}`));
  return {
    f: Float64Array.from({ length: n }, (_, i) => i * 1.5),
    i: vectorFromArray(Array.from({ length: n }, (_, i) => (i % 6 === 0 ? null : i - 10)), new Int8()),
    big: vectorFromArray(Array.from({ length: n }, (_, i) => BigInt(i) * 1000n), new Int64()),
    u: vectorFromArray(Array.from({ length: n }, (_, i) => BigInt(i)), new Uint64()),
    h: vectorFromArray(Array.from({ length: n }, (_, i) => i / 4), new Float16()),
    t: vectorFromArray(Array.from({ length: n }, (_, i) => i * 1000), new TimestampNanosecond()),
    b: vectorFromArray(Array.from({ length: n }, (_, i) => (i % 7 === 0 ? null : i % 2 === 0)), new Bool()),
    s: vectorFromArray(s, new Utf8()),
    l: vectorFromArray(s, new LargeUtf8()),
    d: vectorFromArray(s, new Dictionary(new Utf8(), new Int8())),
    ...(withView ? { v: vectorFromArray(s.map((x) => x && `${x} and some more text`), new Utf8View()) } : {}),
  };
};

describe('untrusted bytes', () => {
  it('never lets a raw error escape on random bytes', () => {
    const next = random(1);
    const codes = new Set<string>();
    for (let k = 0; k < 400; k++) {
      const bytes = Uint8Array.from({ length: Math.floor(next() * 600) }, () => Math.floor(next() * 256));
      if (k % 2 === 1 && bytes.length >= 8) {
        // Make it look like a stream so the metadata checks run, not just the framing.
        new DataView(bytes.buffer).setInt32(0, -1, true);
        new DataView(bytes.buffer).setInt32(4, Math.floor(next() * (bytes.length - 8)) + 1, true);
      }
      codes.add(decodeOrCodedError(bytes, `random #${k}`));
    }
    expect(codes.has('ok')).toBe(false);
  });

  it.each(FORMATS)('never lets a raw error escape on bit-flipped %s bytes', (format) => {
    const originals = [writeTable(sample(false), { format, batchRows: 8 }), writeTable(sample(true), { format })];
    for (const original of originals) expect(decodeOrCodedError(original, 'original')).toBe('ok');
    const next = random(format === 'file' ? 2 : 3);
    const outcomes = new Map<string, number>();
    for (let k = 0; k < 600; k++) {
      const original = originals[k % 2];
      const bytes = original.slice();
      const flips = 1 + Math.floor(next() * 4);
      for (let f = 0; f < flips; f++) {
        const at = Math.floor(next() * bytes.length);
        if (next() < 0.5) bytes[at] ^= 1 << Math.floor(next() * 8);
        else bytes[at] = Math.floor(next() * 256);
      }
      const outcome = decodeOrCodedError(bytes, `${format} flip #${k}`);
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    // Most single flips land in data and still decode; many in metadata must be caught.
    expect(outcomes.get('ok')).toBeGreaterThan(0);
    expect(outcomes.get('DRIFTGAUGE_ERR_ARROW_INVALID')).toBeGreaterThan(0);
  });

  it.each(FORMATS)('never lets a raw error escape on %s bytes with a metadata region overwritten', (format) => {
    const originals = [writeTable(sample(false), { format, batchRows: 8 }), writeTable(sample(true), { format })];
    const next = random(format === 'file' ? 4 : 5);
    for (let k = 0; k < 300; k++) {
      const bytes = originals[k % 2].slice();
      // Metadata sits near message starts and, in files, at the end: hit both.
      const at = next() < 0.5 ? Math.floor(next() * 400) : bytes.length - 1 - Math.floor(next() * 400);
      const width = 1 + Math.floor(next() * 8);
      for (let i = 0; i < width && at + i < bytes.length; i++) bytes[Math.max(0, at + i)] = Math.floor(next() * 256);
      decodeOrCodedError(bytes, `${format} overwrite #${k}`);
    }
  });
});
