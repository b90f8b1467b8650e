/**
 * HTTP load benchmark of the ingest path, on loopback:
 *
 *   npm run build && node dist/bench/http-load.js [--rows 10000] [--features 50] [--seconds 20] [--connections 8]
 *
 * Starts a real `driftgauge serve` process (fresh data dir), creates a model
 * with FEATURES numerical features, uploads a reference, then autocannon
 * POSTs one ROWS × FEATURES Arrow batch (timestamps inside one window, so
 * every batch folds into the same window) as fast as it is answered. Then a
 * second run at half that rate for latency. Reports feature values folded
 * per second, p50/p99 latency, the server's CPU (from /proc), and its RSS
 * over the run (flat = bounded memory per window).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { writeTable } from '../src/arrow/write-table.js';
import { mulberry32, normals } from './generate-data.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '10000' },
    features: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '20' },
    connections: { type: 'string', default: '8' },
    port: { type: 'string', default: '18181' },
    telemetry: { type: 'string', default: '' },
  },
});
const rows = Number(values.rows);
const features = Number(values.features);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const port = Number(values.port);
const url = `http://127.0.0.1:${port}`;
const cli = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));

function table(n: number, seed: number, shift: number): Uint8Array {
  const rand = mulberry32(seed);
  const cols: Record<string, Float64Array> = {};
  for (let f = 0; f < features; f++) cols[`f${f}`] = normals(n, rand, shift * (f % 3), 1 + f / 50);
  cols.ts = new Float64Array(n).fill(Date.UTC(2026, 10, 25, 12, 30));
  return writeTable(cols, { format: 'stream' });
}

function procStat(pid: number): { cpu: number; rss: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const ticks = Number(stat[11]) + Number(stat[12]);
  const rssPages = Number(stat[21]);
  return { cpu: ticks / 100, rss: rssPages * 4096 };
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'driftgauge-load-'));
  const env = { ...process.env, DRIFTGAUGE_PORT: String(port), DRIFTGAUGE_HOST: '127.0.0.1', DRIFTGAUGE_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  if (values.telemetry) Object.assign(env, { OTEL_METRICS_EXEMPLAR_FILTER: values.telemetry });
  const server = spawn(process.execPath, [cli, 'serve'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${url}/readyz`)).ok) break;
      } catch {}
      if (i > 200) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    const spec = { columns: { ts: { role: 'timestamp' } } };
    await fetch(`${url}/v1/models/load`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(spec) });
    const ref = await fetch(`${url}/v1/models/load/reference`, {
      method: 'PUT',
      headers: { 'content-type': 'application/vnd.apache.arrow.stream' },
      body: table(50_000, 1, 0),
    });
    if (!ref.ok) throw new Error(`reference: ${ref.status} ${await ref.text()}`);
    const body = Buffer.from(table(rows, 2, 0.1));
    const pid = server.pid as number;
    const rss: number[] = [];
    const sampler = setInterval(() => rss.push(procStat(pid).rss), 500);

    const run = async (rate?: number) => {
      const before = procStat(pid);
      const t0 = performance.now();
      const r = await autocannon({
        url: `${url}/v1/models/load/batches`,
        method: 'POST',
        headers: { 'content-type': 'application/vnd.apache.arrow.stream' },
        body,
        connections,
        duration: seconds,
        overallRate: rate,
      });
      const wall = (performance.now() - t0) / 1000;
      const after = procStat(pid);
      const ok = r['2xx'];
      return { r, ok, wall, cpu: (after.cpu - before.cpu) / wall };
    };

    const full = await run();
    const perSecond = full.ok / full.wall;
    const half = await run(Math.max(1, Math.floor(perSecond / 2)));
    clearInterval(sampler);
    const lines = [
      `machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}`,
      `batch: ${rows} rows x ${features} float64 features = ${(body.length / 2 ** 20).toFixed(2)} MiB Arrow stream; ${connections} connections, ${seconds} s per run`,
      `max load: ${full.ok} batches accepted (non-2xx ${full.r.non2xx}, errors ${full.r.errors}) -> ${perSecond.toFixed(1)} batches/s = ${((perSecond * rows * features) / 1e6).toFixed(1)} M feature values/s; latency p50 ${full.r.latency.p50} ms, p99 ${full.r.latency.p99} ms; server CPU ${(full.cpu * 100).toFixed(0)}% of one core`,
      `half load (${Math.floor(perSecond / 2)} batches/s): ${half.ok} accepted; latency p50 ${half.r.latency.p50} ms, p99 ${half.r.latency.p99} ms (target < 250 ms); server CPU ${(half.cpu * 100).toFixed(0)}%`,
      `server RSS over ${full.ok + half.ok} batches into one window: first ${(rss[2] / 2 ** 20).toFixed(0)} MiB, max ${(Math.max(...rss) / 2 ** 20).toFixed(0)} MiB, last ${(rss[rss.length - 1] / 2 ** 20).toFixed(0)} MiB`,
    ];
    console.log(`\n${lines.join('\n')}`);
  } finally {
    server.kill('SIGTERM');
  }
}

await main();
