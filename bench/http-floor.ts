/**
 * What Node's HTTP server costs, alone, to receive the load benchmark's
 * batch bodies: the floor under the ingest path's main thread, whatever
 * driftgauge does with a body once it has it.
 *
 *   npm run build && node dist/bench/http-floor.js [--mib 3.9] [--requests 300] [--connections 8] [--rounds 2]
 *
 * A bare `node:http` server in this process (no fastify, no pool, no store)
 * receives POSTs of MIB MiB from a child process (keep-alive `node:http`
 * client, CONNECTIONS at a time, closed loop) and answers 202, in one of
 * three ways per run:
 *
 *   discard  the body is read and dropped (`req.resume()`)
 *   copy     every chunk copied into one preallocated buffer (ordinary memory)
 *   shared   every chunk copied into pooled shared memory as the service does
 *            (`copyIntoShared`, src/pool/shared-copy.ts)
 *
 * Reports the server process's CPU per request (user and system: the
 * kernel's socket copy is system time) and the client's, rounds alternating
 * the order of the modes. Nothing else runs in the server, so every figure
 * is a lower bound for any Node service that takes its batches over HTTP.
 */
import { fork } from 'node:child_process';
import { Agent, createServer, type IncomingMessage, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { copyIntoShared } from '../src/pool/shared-copy.js';
import { benchArgs } from './cli-args.js';

const { values, positionals } = benchArgs('npm run build && node dist/bench/http-floor.js [--mib 3.9] [--requests 300] [--connections 8] [--rounds 2]', {
  allowPositionals: true,
  options: {
    mib: { type: 'string', default: '3.9' },
    requests: { type: 'string', default: '300' },
    connections: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '2' },
  },
});
const size = Math.round(Number(values.mib) * 2 ** 20);
const requests = Number(values.requests);
const connections = Number(values.connections);

type Mode = 'discard' | 'copy' | 'shared';
interface Usage {
  user: number;
  system: number;
}

/** The client: warms the connections up, says 'go', posts `requests` bodies, reports its CPU. */
async function client(port: number): Promise<void> {
  const body = Buffer.alloc(size, 7);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const post = () =>
    new Promise<void>((resolve, reject) => {
      const req = request({ port, method: 'POST', path: '/', agent, headers: { 'content-length': body.length } }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end(body);
    });
  for (let i = 0; i < 2 * connections; i++) await post();
  const before = process.cpuUsage();
  process.send?.('go');
  let sent = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (sent < requests) {
        sent++;
        await post();
      }
    }),
  );
  process.send?.(process.cpuUsage(before));
  agent.destroy();
}

function receiver(mode: Mode): (req: IncomingMessage, done: () => void) => void {
  if (mode === 'discard') {
    return (req, done) => {
      req.resume();
      req.on('end', done);
    };
  }
  // One target per connection at most in flight: a small pool, reused like the service's bodies.
  const pool: Uint8Array[] = [];
  return (req, done) => {
    const target = pool.pop() ?? (mode === 'shared' ? new Uint8Array(new SharedArrayBuffer(size)) : new Uint8Array(size));
    let at = 0;
    req.on('data', (chunk: Buffer) => {
      if (mode === 'shared') copyIntoShared(target, at, chunk);
      else target.set(chunk, at);
      at += chunk.length;
    });
    req.on('end', () => {
      pool.push(target);
      done();
    });
  };
}

/** One run: a fresh server and client; the server's and client's CPU per request. */
async function run(mode: Mode): Promise<{ server: Usage; client: Usage; wallMs: number }> {
  const receive = receiver(mode);
  const server = createServer((req, res) =>
    receive(req, () => {
      res.statusCode = 202;
      res.end('{}');
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const child = fork(fileURLToPath(import.meta.url), ['client', String(port), ...process.argv.slice(2)], { stdio: 'inherit' });
  try {
    return await new Promise((resolve, reject) => {
      let before: NodeJS.CpuUsage;
      let t0 = 0;
      child.on('error', reject);
      child.on('exit', (code) => code !== 0 && reject(new Error(`client exited with ${code}`)));
      child.on('message', (m) => {
        if (m === 'go') {
          before = process.cpuUsage();
          t0 = performance.now();
          return;
        }
        const server = process.cpuUsage(before);
        const wallMs = performance.now() - t0;
        const per = (u: Usage) => ({ user: u.user / 1000 / requests, system: u.system / 1000 / requests });
        resolve({ server: per(server), client: per(m as Usage), wallMs: wallMs / requests });
      });
    });
  } finally {
    server.close();
    server.closeAllConnections();
  }
}

if (positionals[0] === 'client') {
  await client(Number(positionals[1]));
} else {
  console.log(
    `bare node:http receive floor: ${(size / 2 ** 20).toFixed(2)} MiB bodies, ${requests} requests a run, ${connections} connections; ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}`,
  );
  const modes: Mode[] = ['discard', 'copy', 'shared'];
  const results = new Map<Mode, { server: number[]; user: number[]; system: number[]; client: number[] }>();
  for (let r = 0; r < Number(values.rounds); r++) {
    for (const mode of r % 2 === 0 ? modes : [...modes].reverse()) {
      const x = await run(mode);
      const acc = results.get(mode) ?? { server: [], user: [], system: [], client: [] };
      acc.server.push(x.server.user + x.server.system);
      acc.user.push(x.server.user);
      acc.system.push(x.server.system);
      acc.client.push(x.client.user + x.client.system);
      results.set(mode, acc);
      console.log(
        `  ${mode.padEnd(7)} server ${(x.server.user + x.server.system).toFixed(2)} ms CPU a request (user ${x.server.user.toFixed(2)}, system ${x.server.system.toFixed(2)}); client ${(x.client.user + x.client.system).toFixed(2)} ms; ${x.wallMs.toFixed(2)} ms wall a request`,
      );
    }
  }
  const range = (a: number[]) => `${Math.min(...a).toFixed(2)}–${Math.max(...a).toFixed(2)}`;
  for (const [mode, a] of results) {
    console.log(`${mode.padEnd(7)} server ${range(a.server)} ms CPU a request (user ${range(a.user)}, system ${range(a.system)}); client ${range(a.client)} ms`);
  }
}
