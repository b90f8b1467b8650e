import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../src/arrow/read-table.js';
import { writeTable } from '../../src/arrow/write-table.js';
import { expectCode, numeric, streamMessages } from './arrow-test-utils.js';

const columns = { x: Float64Array.from({ length: 12 }, (_, i) => i), s: Array.from({ length: 12 }, (_, i) => `s${i % 4}`) };
const stream = writeTable(columns, { format: 'stream', batchRows: 4 });
const file = writeTable(columns, { format: 'file', batchRows: 4 });
const messages = streamMessages(stream); // schema, then three record batches
const EOS = 8;

describe('truncated streams', () => {
  it('has the layout the tests below assume', () => {
    expect(messages.length).toBe(4);
    expect(messages[3].end + EOS).toBe(stream.byteLength);
  });

  it('reports a stream cut inside a record batch body', () => {
    const cut = stream.subarray(0, messages[2].metadataEnd + 10);
    const err = expectCode(() => readTable(cut, 'batch.arrows'), 'DRIFTGAUGE_ERR_ARROW_TRUNCATED');
    expect(err.message).toMatch(/^batch\.arrows: truncated Arrow IPC data \(message at byte \d+ declares a \d+-byte body; 10 bytes remain\)$/);
  });

  it('reports a stream cut inside a message header', () => {
    expectCode(() => readTable(stream.subarray(0, messages[1].start + 12), 'b'), 'DRIFTGAUGE_ERR_ARROW_TRUNCATED');
  });

  it('reports a stream cut inside the schema message', () => {
    expectCode(() => readTable(stream.subarray(0, 20), 'b'), 'DRIFTGAUGE_ERR_ARROW_TRUNCATED');
  });

  it('reports a stream cut inside a length prefix, which apache-arrow reads as a clean end', () => {
    const cut = stream.subarray(0, messages[3].start + 2);
    expect(tableFromIPC(cut).numRows).toBe(8); // apache-arrow alone: a smaller table, silently
    expectCode(() => readTable(cut, 'b'), 'DRIFTGAUGE_ERR_ARROW_TRUNCATED');
  });

  it('reports a stream cut between the continuation marker and the length', () => {
    expectCode(() => readTable(stream.subarray(0, messages[3].start + 5), 'b'), 'DRIFTGAUGE_ERR_ARROW_TRUNCATED');
  });

  it('accepts a stream without the end-of-stream marker', () => {
    const table = readTable(stream.subarray(0, stream.byteLength - EOS), 'b');
    expect(table.rows).toBe(12);
  });

  it('accepts a stream cut exactly between two messages as the batches before the cut (undetectable)', () => {
    const table = readTable(stream.subarray(0, messages[2].end), 'b');
    expect(table.rows).toBe(8);
    expect(Array.from(numeric(table, 'x').values)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('ignores bytes after the end-of-stream marker', () => {
    const padded = new Uint8Array(stream.byteLength + 5);
    padded.set(stream);
    expect(readTable(padded, 'b').rows).toBe(12);
  });

  it('reports every cut inside a message or the end marker as truncated, and accepts cuts between messages', () => {
    const boundaries = new Set(messages.map((m) => m.end));
    for (let length = 1; length < stream.byteLength; length++) {
      const cut = stream.subarray(0, length);
      if (boundaries.has(length)) {
        expect(readTable(cut, 'b').rows % 4).toBe(0);
      } else if (length < 4) {
        expectCode(() => readTable(cut, 'b'), 'DRIFTGAUGE_ERR_ARROW_INVALID');
      } else {
        expectCode(() => readTable(cut, 'b'), 'DRIFTGAUGE_ERR_ARROW_TRUNCATED');
      }
    }
  });
});

describe('truncated files', () => {
  it('reports a file cut in the middle of a record batch', () => {
    const err = expectCode(() => readTable(file.subarray(0, file.byteLength >> 1), 'ref.arrow'), 'DRIFTGAUGE_ERR_ARROW_TRUNCATED');
    expect(err.message).toBe('ref.arrow: truncated Arrow IPC data (an Arrow file without its footer (it does not end with the ARROW1 magic))');
  });

  it('reports a file missing its footer', () => {
    const footerLength = new DataView(file.buffer, file.byteOffset).getInt32(file.byteLength - 10, true);
    const withoutFooter = file.subarray(0, file.byteLength - 10 - footerLength);
    expectCode(() => readTable(withoutFooter, 'b'), 'DRIFTGAUGE_ERR_ARROW_TRUNCATED');
  });

  it('reports every proper prefix of a file as truncated', () => {
    for (let length = 1; length < file.byteLength; length++) {
      expectCode(() => readTable(file.subarray(0, length), 'b'), 'DRIFTGAUGE_ERR_ARROW_TRUNCATED');
    }
  });
});
