/**
 * `driftgauge demo` end to end, as a newcomer runs it (`npm run demo`): the
 * real service on loopback, batches that drift half-way, the monitor's
 * reports printed — with the drift showing in the later windows.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI } from '../cli/run-cli.js';

function runDemo(): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'demo'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('driftgauge demo', () => {
  it('creates a model, uploads a reference, streams batches and prints reports that catch the drift', async () => {
    const { code, out } = await runDemo();
    expect(code, out).toBe(0);
    for (const step of ['PUT  /v1/models/credit ', 'PUT  /v1/models/credit/reference', 'PUT  /v1/models/credit/monitor', 'POST /v1/models/credit/batches']) {
      expect(out).toContain(step);
    }
    const reports = out.split('\n').filter((l) => /^\d\d:\d\d:\d\d {2}window /.test(l));
    expect(reports.length, out).toBeGreaterThanOrEqual(3);
    // Windows before the drift are quiet; the last one, after it, is not.
    expect(reports.some((l) => !/drifted \d\/5 DRIFT/.test(l)), out).toBe(true);
    expect(reports[reports.length - 1]).toMatch(/drifted [1-5]\/5 DRIFT/);
    expect(out).toMatch(/\d+ reports stored; GET http:\/\/127\.0\.0\.1:\d+\/v1\/models\/credit\/reports/);
  }, 90_000);
});
