/**
 * `driftgauge compare --format json` end to end on Arrow files written by
 * the apache-arrow package, against whole reports computed with numpy 1.24 /
 * scipy 1.10 / scikit-learn 1.2 by fixtures/gen/report.py.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type TestType, writeArrow } from '../helpers/arrow-files.js';
import { loadFixture } from '../helpers/fixtures.js';
import { diffReport } from '../helpers/report-close.js';
import { runCli } from './run-cli.js';

interface ReportCase {
  name: string;
  types: Record<string, TestType>;
  reference: Record<string, unknown[]>;
  current: Record<string, unknown[]>;
  spec: unknown;
  expected: unknown;
}

const { cases } = loadFixture<ReportCase>('report');
const dir = mkdtempSync(join(tmpdir(), 'driftgauge-report-'));

describe('driftgauge compare --format json matches scipy / scikit-learn', () => {
  cases.forEach((c, i) => {
    for (const [format, threads] of [
      ['file', '0'],
      ['stream', '2'],
    ] as const) {
      it(`${c.name} (Arrow ${format}, --threads ${threads})`, () => {
        const ref = writeArrow(join(dir, `ref-${i}-${format}.arrow`), c.reference, c.types, format);
        const cur = writeArrow(join(dir, `cur-${i}-${format}.arrow`), c.current, c.types, format);
        // Multivariate drift has its own tests (test/multivariate, test/cli/compare-multivariate.test.ts).
        const args = ['compare', '--reference', ref, '--current', cur, '--format', 'json', '--threads', threads, '--no-multivariate'];
        if (c.spec) {
          const spec = join(dir, `spec-${i}.json`);
          writeFileSync(spec, JSON.stringify(c.spec));
          args.push('--spec', spec);
        }
        const r = runCli(args);
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
        expect(diffReport(JSON.parse(r.stdout), c.expected)).toEqual([]);
      });
    }
  });
});
