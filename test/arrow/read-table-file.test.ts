import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Binary, vectorFromArray } from 'apache-arrow';
import { afterAll, describe, expect, it } from 'vitest';
import { readTableFile } from '../../src/arrow/read-table.js';
import { writeTable } from '../../src/arrow/write-table.js';
import { DriftgaugeError } from '../../src/errors.js';
import { numeric } from './arrow-test-utils.js';

const dir = mkdtempSync(join(tmpdir(), 'driftgauge-arrow-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function codeOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(DriftgaugeError);
    return { code: (err as DriftgaugeError).code, message: (err as DriftgaugeError).message };
  }
  throw new Error('expected an error');
}

describe('readTableFile', () => {
  it('reads an Arrow file from disk and names it as the source', async () => {
    const path = join(dir, 'ref.arrow');
    writeFileSync(path, writeTable({ x: Float64Array.of(1, 2, 3) }));
    const table = await readTableFile(path);
    expect(table.source).toBe(path);
    expect(Array.from(numeric(table, 'x').values)).toEqual([1, 2, 3]);
  });

  it('reads a stream-format file from disk', async () => {
    const path = join(dir, 'cur.arrows');
    writeFileSync(path, writeTable({ x: Float64Array.of(4, 5) }, { format: 'stream' }));
    expect((await readTableFile(path)).rows).toBe(2);
  });

  it('reports a missing file', async () => {
    const path = join(dir, 'missing.arrow');
    expect(await codeOf(readTableFile(path))).toEqual({ code: 'DRIFTGAUGE_ERR_FILE_NOT_FOUND', message: `${path}: file not found` });
  });

  it('reports a path that cannot be read as a file', async () => {
    const { code, message } = await codeOf(readTableFile(dir));
    expect(code).toBe('DRIFTGAUGE_ERR_FILE_READ');
    expect(message).toContain(`${dir}: cannot read file: `);
  });

  it('names the file in decoding errors', async () => {
    const path = join(dir, 'data.csv');
    writeFileSync(path, 'a,b\n1,2\n');
    expect(await codeOf(readTableFile(path))).toEqual({ code: 'DRIFTGAUGE_ERR_ARROW_INVALID', message: `${path}: not Arrow IPC data (looks like text (CSV?))` });
  });

  it('passes options through', async () => {
    const path = join(dir, 'opts.arrow');
    writeFileSync(path, writeTable({ x: Float64Array.of(1), b: vectorFromArray([Uint8Array.of(1)], new Binary()) }));
    expect((await codeOf(readTableFile(path))).code).toBe('DRIFTGAUGE_ERR_ARROW_UNSUPPORTED_TYPE');
    expect((await readTableFile(path, { onUnsupported: 'skip' })).skipped).toEqual([{ name: 'b', arrowType: 'binary' }]);
  });
});
