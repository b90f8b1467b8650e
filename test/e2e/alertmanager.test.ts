/**
 * The shipped alerting path end to end, with the real binaries: `driftgauge
 * serve` on loopback, the real Prometheus (Debian `prometheus`) scraping it
 * and evaluating deploy/prometheus/rules/driftgauge-alerts.yml (a temp copy
 * where only the `for:` durations are shortened), the real Alertmanager
 * (Debian `prometheus-alertmanager`) running deploy/alertmanager/alertmanager.yml
 * (a temp copy with the webhook URL and the grouping timers replaced), and a
 * webhook receiver in this test.
 *
 * Drifting batches go into one window and a comparison of it sets
 * driftgauge_feature_drift_detected to 1: the receiver gets a "firing"
 * DriftgaugeFeatureDrift alert with the model and feature labels, the
 * runbook and a `report` annotation that links to the model's latest
 * driftgauge report. Clean batches into the next window and a comparison of
 * that window set the gauges to 0: the receiver gets the "resolved"
 * notification (each feature-drift alert with status "resolved"; the
 * notification's own status stays "firing" while another alert of the
 * group, e.g. DriftgaugeNoBatches under the 2 s `for:`, still fires).
 *
 * Also runs `amtool check-config` on the shipped config.
 *
 * Runs when the binaries are on PATH; under CI=true a missing one fails.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNTHETIC_SPEC, syntheticArrow, syntheticBatch } from '../../src/demo/synthetic.js';
import { binaryForTest, freePort } from '../telemetry/helpers.js';
import {
  alertmanagerConfigForTest,
  type Proc,
  rulesForTest,
  startProcess,
  startWebhookReceiver,
  until,
  type WebhookAlert,
  type WebhookReceiver,
} from './alertmanager-harness.js';
import { type ServerProcess, startServer } from './server-process.js';

const DEPLOY = fileURLToPath(new URL('../../deploy/', import.meta.url));
const AM_CONFIG = join(DEPLOY, 'alertmanager/alertmanager.yml');
const RULES = join(DEPLOY, 'prometheus/rules/driftgauge-alerts.yml');

const prometheusBin = binaryForTest('prometheus');
const alertmanagerBin = binaryForTest('prometheus-alertmanager');
const amtoolBin = binaryForTest('amtool');

function missing(name: string, pkg: string): Error {
  return new Error(`${name} is not on PATH and CI=true: install it (Debian: apt-get install -y ${pkg}) so this test can run`);
}

const H = 3_600_000;
const t0 = Date.UTC(2026, 10, 25, 14);
const MODEL = 'credit';
const WAIT_MS = 60_000;

let service: ServerProcess | undefined;
let receiver: WebhookReceiver | undefined;
let alertmanager: Proc | undefined;
let prometheus: Proc | undefined;
let dir = '';
let drifted: string[] = [];

const context = () =>
  [
    `notifications: ${JSON.stringify(receiver?.notifications ?? []).slice(-3000)}`,
    `alertmanager:\n${alertmanager?.log().slice(-2000) ?? ''}`,
    `prometheus:\n${prometheus?.log().slice(-2000) ?? ''}`,
  ].join('\n');

async function call(path: string, method: string, body: Uint8Array | object): Promise<Response> {
  if (!service) throw new Error('service not started');
  return fetch(`${service.url}${path}`, {
    method,
    headers: { 'content-type': body instanceof Uint8Array ? 'application/vnd.apache.arrow.stream' : 'application/json' },
    body: body instanceof Uint8Array ? body : JSON.stringify(body),
  });
}

/** Posts 2 batches into the window starting at `start` and compares that window; returns the drifted features. */
async function fillAndCompare(start: number, drift: number, seed: number): Promise<string[]> {
  for (let i = 0; i < 2; i++) {
    const r = await call(`/v1/models/${MODEL}/batches`, 'POST', syntheticArrow(syntheticBatch(800, seed + i, drift, start)));
    expect(r.status, await r.clone().text()).toBe(202);
  }
  const c = await call(`/v1/models/${MODEL}/comparisons`, 'POST', {
    window: { start: new Date(start).toISOString(), end: new Date(start + H).toISOString() },
  });
  const text = await c.text();
  expect(c.status, text).toBe(200);
  const report = JSON.parse(text) as { report?: { features?: { name: string; drift?: { detected?: boolean } }[] }; features?: { name: string; drift?: { detected?: boolean } }[] };
  const features = report.report?.features ?? report.features ?? [];
  return features.filter((f) => f.drift?.detected).map((f) => f.name);
}

/** Every alert of every notification received so far. */
const received = (): WebhookAlert[] => (receiver?.notifications ?? []).flatMap((n) => n.alerts);

const runE2E = prometheusBin.run && alertmanagerBin.run;

beforeAll(async () => {
  if (!runE2E) return;
  if (!prometheusBin.path) throw missing('prometheus', 'prometheus');
  if (!alertmanagerBin.path) throw missing('prometheus-alertmanager', 'prometheus-alertmanager');
  dir = mkdtempSync(join(tmpdir(), 'driftgauge-am-'));

  service = await startServer(join(dir, 'data'));
  expect((await call(`/v1/models/${MODEL}`, 'PUT', SYNTHETIC_SPEC)).status).toBeLessThan(300);
  expect((await call(`/v1/models/${MODEL}/reference`, 'PUT', syntheticArrow(syntheticBatch(3000, 1, 0, t0 - 24 * H)))).status).toBeLessThan(300);
  drifted = await fillAndCompare(t0, 0.8, 10);
  expect(drifted.length, 'features drifted by drift=0.8').toBeGreaterThan(0);

  receiver = await startWebhookReceiver();

  const amPort = await freePort();
  writeFileSync(join(dir, 'alertmanager.yml'), alertmanagerConfigForTest(readFileSync(AM_CONFIG, 'utf8'), receiver.url));
  alertmanager = startProcess(alertmanagerBin.path, [
    `--config.file=${join(dir, 'alertmanager.yml')}`,
    `--storage.path=${join(dir, 'am')}`,
    `--web.listen-address=127.0.0.1:${amPort}`,
    '--cluster.listen-address=',
  ]);

  const promPort = await freePort();
  writeFileSync(join(dir, 'driftgauge-alerts.yml'), rulesForTest(readFileSync(RULES, 'utf8')));
  writeFileSync(
    join(dir, 'prometheus.yml'),
    [
      'global:',
      '  scrape_interval: 1s',
      '  evaluation_interval: 1s',
      '  external_labels:',
      `    driftgauge_url: ${service.url}`,
      'rule_files:',
      `  - ${join(dir, 'driftgauge-alerts.yml')}`,
      'alerting:',
      '  alertmanagers:',
      '    - static_configs:',
      `        - targets: ['127.0.0.1:${amPort}']`,
      'scrape_configs:',
      '  - job_name: driftgauge',
      '    metrics_path: /metrics',
      '    static_configs:',
      `      - targets: ['${service.url.replace('http://', '')}']`,
      '',
    ].join('\n'),
  );
  prometheus = startProcess(prometheusBin.path, [
    `--config.file=${join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${join(dir, 'tsdb')}`,
    `--web.listen-address=127.0.0.1:${promPort}`,
    '--rules.alert.resend-delay=1s',
  ]);
}, 60_000);

afterAll(async () => {
  for (const p of [prometheus?.child, alertmanager?.child, service?.child]) if (p && p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  await receiver?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 10_000);

describe.runIf(runE2E)('Alertmanager routes driftgauge alerts to a webhook (real prometheus + alertmanager)', () => {
  it('delivers a firing DriftgaugeFeatureDrift with model, feature, runbook and a link to the report', async () => {
    const firing = await until(
      'a firing DriftgaugeFeatureDrift webhook',
      () => {
        const mine = received().filter((a) => a.status === 'firing' && a.labels.alertname === 'DriftgaugeFeatureDrift' && a.labels.model === MODEL);
        return mine.length > 0 ? mine : undefined;
      },
      WAIT_MS,
      context,
    );
    const notification = receiver?.notifications.find((n) => n.alerts.some((a) => firing.includes(a)));
    expect(notification?.version).toBe('4');
    expect(notification?.receiver).toBe('driftgauge-warning');
    expect(notification?.groupLabels).toEqual({ model: MODEL });

    const alert = firing[0] as WebhookAlert;
    expect(drifted).toContain(alert.labels.feature);
    expect(alert.labels.severity).toBe('warning');
    expect(alert.labels.method).toMatch(/^[a-z_]+$/);
    expect(alert.annotations.summary).toContain(alert.labels.feature);
    expect(alert.annotations.runbook).toMatch(/^1\. .* 2\. .* 3\. /);
    expect(alert.annotations.runbook_url).toBe('docs/telemetry.md#runbook-feature-drift');
    expect(alert.annotations.report).toBe(`${service?.url}/v1/models/${MODEL}/reports?limit=1`);

    // The link answers with the report that found the drift.
    const res = await fetch(alert.annotations.report as string);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { reports: { window: { start: string } | null; report: { features: { name: string; drift?: { detected?: boolean } }[] } }[] };
    expect(body.reports).toHaveLength(1);
    expect(body.reports[0]?.window?.start).toBe(new Date(t0).toISOString());
    expect(body.reports[0]?.report.features.find((f) => f.name === alert.labels.feature)?.drift?.detected).toBe(true);
  }, WAIT_MS + 5_000);

  it('delivers the resolved notification once a clean window is compared', async () => {
    const clean = await fillAndCompare(t0 + H, 0, 20);
    expect(clean, 'features drifted in the clean window').toEqual([]);
    const resolved = await until(
      'a resolved DriftgaugeFeatureDrift webhook for every drifted feature',
      () => {
        const done = new Set(
          received()
            .filter((a) => a.status === 'resolved' && a.labels.alertname === 'DriftgaugeFeatureDrift' && a.labels.model === MODEL)
            .map((a) => a.labels.feature),
        );
        return drifted.every((f) => done.has(f)) ? done : undefined;
      },
      WAIT_MS,
      context,
    );
    expect([...resolved].sort()).toEqual([...drifted].sort());
  }, WAIT_MS + 5_000);
});

describe.runIf(amtoolBin.run)('amtool check-config on deploy/alertmanager', () => {
  it('accepts the shipped alertmanager.yml', () => {
    if (!amtoolBin.path) throw missing('amtool', 'prometheus-alertmanager');
    const r = spawnSync(amtoolBin.path, ['check-config', AM_CONFIG], { encoding: 'utf8', timeout: 30_000 });
    const out = `${r.stdout}\n${r.stderr}`;
    expect(out).toMatch(/SUCCESS/);
    expect(r.status, out).toBe(0);
  });
});
