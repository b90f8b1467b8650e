/**
 * Closed-loop load with the least client CPU: each of `connections`
 * keep-alive TCP connections writes one whole prebuilt HTTP/1.1 request
 * (head and body in one buffer, built once per body before the run), reads
 * the response (status line, `content-length`, the body skipped), and sends
 * its next request; latency from the write to the response's last byte.
 *
 * Why not autocannon for max load: the load generator shares the machine's
 * two cores with the server, so its CPU is the server's loss. autocannon
 * took 19–21% of a core at 50 batches/s of 3.9 MiB (~4 ms a request);
 * writing prebuilt bytes to a socket costs mostly the kernel's copy.
 *
 * Only what the benchmark needs from HTTP: responses must carry
 * `content-length` (fastify's do); anything else (a closed or reset
 * connection, a malformed or chunked response) counts as an error and the
 * connection is replaced.
 */
import { connect, type Socket } from 'node:net';
import { latencySummary } from './paced-load.js';
import { type BodyStamp, stampBody } from './stamp.js';

export interface ClosedLoopOptions {
  /** Full URL of the endpoint (http only). */
  url: string;
  method?: string;
  headers: Record<string, string>;
  /** Request bodies, cycled across all connections. */
  bodies: Uint8Array[];
  connections: number;
  seconds: number;
  /** Called with every response's status. */
  onResponse?: (status: number) => void;
  /** Makes every request's body distinct (stamp.ts); none: bodies are sent as they are. */
  stamp?: BodyStamp;
}

export interface ClosedLoopResult {
  '2xx': number;
  non2xx: number;
  errors: number;
  /** Latencies of the 2xx responses, ms: p50, p90, p99, p99.9, max, mean. */
  latency: ReturnType<typeof latencySummary>;
}

const HEAD_END = Buffer.from('\r\n\r\n');
/** A response head longer than this is not one of ours. */
const MAX_HEAD = 16 * 1024;

/** One request's bytes: the head (with content-length) followed by the body, in one buffer. */
export function prebuiltRequest(target: URL, method: string, headers: Record<string, string>, body: Uint8Array): Buffer {
  const lines = [`${method} ${target.pathname}${target.search} HTTP/1.1`, `host: ${target.host}`, `content-length: ${body.length}`];
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  return Buffer.concat([head, body]);
}

/**
 * The status and total length (head + body) of the response at the start
 * of `buf`, null while the head or body is incomplete.
 * @throws Error when the head is malformed, too long, or has no content-length
 */
export function parseResponse(buf: Buffer): { status: number; length: number } | null {
  const end = buf.indexOf(HEAD_END);
  if (end < 0) {
    if (buf.length > MAX_HEAD) throw new Error('response head too long');
    return null;
  }
  const head = buf.toString('latin1', 0, end);
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(head);
  const length = /\r\ncontent-length:[ \t]*(\d+)/i.exec(head);
  if (!status || !length) throw new Error(`unexpected response head: ${JSON.stringify(head.slice(0, 200))}`);
  const total = end + HEAD_END.length + Number(length[1]);
  return buf.length >= total ? { status: Number(status[1]), length: total } : null;
}

export async function closedLoad(opts: ClosedLoopOptions): Promise<ClosedLoopResult> {
  const target = new URL(opts.url);
  const requests = opts.bodies.map((b) => prebuiltRequest(target, opts.method ?? 'POST', opts.headers, b));
  const heads = requests.map((r, i) => r.length - opts.bodies[i].length);
  let sent = 0;
  const latencies: number[] = [];
  let next = 0;
  let non2xx = 0;
  let errors = 0;
  const deadline = performance.now() + opts.seconds * 1000;

  const runConnection = () =>
    new Promise<void>((resolve) => {
      let socket: Socket;
      let pending: Buffer = Buffer.alloc(0);
      let sentAt = 0;
      let open = false;

      const send = () => {
        if (performance.now() >= deadline) {
          open = false; // what the socket does from here on is not the run's
          socket.end();
          resolve();
          return;
        }
        pending = Buffer.alloc(0);
        sentAt = performance.now();
        const i = next++ % requests.length;
        if (opts.stamp) stampBody(opts.stamp, i, requests[i], heads[i], sent++);
        socket.write(requests[i]);
      };
      const fail = () => {
        if (!open) return;
        open = false;
        errors++;
        socket.destroy();
        if (performance.now() >= deadline) resolve();
        else start();
      };
      const start = () => {
        open = true;
        socket = connect({ host: target.hostname, port: Number(target.port || 80), noDelay: true }, send);
        socket.on('data', (chunk: Buffer) => {
          pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
          let parsed: { status: number; length: number } | null;
          try {
            parsed = parseResponse(pending);
          } catch {
            fail();
            return;
          }
          if (parsed === null) return;
          opts.onResponse?.(parsed.status);
          if (parsed.status >= 200 && parsed.status < 300) latencies.push(performance.now() - sentAt);
          else non2xx++;
          if (pending.length > parsed.length) {
            fail(); // bytes after the response we asked for: not an HTTP/1.1 server we understand
            return;
          }
          send();
        });
        socket.on('error', fail);
        socket.on('close', () => {
          if (open && performance.now() < deadline) fail();
          else if (open) {
            open = false;
            resolve();
          }
        });
      };
      start();
    });

  await Promise.all(Array.from({ length: opts.connections }, runConnection));
  return { '2xx': latencies.length, non2xx, errors, latency: latencySummary(latencies) };
}
