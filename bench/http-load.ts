/**
 * HTTP load benchmark of the ingest path, on loopback:
 *
 *   npm run build && node dist/bench/http-load.js [--rows 10000] [--features 50] [--seconds 20] [--warmup 20] [--connections 8] [--dtype float64|float32] [--repeat N]
 *
 * Starts a real `driftgauge serve` process (fresh data dir), creates a model
 * with FEATURES numerical features, uploads a reference, warms it up with
 * WARMUP seconds of max load (reported, not counted), then POSTs
 * ROWS × FEATURES Arrow batches (32 distinct ones, cycled; timestamps inside one window, so
 * every batch folds into the same window) as fast as it is answered (`--repeat N`: N
 * such runs, their median standing for max load). Then a
 * second run at half that rate for latency: open loop, requests evenly
 * spaced (paced-load.ts, not autocannon's per-second bursts), latency from
 * each request's due time. Reports feature values folded
 * per second, p50/p99 latency, the server's CPU (from /proc), and its RSS
 * over the run (flat = bounded memory per window).
 *
 * Telemetry overhead (`--telemetry-overhead`): the same max-load run on a
 * fresh server per run, alternating two settings ROUNDS times (A B A B ...):
 *
 *   A  cheap: OTEL_SDK_DISABLED=true (sampler always_off, no export),
 *      OTEL_METRICS_EXEMPLAR_FILTER=always_off, requests without traceparent.
 *      Metrics are still recorded (GET /metrics has no off switch).
 *   B  full:  spans sampled (parentbased_always_on), OTEL_METRICS_EXEMPLAR_FILTER=always_on,
 *      every request with a sampled traceparent (eight trace ids, cycled), so
 *      every batch is a traced child span, its traceparent stored for span links.
 *
 * Rounds alternate the order (A B, B A, A B, ...). `--export`: B also
 * exports every span (main thread and pool workers) over OTLP/HTTP to a sink
 * in the load generator.
 *
 *   node dist/bench/http-load.js --telemetry-overhead --rounds 4 --seconds 40
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { NODE_FLAGS } from '../src/cli/node-flags.js';
import { benchArgs, refuseArgs } from './cli-args.js';
import { closedLoad } from './closed-loop.js';
import { loadBatch } from './load-batch.js';
import { formatProbe, probeMachine } from './machine-probe.js';
import { pacedLoad } from './paced-load.js';
import { type BodyStamp, findStamp } from './stamp.js';

/** What a run reports, from autocannon (max load) or the paced generator (a set rate). */
interface LoadResult {
  '2xx': number;
  non2xx: number;
  errors: number;
  latency: { p50: number; p99: number };
  detail: string;
}

const { values } = benchArgs('npm run build && node dist/bench/http-load.js [--rows 10000] [--features 50] [--seconds 20] [--warmup 20] [--connections 8] [--dtype float64|float32] [--rates R1,R2] [--repeat N] [--max-only]', {
  options: {
    rows: { type: 'string', default: '10000' },
    features: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '20' },
    /**
     * Seconds of max load before the measured runs, not counted (0: measure from a cold start).
     * A fresh server is still compiling its hot paths (--trace-opt in one max-load run: ~600
     * TurboFan compiles in the first 12 s, ~18 a second at 12-36 s, ~5 a second after), and its
     * store and page cache are empty. Not used by --telemetry-overhead (a fresh server per run).
     */
    warmup: { type: 'string', default: '20' },
    connections: { type: 'string', default: '8' },
    port: { type: 'string', default: '18181' },
    telemetry: { type: 'string', default: '' },
    /** Extra node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" (profiles of every thread). */
    'server-args': { type: 'string', default: '' },
    /** Batches/s of the latency runs after the max-load one, comma-separated (default: half the max throughput measured). */
    rates: { type: 'string', default: '' },
    /** Max-load client: raw (closed-loop.ts, prebuilt requests on plain sockets: the least client CPU) or autocannon. */
    client: { type: 'string', default: 'raw' },
    /**
     * Max-load runs of SECONDS each, one after the other on the same server (after the one
     * warm-up): each one's figure and their median are printed, and the median run stands for
     * max load (its latency, CPU, and half of its rate for the half-load run). This machine's
     * vCPUs change speed by up to ~2x within minutes (machine-probe.ts), so one run is one
     * sample of the machine as much as of the code.
     */
    repeat: { type: 'string', default: '1' },
    /** Only the max-load run (for profiling). */
    'max-only': { type: 'boolean', default: false },
    /** Element type of the batches' feature columns: float64, or float32 (half the bytes; the reference stays float64). */
    dtype: { type: 'string', default: 'float64' },
    /** off: the model's spec turns multivariate drift off, so windows keep no row sample (to measure the sample's cost). */
    multivariate: { type: 'string', default: 'on' },
    /** on: every request's body made distinct by one rewritten value (stamp.ts), as new batches would be; off: the cycled bodies as they are. */
    stamp: { type: 'string', default: 'on' },
    /** Distinct batch bodies the connections cycle through (1: the same body every time). */
    distinct: { type: 'string', default: '32' },
    /** Max-load runs alternating cheap telemetry (A) and full telemetry with exemplars (B). */
    'telemetry-overhead': { type: 'boolean', default: false },
    /** Pairs of A/B runs with --telemetry-overhead. */
    rounds: { type: 'string', default: '3' },
    /** With --telemetry-overhead: B also exports its spans (main thread and workers) over OTLP/HTTP to a sink in this process. */
    export: { type: 'boolean', default: false },
  },
});
const rows = Number(values.rows);
const features = Number(values.features);
const seconds = Number(values.seconds);
const warmupSeconds = Number(values.warmup);
const repeat = Number(values.repeat);
if (!Number.isInteger(repeat) || repeat < 1) refuseArgs(`--repeat ${values.repeat}: a whole number of runs, 1 or more`);
if (!Number.isFinite(warmupSeconds) || warmupSeconds < 0) refuseArgs(`--warmup ${values.warmup}: a number of seconds, 0 or more`);
const connections = Number(values.connections);
const port = Number(values.port);
const url = `http://127.0.0.1:${port}`;
if (values.stamp !== 'on' && values.stamp !== 'off') refuseArgs(`--stamp is on or off, not ${values.stamp}`);
if (values.client !== 'raw' && values.client !== 'autocannon') refuseArgs(`--client is raw or autocannon, not ${values.client}`);
if (values.dtype !== 'float64' && values.dtype !== 'float32') refuseArgs(`--dtype is float64 or float32, not ${values.dtype}`);
const dtype: 'float64' | 'float32' = values.dtype === 'float32' ? 'float32' : 'float64';
const cli = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));

/** A batch of normal features, with a timestamp column inside one window (load-batch.ts). */
function table(n: number, seed: number, shift: number, dtype: 'float64' | 'float32' = 'float64', twin = false): Uint8Array {
  return loadBatch(n, features, seed, shift, { dtype, twin, timestamp: Date.UTC(2026, 10, 25, 12, 30) });
}

/** CPU seconds per thread name (main thread "node", piscina and writer threads, libuv pool, V8 helpers). */
function threadCpu(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
      const key = tid === String(pid) ? 'main' : name;
      out.set(key, (out.get(key) ?? 0) + (Number(stat[11]) + Number(stat[12])) / 100);
    } catch {
      // the thread ended
    }
  }
  return out;
}

/** Busy and total CPU seconds of the whole machine (all cores), from /proc/stat. */
function machineCpu(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = fields[3] + (fields[4] ?? 0);
  return { busy: (total - idle) / 100, total: total / 100 };
}

function procStat(pid: number): { cpu: number; rss: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const ticks = Number(stat[11]) + Number(stat[12]);
  const rssPages = Number(stat[21]);
  return { cpu: ticks / 100, rss: rssPages * 4096 };
}

/** Resolves once the server used under 5% of a core over half a second (its background compactions done), or after 15 s. */
async function serverIdle(pid: number): Promise<void> {
  for (let i = 0; i < 30; i++) {
    const before = procStat(pid).cpu;
    await new Promise((r) => setTimeout(r, 500));
    if (procStat(pid).cpu - before < 0.025) return;
  }
}

/** RSS once 100 batches are in (after warm-up), its max after that and the last, with the growth the target bounds (20%). */
function rssByBatch(samples: { batches: number; rss: number }[]): string {
  const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
  const warm = samples.findIndex((s) => s.batches >= 100);
  if (warm < 0) return 'server RSS: fewer than 100 batches accepted';
  const after = samples.slice(warm);
  const max = Math.max(...after.map((s) => s.rss));
  const last = after[after.length - 1];
  const at = (n: number) => after.find((s) => s.batches >= n);
  const marks = [250, 500, 750, 1000, 1500, 2000].flatMap((n) => {
    const s = at(n);
    return s ? [`${n}: ${mib(s.rss)}`] : [];
  });
  return `server RSS by batches accepted: at 100 batches ${mib(after[0].rss)}; ${marks.join(', ')}; max after 100 ${mib(max)} (+${((max / after[0].rss - 1) * 100).toFixed(0)}%), last ${mib(last.rss)} at ${last.batches} batches`;
}

/**
 * Distinct batches, cycled by every connection: real traffic never repeats a
 * batch, and the window's row sample (src/sketches/row-sample.ts) prunes by
 * content, so one body posted again and again would carry every sampled row
 * each time. 32 bodies (--distinct), and (--stamp on, the default) one value
 * of each rewritten before every send (stamp.ts), so every batch is new to
 * the server, as in production: a batch then adds ~k/j sample rows for the
 * j-th. With --stamp off, after the first pass a batch adds ~k/32 for ever.
 */
function batchBodies(): Buffer[] {
  return Array.from({ length: Number(values.distinct) }, (_, i) => Buffer.from(table(rows, 2 + i, 0.1, dtype)));
}

/** Where each body's stamped value sits (`--stamp on`), or undefined. */
function bodyStamp(bodies: Buffer[]): BodyStamp | undefined {
  if (values.stamp === 'off') return undefined;
  const width = dtype === 'float32' ? 4 : 8;
  // One twin at a time: all 32 at once would hold another ~128 MiB.
  const at = bodies.map((body, i) => findStamp([body], [table(rows, 2 + i, 0.1, dtype, true)], width).at[0]);
  return { at, width };
}

/**
 * A fresh `driftgauge serve` (its own data directory) with the load model and
 * its 50,000-row reference uploaded. `stop()` ends it and removes its data.
 */
async function startLoadServer(env: Record<string, string | undefined>, nodeArgs: string[], spec: object) {
  const dataDir = mkdtempSync(join(tmpdir(), 'driftgauge-load-'));
  const server = spawn(process.execPath, [...NODE_FLAGS, ...nodeArgs, cli, 'serve'], { env: { ...env, DRIFTGAUGE_DATA_DIR: dataDir }, stdio: ['ignore', 'inherit', 'inherit'] });
  const exited = new Promise((resolve) => server.once('exit', resolve));
  const stop = async () => {
    server.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${url}/readyz`)).ok) break;
      } catch {}
      if (i > 200) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    await fetch(`${url}/v1/models/load`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(spec) });
    const ref = await fetch(`${url}/v1/models/load/reference`, {
      method: 'PUT',
      headers: { 'content-type': 'application/vnd.apache.arrow.stream' },
      body: table(50_000, 1, 0),
    });
    if (!ref.ok) throw new Error(`reference: ${ref.status} ${await ref.text()}`);
  } catch (err) {
    await stop();
    throw err;
  }
  return { pid: server.pid as number, stop };
}

/** The environment of telemetry setting A (cheap) or B (full, exemplars always on). */
const TELEMETRY_MODES = {
  A: { OTEL_SDK_DISABLED: 'true', OTEL_METRICS_EXEMPLAR_FILTER: 'always_off', OTEL_TRACES_SAMPLER: 'always_off' },
  B: { OTEL_SDK_DISABLED: 'false', OTEL_METRICS_EXEMPLAR_FILTER: 'always_on', OTEL_TRACES_SAMPLER: 'parentbased_always_on' },
} as const;

/** One max-load run on a fresh server with telemetry setting `mode`. */
async function overheadRun(mode: keyof typeof TELEMETRY_MODES, bodies: Buffer[], extraEnv: Record<string, string>) {
  const env: Record<string, string | undefined> = {
    ...process.env,
    DRIFTGAUGE_PORT: String(port),
    DRIFTGAUGE_HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    OTEL_EXPORTER_OTLP_ENDPOINT: undefined,
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: undefined,
    OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: undefined,
    ...TELEMETRY_MODES[mode],
    ...extraEnv,
  };
  const { pid, stop } = await startLoadServer(env, [], { columns: { ts: { role: 'timestamp' } } });
  try {
    const before = procStat(pid);
    const machine0 = machineCpu();
    const t0 = performance.now();
    const r = await new Promise<autocannon.Result>((resolve, reject) => {
      autocannon(
        {
          url: `${url}/v1/models/load/batches`,
          connections,
          duration: seconds,
          // Prebuilt distinct requests, cycled (a setupRequest would rebuild the 4 MiB request in
          // the load generator each time, on the same two cores): B's carry sampled traces.
          requests: bodies.map((body, i) => {
            const id = (i + 1).toString(16).padStart(16, '0');
            const traced = mode === 'B' ? { traceparent: `00-${id}${id}-${id}-01` } : {};
            return { method: 'POST' as const, headers: { 'content-type': 'application/vnd.apache.arrow.stream', ...traced }, body };
          }),
        },
        (err, result) => (err ? reject(err) : resolve(result)),
      );
    });
    const wall = (performance.now() - t0) / 1000;
    const cpu = procStat(pid).cpu - before.cpu;
    const machine = (machineCpu().busy - machine0.busy) / wall;
    // Check the setting took: B's /metrics carries exemplars, A's none.
    const metrics = await (await fetch(`${url}/metrics`, { headers: { accept: 'application/openmetrics-text; version=1.0.0' } })).text();
    return {
      mode,
      ok: r['2xx'],
      non2xx: r.non2xx,
      perSecond: r['2xx'] / wall,
      p50: r.latency.p50,
      p99: r.latency.p99,
      cpuPerBatchMs: (cpu / Math.max(1, r['2xx'])) * 1000,
      serverCpu: cpu / wall,
      machine,
      load: loadavg()[0],
      exemplars: metrics.includes(' # {'),
    };
  } finally {
    await stop();
  }
}

async function telemetryOverhead() {
  const rounds = Number(values.rounds);
  const bodies = batchBodies();
  const body = bodies[0];
  const runs: Awaited<ReturnType<typeof overheadRun>>[] = [];
  const load0 = loadavg()[0];
  // --export: an OTLP/HTTP sink that drains what B sends (counted, not parsed).
  let exported = 0;
  const sink = values.export
    ? createServer((req, res) => {
        req.on('data', (c: Buffer) => {
          exported += c.length;
        });
        req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
      })
    : null;
  if (sink) await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const exportEnv: Record<string, string> = sink
    ? { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `http://127.0.0.1:${(sink.address() as AddressInfo).port}/v1/traces`, OTEL_METRICS_EXPORTER: 'none' }
    : {};
  // A B, B A, A B, ...: each setting runs first as often as second, so a drift in the machine's
  // other load over time does not favour one of them.
  for (let i = 0; i < rounds; i++) {
    for (const mode of i % 2 === 0 ? (['A', 'B'] as const) : (['B', 'A'] as const)) {
      const before = exported;
      const run = await overheadRun(mode, bodies, mode === 'B' ? exportEnv : {});
      if (sink) console.log(`  OTLP bytes received during run: ${exported - before}`);
      runs.push(run);
      console.log(
        `run ${runs.length} ${mode}: ${run.ok} batches (non-2xx ${run.non2xx}) ${run.perSecond.toFixed(1)} batches/s; p50 ${run.p50} ms p99 ${run.p99} ms; server CPU ${(run.serverCpu * 100).toFixed(0)}% = ${run.cpuPerBatchMs.toFixed(1)} ms/batch; machine busy ${(run.machine * 100).toFixed(0)}%; load ${run.load.toFixed(1)}; exemplars on /metrics: ${run.exemplars}`,
      );
    }
  }
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  const of = (mode: 'A' | 'B', f: (r: (typeof runs)[number]) => number) => runs.filter((r) => r.mode === mode).map(f);
  const pairs = Array.from({ length: rounds }, (_, i) => {
    const round = runs.slice(2 * i, 2 * i + 2);
    return [round.find((r) => r.mode === 'A'), round.find((r) => r.mode === 'B')] as [(typeof runs)[number], (typeof runs)[number]];
  });
  const pct = (a: number, b: number) => `${(((b - a) / a) * 100).toFixed(1)}%`;
  console.log(
    [
      '',
      `machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}; load average before ${load0.toFixed(1)}`,
      `batch: ${rows} rows x ${features} ${values.dtype} features = ${(body.length / 2 ** 20).toFixed(2)} MiB; ${connections} connections, ${seconds} s per run, ${rounds} rounds (A B, B A, ...)`,
      `throughput A ${of('A', (r) => r.perSecond).map((x) => x.toFixed(1)).join(' / ')} batches/s, B ${of('B', (r) => r.perSecond).map((x) => x.toFixed(1)).join(' / ')}`,
      `median throughput A ${median(of('A', (r) => r.perSecond)).toFixed(1)}, B ${median(of('B', (r) => r.perSecond)).toFixed(1)} batches/s: change ${pct(median(of('A', (r) => r.perSecond)), median(of('B', (r) => r.perSecond)))}`,
      `per round (B vs A of the same round): throughput ${pairs.map(([a, b]) => pct(a.perSecond, b.perSecond)).join(', ')}; server CPU per batch ${pairs.map(([a, b]) => pct(a.cpuPerBatchMs, b.cpuPerBatchMs)).join(', ')}`,
      `median server CPU per batch A ${median(of('A', (r) => r.cpuPerBatchMs)).toFixed(1)} ms, B ${median(of('B', (r) => r.cpuPerBatchMs)).toFixed(1)} ms`,
      sink
        ? `B exported its spans over OTLP/HTTP (JSON) to a sink in the load generator: ${(exported / 2 ** 20).toFixed(1)} MiB in all`
        : 'B: spans sampled and recorded, not exported (no OTLP endpoint)',
    ].join('\n'),
  );
  sink?.close();
}

async function main() {
  const env = { ...process.env, DRIFTGAUGE_PORT: String(port), DRIFTGAUGE_HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  if (values.telemetry) Object.assign(env, { OTEL_METRICS_EXEMPLAR_FILTER: values.telemetry });
  const nodeArgs = (values['server-args'] as string).split(' ').filter((a) => a !== '');
  const spec = { columns: { ts: { role: 'timestamp' } }, ...(values.multivariate === 'off' ? { multivariate: false } : {}) };
  const { pid, stop } = await startLoadServer(env, nodeArgs, spec);
  try {
    const bodies = batchBodies();
    const body = bodies[0];
    const stamp = bodyStamp(bodies);
    // The machine's speed now, with the server idle (machine-probe.ts): read beside the throughput.
    const probeBefore = probeMachine();
    const rss: number[] = [];
    /** RSS samples with the batches accepted so far: memory per batch count, not per second. */
    const byBatch: { batches: number; rss: number }[] = [];
    let accepted = 0;
    const sampler = setInterval(() => {
      const now = procStat(pid).rss;
      rss.push(now);
      byBatch.push({ batches: accepted, rss: now });
    }, 500);

    const run = async (rate?: number, runSeconds = seconds) => {
      const serverBefore = await processingBuckets();
      const before = procStat(pid);
      const threadsBefore = threadCpu(pid);
      const client0 = process.cpuUsage();
      const machine0 = machineCpu();
      const t0 = performance.now();
      const headers = { 'content-type': 'application/vnd.apache.arrow.stream' };
      const count = (status: number) => {
        if (status >= 200 && status < 300) accepted++;
      };
      // Max load: closed loop (each connection sends its next batch when answered), closed-loop.ts or autocannon.
      // A rate: our own open-loop generator (paced-load.ts), evenly spaced, latency from each request's due time.
      const r: LoadResult = rate
        ? await pacedLoad({ url: `${url}/v1/models/load/batches`, headers, bodies, rate, seconds: runSeconds, onResponse: count, stamp }).then((p) => ({
            '2xx': p.ok,
            non2xx: p.non2xx,
            errors: p.errors,
            latency: p.latency,
            detail: `p90 ${p.latency.p90} ms, p99.9 ${p.latency.p999} ms, max ${p.latency.max} ms, mean ${p.latency.mean} ms; at most ${p.maxInFlight} in flight`,
          }))
        : values.client === 'raw'
          ? await closedLoad({ url: `${url}/v1/models/load/batches`, headers, bodies, connections, seconds: runSeconds, onResponse: count, stamp }).then((c) => ({
              ...c,
              detail: `p90 ${c.latency.p90} ms, max ${c.latency.max} ms, mean ${c.latency.mean} ms`,
            }))
          : await new Promise<LoadResult>((resolve, reject) => {
            const instance = autocannon(
              { url: `${url}/v1/models/load/batches`, requests: bodies.map((b) => ({ method: 'POST' as const, headers, body: b })), connections, duration: runSeconds },
              (err, result) => (err ? reject(err) : resolve({ ...result, detail: '' })),
            );
            instance.on('response', (_client, status) => count(status));
          });
      const wall = (performance.now() - t0) / 1000;
      const after = procStat(pid);
      const clientUsage = process.cpuUsage(client0);
      const machine1 = machineCpu();
      const machineBusy = (machine1.busy - machine0.busy) / wall;
      const client = (clientUsage.user + clientUsage.system) / 1e6 / wall;
      const threads = [...threadCpu(pid)].map(([name, cpu]) => [name, (cpu - (threadsBefore.get(name) ?? 0)) / wall] as const);
      const ok = r['2xx'];
      const perThread = threads
        .filter(([, c]) => c >= 0.005)
        .sort((a, b) => b[1] - a[1])
        .map(([name, c]) => `${name} ${(c * 100).toFixed(0)}%`)
        .join(', ');
      const server = serverQuantiles(serverBefore, await processingBuckets());
      return { r, ok, wall, cpu: (after.cpu - before.cpu) / wall, perThread, client, machineBusy, load: loadavg()[0], server };
    };

    const load0 = loadavg()[0];
    const warm = warmupSeconds > 0 ? await run(undefined, warmupSeconds) : null;
    const fulls: Awaited<ReturnType<typeof run>>[] = [];
    for (let k = 0; k < repeat; k++) fulls.push(await run());
    const rateOf = (x: { ok: number; wall: number }) => x.ok / x.wall;
    // The median run (the lower of the middle two for an even count) stands for max load.
    const full = [...fulls].sort((a, b) => rateOf(a) - rateOf(b))[Math.floor((fulls.length - 1) / 2)];
    const fullOk = fulls.reduce((sum, x) => sum + x.ok, 0);
    const perSecond = rateOf(full);
    const mValues = (x: { ok: number; wall: number }) => ((rateOf(x) * rows * features) / 1e6).toFixed(1);
    const half = values['max-only'] ? full : await run(Math.max(1, Math.floor(perSecond / 2)));
    // --rates: the latency curve, one open-loop run per rate (each on the same server, after the others).
    const curve: string[] = [];
    let curveOk = 0;
    for (const rate of values.rates.split(',').filter((x) => x !== '').map(Number)) {
      const c = await run(rate);
      curveOk += c.ok;
      curve.push(`${rate}/s: ${c.ok} accepted (non-2xx ${c.r.non2xx}), p50 ${c.r.latency.p50} ms, p99 ${c.r.latency.p99} ms (${c.r.detail}; server ${c.server})`);
    }
    clearInterval(sampler);
    await serverIdle(pid);
    const probeAfter = probeMachine();
    const lines = [
      `machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}; load average (1 min) before ${load0.toFixed(1)}, after max load ${full.load.toFixed(1)}${values['max-only'] ? '' : `, after half load ${half.load.toFixed(1)}`}`,
      `machine probe (decode + sketch of one batch in a fresh process per CPU, server idle, median (fastest) of ${probeBefore[0].result.rounds}; machine-probe.ts): before the runs ${formatProbe(probeBefore)}; after ${formatProbe(probeAfter)}`,
      `batch: ${rows} rows x ${features} ${values.dtype} features = ${(body.length / 2 ** 20).toFixed(2)} MiB Arrow stream, ${bodies.length} bodies cycled${stamp ? `, each send made distinct (--stamp on${values.client === 'autocannon' ? '; not autocannon\'s max-load run' : ''})` : ' as they are (--stamp off)'}; ${connections} connections (${values.client === 'raw' ? 'closed-loop.ts' : 'autocannon'} at max load), ${seconds} s per run`,
      warm
        ? `warm-up (not counted): ${warm.ok} batches in ${warm.wall.toFixed(1)} s at max load -> ${(warm.ok / warm.wall).toFixed(1)} batches/s = ${((warm.ok / warm.wall) * rows * features / 1e6).toFixed(1)} M feature values/s; server CPU ${(warm.cpu * 100).toFixed(0)}%`
        : 'no warm-up (--warmup 0): measured from a cold start',
      ...(repeat > 1
        ? [`max load, ${repeat} runs of ${seconds} s one after the other: ${fulls.map(mValues).join(', ')} M feature values/s; median ${mValues(full)} (the run below)`]
        : []),
      `max load: ${full.ok} batches accepted (non-2xx ${full.r.non2xx}, errors ${full.r.errors}) -> ${perSecond.toFixed(1)} batches/s = ${((perSecond * rows * features) / 1e6).toFixed(1)} M feature values/s; latency p50 ${full.r.latency.p50} ms, p99 ${full.r.latency.p99} ms (in the server, received → acknowledged: ${full.server}); server CPU ${(full.cpu * 100).toFixed(0)}% of one core (${full.perThread}); load generator CPU ${(full.client * 100).toFixed(0)}%; whole machine busy ${(full.machineBusy * 100).toFixed(0)}% of ${cpus().length * 100}% (other processes ${((full.machineBusy - full.cpu - full.client) * 100).toFixed(0)}%)`,
      ...(values['max-only']
        ? []
        : [
            `half load (${Math.floor(perSecond / 2)} batches/s): ${half.ok} accepted; open loop, evenly spaced, latency from each request's due time: p50 ${half.r.latency.p50} ms, p99 ${half.r.latency.p99} ms (target < 250 ms; ${half.r.detail}; in the server: ${half.server}); server CPU ${(half.cpu * 100).toFixed(0)}% (${half.perThread}); other processes ${((half.machineBusy - half.cpu - half.client) * 100).toFixed(0)}%`,
          ]),
      ...(curve.length > 0 ? [`latency by rate (open loop): ${curve.join('; ')}`] : []),
      rssByBatch(byBatch),
      `server RSS over ${(warm?.ok ?? 0) + fullOk + (values['max-only'] ? 0 : half.ok) + curveOk} batches into one window: first ${(rss[2] / 2 ** 20).toFixed(0)} MiB, max ${(Math.max(...rss) / 2 ** 20).toFixed(0)} MiB, last ${(rss[rss.length - 1] / 2 ** 20).toFixed(0)} MiB; every 5 s: ${rss
        .filter((_, i) => i % 10 === 2)
        .map((b) => (b / 2 ** 20).toFixed(0))
        .join(' ')}`,
    ];
    console.log(`\n${lines.join('\n')}`);
  } finally {
    await stop();
  }
}

/** Cumulative counts of the server's own batch-processing histogram, by bucket bound (GET /metrics). */
async function processingBuckets(): Promise<Map<number, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const out = new Map<number, number>();
  for (const m of text.matchAll(/^driftgauge_batch_processing_seconds_bucket\{[^}]*le="([^"]+)"[^}]*\} (\S+)/gm)) {
    const le = m[1] === '+Inf' ? Number.POSITIVE_INFINITY : Number(m[1]);
    out.set(le, (out.get(le) ?? 0) + Number(m[2]));
  }
  return out;
}

/** p50 / p99 upper bounds (bucket edges) of the batches processed between two snapshots. */
function serverQuantiles(before: Map<number, number>, after: Map<number, number>): string {
  const les = [...after.keys()].sort((a, b) => a - b);
  const diff = les.map((le) => (after.get(le) ?? 0) - (before.get(le) ?? 0));
  const total = diff[diff.length - 1] ?? 0;
  if (total === 0) return 'no batches';
  const q = (p: number) => {
    const i = diff.findIndex((c) => c >= p * total);
    return les[i] === Number.POSITIVE_INFINITY ? `> ${les[i - 1] * 1000} ms` : `≤ ${les[i] * 1000} ms`;
  };
  return `p50 ${q(0.5)}, p99 ${q(0.99)}`;
}

if (values['telemetry-overhead']) await telemetryOverhead();
else await main();
