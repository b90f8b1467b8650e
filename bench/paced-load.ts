/**
 * Open-loop load at a fixed rate, for latency: request i is due at
 * t0 + i / rate, sent on a free keep-alive connection (a new one while all
 * are busy, up to `maxConnections`; beyond that it waits in the agent), and
 * its latency runs from when it was *due* to the end of its response, so a
 * server (or load generator) that falls behind is charged for the wait
 * (no coordinated omission).
 *
 * Why not autocannon's `overallRate`: it lets each connection send its share
 * of a second's requests back to back and then pauses it until the next
 * second, so the requests arrive in a burst at the top of every second; and
 * it corrects for coordinated omission with an expected interval of
 * `ceil(1 / rate)` = 1 ms whatever the rate, which records a 400 ms response
 * as 400 responses of 1…400 ms. Its p99 at a given rate measures its own
 * bursts more than the server.
 */
import { Agent, request } from 'node:http';
import { type BodyStamp, stampBody } from './stamp.js';

export interface PacedLoadOptions {
  /** Full URL of the endpoint (http only). */
  url: string;
  method?: string;
  headers: Record<string, string>;
  /** Request bodies, cycled. */
  bodies: Buffer[];
  /** Requests per second. */
  rate: number;
  seconds: number;
  /** Connections the agent may open at once (default 64). */
  maxConnections?: number;
  /** Called with every response's status. */
  onResponse?: (status: number) => void;
  /** Makes every request's body distinct (stamp.ts); none: bodies are sent as they are. */
  stamp?: BodyStamp;
}

export interface PacedLoadResult {
  sent: number;
  ok: number;
  non2xx: number;
  errors: number;
  /** Wall time from the first due time to the last response, seconds. */
  wall: number;
  /** Latencies of the 2xx responses, ms, from due time to response end: p50, p90, p99, p99.9, max, mean. */
  latency: { p50: number; p90: number; p99: number; p999: number; max: number; mean: number };
  /** Most requests in flight at once. */
  maxInFlight: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The q-quantile (nearest rank) of ascending `sorted`. */
export function nearestRank(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export async function pacedLoad(opts: PacedLoadOptions): Promise<PacedLoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.maxConnections ?? 64 });
  const target = new URL(opts.url);
  const total = Math.max(1, Math.floor(opts.rate * opts.seconds));
  const interval = 1000 / opts.rate;
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let lastEnd = 0;

  const send = (i: number, due: number) =>
    new Promise<void>((resolve) => {
      const body = opts.bodies[i % opts.bodies.length];
      if (opts.stamp) stampBody(opts.stamp, i % opts.bodies.length, body, 0, i);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const done = () => {
        inFlight--;
        lastEnd = performance.now();
        resolve();
      };
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: `${target.pathname}${target.search}`,
          method: opts.method ?? 'POST',
          headers: { ...opts.headers, 'content-length': String(body.length) },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            opts.onResponse?.(status);
            if (status >= 200 && status < 300) latencies.push(performance.now() - due);
            else non2xx++;
            done();
          });
          res.on('error', () => {
            errors++;
            done();
          });
        },
      );
      req.on('error', () => {
        errors++;
        done();
      });
      req.end(body);
    });

  const t0 = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = t0 + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    pending.push(send(i, due));
  }
  await Promise.all(pending);
  agent.destroy();

  return { sent: total, ok: latencies.length, non2xx, errors, wall: (lastEnd - t0) / 1000, latency: latencySummary(latencies), maxInFlight };
}

/** Latency percentiles (nearest rank), max and mean of `latencies` (ms), to 0.1 ms. */
export function latencySummary(latencies: number[]): PacedLoadResult['latency'] {
  const sorted = Float64Array.from(latencies).sort();
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    p50: round(nearestRank(sorted, 0.5)),
    p90: round(nearestRank(sorted, 0.9)),
    p99: round(nearestRank(sorted, 0.99)),
    p999: round(nearestRank(sorted, 0.999)),
    max: round(sorted[sorted.length - 1] ?? Number.NaN),
    mean: round(latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length)),
  };
}
