/**
 * Bad input to `driftgauge compare`: exit 1 and one line on stderr with the
 * code, naming the file, the column and the problem.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { arrowBytes, writeArrow } from '../helpers/arrow-files.js';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'driftgauge-cli-'));
const ref = writeArrow(join(dir, 'ref.arrow'), { age: [30, 40, 50], country: ['DE', 'FR', null] }, { age: 'float64', country: 'utf8' });
const cur = writeArrow(join(dir, 'cur.arrow'), { age: [31, 41, null], country: ['DE', 'IT', 'FR'] }, { age: 'float64', country: 'utf8' }, 'stream');

function expectOneLineError(args: string[], code: string, ...parts: string[]): void {
  const r = runCli(['compare', ...args]);
  expect(r.status).toBe(1);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^driftgauge: ${code}: `));
  for (const p of parts) expect(lines[0]).toContain(p);
}

describe('driftgauge compare on bad input', () => {
  it('names a missing file', () => {
    expectOneLineError(['--reference', join(dir, 'nope.arrow'), '--current', cur], 'DRIFTGAUGE_ERR_FILE_NOT_FOUND', 'nope.arrow', 'file not found');
  });

  it('names a file that is not Arrow', () => {
    const csv = join(dir, 'data.csv');
    writeFileSync(csv, 'age,country\n30,DE\n');
    expectOneLineError(['--reference', ref, '--current', csv], 'DRIFTGAUGE_ERR_ARROW_INVALID', 'data.csv', 'not Arrow');
  });

  it('names a truncated Arrow file', () => {
    const bytes = readFileSync(ref);
    const cut = join(dir, 'cut.arrow');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    expectOneLineError(['--reference', cut, '--current', cur], 'DRIFTGAUGE_ERR_ARROW_TRUNCATED', 'cut.arrow');
  });

  it('names a column that is in one file but not the other', () => {
    const other = writeArrow(join(dir, 'other.arrow'), { age: [1, 2] }, { age: 'float64' });
    expectOneLineError(['--reference', ref, '--current', other], 'DRIFTGAUGE_ERR_COLUMN_MISSING', 'other.arrow', "'country'", 'ref.arrow');
  });

  it('names a column whose type differs between the files', () => {
    const other = writeArrow(join(dir, 'typed.arrow'), { age: ['30', '40'], country: ['DE', 'FR'] }, { age: 'utf8', country: 'utf8' });
    expectOneLineError(['--reference', ref, '--current', other], 'DRIFTGAUGE_ERR_COLUMN_TYPE_MISMATCH', 'typed.arrow', "'age'", 'utf8', 'float64');
  });

  it('names an empty table', () => {
    const empty = writeArrow(join(dir, 'empty.arrow'), { age: [], country: [] }, { age: 'float64', country: 'utf8' });
    expectOneLineError(['--reference', ref, '--current', empty], 'DRIFTGAUGE_ERR_EMPTY_TABLE', 'empty.arrow', 'no rows');
  });

  it('names an unknown column role in the spec', () => {
    const spec = join(dir, 'role.json');
    writeFileSync(spec, JSON.stringify({ columns: { age: { role: 'label' } } }));
    expectOneLineError(['--reference', ref, '--current', cur, '--spec', spec], 'DRIFTGAUGE_ERR_SPEC_INVALID', 'role.json', "'age'", 'unknown role');
  });

  it('names a spec that is not valid JSON', () => {
    const spec = join(dir, 'broken.json');
    writeFileSync(spec, '{"columns": ');
    expectOneLineError(['--reference', ref, '--current', cur, '--spec', spec], 'DRIFTGAUGE_ERR_SPEC_JSON', 'broken.json', 'not valid JSON');
  });

  it('names a spec column that is not in the data', () => {
    const spec = join(dir, 'col.json');
    writeFileSync(spec, JSON.stringify({ columns: { salary: { role: 'feature' } } }));
    expectOneLineError(['--reference', ref, '--current', cur, '--spec', spec], 'DRIFTGAUGE_ERR_SPEC_COLUMN', 'ref.arrow', "'salary'");
  });

  it('names a 64-bit integer beyond 2^53', () => {
    const big = join(dir, 'big.arrow');
    writeFileSync(big, arrowBytes({ age: [2 ** 53 + 2, 1], country: ['DE', 'FR'] }, { age: 'int64', country: 'utf8' }, 'file'));
    expectOneLineError(['--reference', big, '--current', cur], 'DRIFTGAUGE_ERR_INT64_PRECISION', 'big.arrow', "'age'");
  });

  it('explains a missing option', () => {
    expectOneLineError(['--reference', ref], 'DRIFTGAUGE_ERR_USAGE', '--current');
  });

  it('rejects an unknown format', () => {
    expectOneLineError(['--reference', ref, '--current', cur, '--format', 'yaml'], 'DRIFTGAUGE_ERR_USAGE', 'yaml');
  });
});

describe('driftgauge compare output', () => {
  it('prints a readable table with --format text', () => {
    const r = runCli(['compare', '--reference', ref, '--current', cur, '--format', 'text']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^feature\s+kind\s+method\s+score\s+threshold\s+drift/m);
    expect(r.stdout).toMatch(/^age\s+numerical\s+ks\s/m);
    expect(r.stdout).toMatch(/^country\s+categorical\s+chi2\s/m);
    expect(r.stdout).toMatch(/dataset: \d of 2 features drifted/);
  });

  it('writes the report to --out and nothing to stdout', () => {
    const out = join(dir, 'report.json');
    const r = runCli(['compare', '--reference', ref, '--current', cur, '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.mode).toBe('exact');
    expect(report.features.map((f: { name: string }) => f.name)).toEqual(['age', 'country']);
  });

  it('keeps stderr silent when it is not a terminal', () => {
    const r = runCli(['compare', '--reference', ref, '--current', cur]);
    expect(r.stderr).toBe('');
  });
});
