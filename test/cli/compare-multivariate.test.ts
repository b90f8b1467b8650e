/**
 * Multivariate drift through the CLI: a flipped correlation that leaves
 * every marginal unchanged is caught by both multivariate methods and by no
 * univariate test; two samples of one distribution are left alone.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTable } from '../../src/arrow/write-table.js';
import { mulberry32 } from '../../src/demo/synthetic.js';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'driftgauge-mv-'));

function correlated(n: number, seed: number, rho: number) {
  const r = mulberry32(seed);
  const g = () => Math.sqrt(-2 * Math.log(r() || 1e-300)) * Math.cos(2 * Math.PI * r());
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = g();
    y[i] = rho * x[i] + Math.sqrt(1 - rho * rho) * g();
    z[i] = g();
  }
  return { x, y, z };
}

function compare(name: string, cur: ReturnType<typeof correlated>) {
  const ref = join(dir, `${name}-ref.arrow`);
  const curPath = join(dir, `${name}-cur.arrow`);
  writeFileSync(ref, writeTable(correlated(4000, 1, 0.8)));
  writeFileSync(curPath, writeTable(cur));
  const r = runCli(['compare', '--reference', ref, '--current', curPath]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout);
}

describe('driftgauge compare: multivariate drift', () => {
  it('catches a flipped correlation that no univariate test sees', () => {
    const report = compare('flip', correlated(4000, 2, -0.8));
    for (const f of report.features) expect(f.drift.detected, f.name).toBe(false);
    expect(report.multivariate.pca_reconstruction.detected).toBe(true);
    expect(report.multivariate.domain_classifier.detected).toBe(true);
  });

  it('stays quiet on two samples of one distribution', () => {
    const report = compare('same', correlated(4000, 3, 0.8));
    expect(report.multivariate.pca_reconstruction.detected).toBe(false);
    expect(report.multivariate.domain_classifier.detected).toBe(false);
  });

  it('is left out with --no-multivariate and with "multivariate": false in the spec', () => {
    const ref = join(dir, 'same-ref.arrow');
    const cur = join(dir, 'same-cur.arrow');
    const off = JSON.parse(runCli(['compare', '--reference', ref, '--current', cur, '--no-multivariate']).stdout);
    expect(off.multivariate).toBeUndefined();
    const spec = join(dir, 'off.json');
    writeFileSync(spec, JSON.stringify({ multivariate: false }));
    expect(JSON.parse(runCli(['compare', '--reference', ref, '--current', cur, '--spec', spec]).stdout).multivariate).toBeUndefined();
  });

  it('gives the same report for the same inputs and seed', () => {
    const a = runCli(['compare', '--reference', join(dir, 'flip-ref.arrow'), '--current', join(dir, 'flip-cur.arrow')]).stdout;
    const b = runCli(['compare', '--reference', join(dir, 'flip-ref.arrow'), '--current', join(dir, 'flip-cur.arrow')]).stdout;
    expect(a).toBe(b);
  });
});
