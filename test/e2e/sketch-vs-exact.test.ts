/**
 * The same rows through the service (batches folded into a window, then a
 * sketched comparison) and through the exact CLI: the sketched statistics
 * stay within the bounds docs/sketches.md states.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTable } from '../../src/arrow/write-table.js';
import { mulberry32 } from '../../src/demo/synthetic.js';
import type { Runtime } from '../../src/service/runtime.js';
import { deserializeProfile } from '../../src/sketches/profile-codec.js';
import type { ReferenceRecord } from '../../src/store/store.js';
import { runCli } from '../cli/run-cli.js';
import { ARROW_STREAM, startRuntime } from '../http/harness.js';

const H = 3_600_000;
const t0 = Date.UTC(2026, 10, 25, 8);
const dir = mkdtempSync(join(tmpdir(), 'driftgauge-sve-'));

function normal(r: () => number): number {
  return Math.sqrt(-2 * Math.log(r() || 1e-300)) * Math.cos(2 * Math.PI * r());
}

/** Columns of the CONTRACT's kinds: normal, lognormal, bimodal, heavily tied integers, categories. */
function columns(n: number, seed: number, shift: number) {
  const r = mulberry32(seed);
  const normalCol = new Float64Array(n);
  const logn = new Float64Array(n);
  const bimodal = new Float64Array(n);
  const tied = new Float64Array(n);
  const cat: string[] = [];
  for (let i = 0; i < n; i++) {
    normalCol[i] = shift + normal(r);
    logn[i] = Math.exp(0.5 * normal(r) + shift / 4);
    bimodal[i] = (r() < 0.3 + shift / 10 ? -2 : 2) + 0.5 * normal(r);
    tied[i] = Math.round(3 + 2 * normal(r) + shift);
    cat.push(['a', 'b', 'c', 'd'][Math.min(3, Math.floor(r() * (4 - shift)))]);
  }
  return { normal: normalCol, lognormal: logn, bimodal, tied, cat, ts: new Float64Array(n).fill(t0 + 1000) };
}

let rt: Runtime;
beforeAll(async () => {
  rt = await startRuntime();
});
afterAll(async () => {
  await rt.close();
});

describe('sketched comparison against the exact CLI on the same rows', () => {
  // fineBins: the spec's sketch.fine_bins (default 512); a coarse one shows the setting reaches the worker's profile
  for (const { shift, fineBins } of [{ shift: 0 }, { shift: 0.3 }, { shift: 0.3, fineBins: 32 }]) {
    it(`stays within the documented bounds on a 100k-row window (shift ${shift}${fineBins ? `, fine_bins ${fineBins}` : ''})`, async () => {
      const model = `m${String(shift).replace('.', '')}${fineBins ? `f${fineBins}` : ''}`;
      const spec = { columns: { ts: { role: 'timestamp' } }, ...(fineBins ? { sketch: { fine_bins: fineBins } } : {}) };
      const created = await rt.app.inject({ method: 'PUT', url: `/v1/models/${model}`, payload: spec });
      expect(created.json().spec.sketch).toEqual({ fine_bins: fineBins ?? 512 });
      const ref = columns(50_000, 1, 0);
      const refBytes = writeTable(ref, { format: 'file' });
      const put = await rt.app.inject({ method: 'PUT', url: `/v1/models/${model}/reference`, headers: { 'content-type': 'application/vnd.apache.arrow.file' }, payload: Buffer.from(refBytes) });
      expect(put.statusCode).toBe(200);
      const cur = columns(100_000, 2, shift);
      for (let b = 0; b < 10; b++) {
        const part = Object.fromEntries(
          Object.entries(cur).map(([k, v]) => [k, Array.isArray(v) ? v.slice(b * 10_000, (b + 1) * 10_000) : (v as Float64Array).subarray(b * 10_000, (b + 1) * 10_000)]),
        );
        const r = await rt.app.inject({ method: 'POST', url: `/v1/models/${model}/batches`, headers: { 'content-type': ARROW_STREAM }, payload: Buffer.from(writeTable(part as never, { format: 'stream' })) });
        expect(r.statusCode).toBe(202);
      }
      const sk = (await rt.app.inject({ method: 'POST', url: `/v1/models/${model}/comparisons`, payload: { window: { start: new Date(t0).toISOString(), end: new Date(t0 + H).toISOString() } } })).json();
      writeFileSync(join(dir, `${model}-ref.arrow`), refBytes);
      writeFileSync(join(dir, `${model}-cur.arrow`), writeTable(cur, { format: 'file' }));
      writeFileSync(join(dir, `${model}-spec.json`), JSON.stringify(spec));
      const exact = JSON.parse(runCli(['compare', '--reference', join(dir, `${model}-ref.arrow`), '--current', join(dir, `${model}-cur.arrow`), '--spec', join(dir, `${model}-spec.json`)]).stdout);
      expect(sk.mode).toBe('sketch');
      expect(sk.current.rows).toBe(100_000);
      for (const f of exact.features) {
        const s = sk.features.find((x: { name: string }) => x.name === f.name);
        expect(s, f.name).toBeDefined();
        if (f.kind === 'numerical') {
          // the bound docs/sketches.md certifies: 1/fine_bins + 2/n_ref below exact
          const ksError = f.ks.statistic - s.ks.statistic;
          expect(ksError, `${f.name} KS`).toBeGreaterThanOrEqual(-1e-12);
          expect(ksError, `${f.name} KS`).toBeLessThanOrEqual(1 / (fineBins ?? 512) + 2 / 50_000);
          if (!fineBins) {
            expect(ksError, `${f.name} KS`).toBeLessThanOrEqual(0.005);
            expect(Math.abs(s.wasserstein - f.wasserstein) / f.wasserstein, `${f.name} Wasserstein`).toBeLessThanOrEqual(0.01);
          }
        }
        expect(Math.abs(s.psi - f.psi), `${f.name} PSI`).toBeLessThanOrEqual(0.01 * f.psi + 1e-12);
        expect(Math.abs(s.jensen_shannon - f.jensen_shannon), `${f.name} JS`).toBeLessThanOrEqual(0.01 * f.jensen_shannon + 1e-12);
        if (!fineBins) expect(s.drift?.detected, `${f.name} verdict`).toBe(f.drift?.detected);
      }
      if (!fineBins) expect(sk.dataset.detected).toBe(exact.dataset.detected);
      // the stored profile (built in a worker from the stored spec) has the spec's resolution
      const stored = await rt.store.getReference(model);
      const profile = deserializeProfile((stored as ReferenceRecord).profile);
      expect(profile.options).toMatchObject({ grid: fineBins ?? 512, uniform: fineBins ?? 512 });
      const normal = profile.features.find((p) => p.name === 'normal');
      expect(normal?.kind === 'numerical' ? normal.edges.length : 0).toBeGreaterThanOrEqual(2 * (fineBins ?? 512));
      expect(normal?.kind === 'numerical' ? normal.edges.length : Number.POSITIVE_INFINITY).toBeLessThanOrEqual(2 * (fineBins ?? 512) + 10);
    });
  }
});
