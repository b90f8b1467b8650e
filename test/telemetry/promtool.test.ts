import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { binaryForTest, missingBinaryMessage } from './helpers.js';

const promtool = binaryForTest('promtool');
const deploy = fileURLToPath(new URL('../../deploy/prometheus/', import.meta.url));

function run(args: string[]) {
  if (!promtool.path) throw new Error(missingBinaryMessage('promtool'));
  const r = spawnSync(promtool.path, args, { encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

// Runs when promtool is on PATH; under CI=true a missing promtool fails instead of skipping.
describe.runIf(promtool.run)('promtool on deploy/prometheus', () => {
  it('check config: prometheus.yml and the rule files it loads are valid', () => {
    const r = run(['check', 'config', join(deploy, 'prometheus.yml')]);
    expect(r.out).toMatch(/SUCCESS/);
    expect(r.status, r.out).toBe(0);
  });

  it('check rules: the alert rules are valid and lint-clean', () => {
    const r = run(['check', 'rules', join(deploy, 'rules/driftgauge-alerts.yml')]);
    expect(r.status, r.out).toBe(0);
  });

  it('test rules: every alert fires and stays quiet where its unit tests say', () => {
    const r = run(['test', 'rules', join(deploy, 'rules/driftgauge-alerts.test.yml')]);
    expect(r.out).toMatch(/SUCCESS/);
    expect(r.status, r.out).toBe(0);
  });

  it('test rules fails when an alert changes (the unit tests can catch a regression)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'driftgauge-promtool-'));
    try {
      copyFileSync(join(deploy, 'rules/driftgauge-alerts.test.yml'), join(dir, 'driftgauge-alerts.test.yml'));
      const rules = readFileSync(join(deploy, 'rules/driftgauge-alerts.yml'), 'utf8');
      const broken = rules.replace(/(alert: DriftgaugeNoBatches[\s\S]*?for: )15m/, '$15m');
      expect(broken).not.toBe(rules);
      writeFileSync(join(dir, 'driftgauge-alerts.yml'), broken);
      const r = run(['test', 'rules', join(dir, 'driftgauge-alerts.test.yml')]);
      expect(r.status).not.toBe(0);
      expect(r.out).toMatch(/DriftgaugeNoBatches/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
