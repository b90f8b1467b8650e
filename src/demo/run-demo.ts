/**
 * `driftgauge demo` (npm run demo): the whole flow in one command. Starts
 * the service on a loopback port with a temporary data directory, creates a
 * model, uploads a reference, sets a monitor (10 s windows, a comparison
 * every 5 s), streams batches over real HTTP that start drifting half-way,
 * and prints each report the monitor stores.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config.js';
import { createRuntime } from '../service/runtime.js';
import { SYNTHETIC_SPEC, syntheticArrow, syntheticBatch } from './synthetic.js';

interface StoredReport {
  id: number;
  createdAt: string;
  window: { start: string; end: string } | null;
  report: {
    current: { rows: number };
    dataset: { drifted: number; features: number; share: number; detected: boolean };
    features: { name: string; drift: { method: string; score: number; detected: boolean } | null }[];
    model?: { current: Record<string, unknown> };
    multivariate?: {
      pca_reconstruction?: { detected: boolean } | null;
      domain_classifier?: { roc_auc: number; detected: boolean } | null;
    };
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function line(r: StoredReport): string {
  const rep = r.report;
  const drifted = rep.features.filter((f) => f.drift?.detected).map((f) => `${f.name} (${f.drift?.method} ${f.drift?.score.toFixed(3)})`);
  const auc = rep.model?.current.roc_auc;
  const mv = rep.multivariate;
  const pca = mv?.pca_reconstruction ? (mv.pca_reconstruction.detected ? 'PCA DRIFT' : 'PCA ok   ') : 'PCA —    ';
  const clf = mv?.domain_classifier ? `clf auc ${mv.domain_classifier.roc_auc.toFixed(2)}${mv.domain_classifier.detected ? ' DRIFT' : '      '}` : 'clf —          ';
  const time = r.window ? `${r.window.start.slice(11, 19)}–${r.window.end.slice(11, 19)}` : '';
  return `${r.createdAt.slice(11, 19)}  window ${time}  rows ${String(rep.current.rows).padStart(5)}  drifted ${rep.dataset.drifted}/${rep.dataset.features}${rep.dataset.detected ? ' DRIFT' : '      '}  ${pca}  ${clf}  roc_auc ${typeof auc === 'number' ? auc.toFixed(3) : '—'}  ${drifted.join(', ')}`;
}

export async function runDemo(opts: { batches?: number; intervalMs?: number } = {}): Promise<void> {
  const batches = opts.batches ?? 36;
  const intervalMs = opts.intervalMs ?? 500;
  const dataDir = mkdtempSync(join(tmpdir(), 'driftgauge-demo-'));
  const runtime = await createRuntime(loadConfig({ ...process.env, DRIFTGAUGE_DATA_DIR: dataDir }), { logger: false });
  const base = await runtime.app.listen({ port: 0, host: '127.0.0.1' });
  const say = (s: string) => process.stdout.write(`${s}\n`);
  const call = async (method: string, path: string, body?: unknown, type = 'application/json') => {
    const r = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': type },
      body: body === undefined ? undefined : body instanceof Uint8Array ? body : JSON.stringify(body),
    });
    const json = await r.json();
    if (r.status >= 400) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(json)}`);
    return json;
  };
  try {
    say(`driftgauge demo: service on ${base}, data in ${dataDir}\n`);
    say('PUT  /v1/models/credit            the model spec (binary classifier, 5 features)');
    await call('PUT', '/v1/models/credit', SYNTHETIC_SPEC);
    const ref = (await call('PUT', '/v1/models/credit/reference', syntheticArrow(syntheticBatch(20_000, 1, 0, Date.now() - 86_400_000), 'stream', false), 'application/vnd.apache.arrow.stream')) as { rows: number };
    say(`PUT  /v1/models/credit/reference  ${ref.rows} rows profiled`);
    await call('PUT', '/v1/models/credit/monitor', { window: '10s', schedule: '*/5 * * * * *' });
    say('PUT  /v1/models/credit/monitor    10 s windows, compared every 5 s');
    say(`POST /v1/models/credit/batches    ${batches} batches of 1,000 rows, one every ${intervalMs} ms; drift starts half-way\n`);
    const seen = new Set<number>();
    const printNew = async () => {
      const { reports } = (await call('GET', '/v1/models/credit/reports?limit=50')) as { reports: StoredReport[] };
      for (const r of reports.reverse()) {
        if (seen.has(r.id)) continue;
        seen.add(r.id);
        say(line(r));
      }
    };
    for (let i = 0; i < batches; i++) {
      const drift = i < batches / 2 ? 0 : 0.8;
      await call('POST', '/v1/models/credit/batches', syntheticArrow(syntheticBatch(1000, 100 + i, drift, Date.now(), 1), 'stream', false), 'application/vnd.apache.arrow.stream');
      await printNew();
      await sleep(intervalMs);
    }
    await sleep(5_500);
    await printNew();
    say(`\n${seen.size} reports stored; GET ${base}/v1/models/credit/reports returns them, ${base}/docs documents the API.`);
  } finally {
    await runtime.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
