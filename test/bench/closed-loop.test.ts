import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { closedLoad, parseResponse, prebuiltRequest } from '../../bench/closed-loop.js';
import { findStamp } from '../../bench/stamp.js';

let server: Server | null = null;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

/** A real server on loopback whose handler sees each request's body. */
async function listen(handler: (body: Buffer, res: import('node:http').ServerResponse) => void): Promise<string> {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(Buffer.concat(chunks), res));
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/models/m/batches?x=1`;
}

describe('prebuiltRequest / parseResponse', () => {
  it('writes the head with content-length before the body', () => {
    const req = prebuiltRequest(new URL('http://127.0.0.1:9/a/b?c=1'), 'POST', { 'content-type': 'x/y' }, Uint8Array.of(1, 2, 3));
    const text = req.toString('latin1');
    expect(text.startsWith('POST /a/b?c=1 HTTP/1.1\r\nhost: 127.0.0.1:9\r\ncontent-length: 3\r\ncontent-type: x/y\r\n\r\n')).toBe(true);
    expect([...req.subarray(req.length - 3)]).toEqual([1, 2, 3]);
  });

  it('waits for the whole body, then names the status and length', () => {
    const whole = Buffer.from('HTTP/1.1 202 Accepted\r\nContent-Length: 4\r\n\r\nabcd');
    expect(parseResponse(whole.subarray(0, 10))).toBeNull();
    expect(parseResponse(whole.subarray(0, whole.length - 1))).toBeNull();
    expect(parseResponse(whole)).toEqual({ status: 202, length: whole.length });
  });

  it('refuses a head without content-length or that is not HTTP', () => {
    expect(() => parseResponse(Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n'))).toThrow(/unexpected/);
    expect(() => parseResponse(Buffer.from('SSH-2.0\r\n\r\n'))).toThrow(/unexpected/);
    expect(() => parseResponse(Buffer.alloc(20_000, 0x41))).toThrow(/too long/);
  });
});

describe('closedLoad', () => {
  it('sends every body whole, cycled, and counts 2xx and other statuses', async () => {
    const bodies = [Buffer.alloc(300_000, 1), Buffer.alloc(5, 2)];
    const seen: number[] = [];
    const url = await listen((body, res) => {
      seen.push(body.length);
      const ok = body[0] === 1;
      const text = ok ? '{"ok":true}' : '{}';
      res.writeHead(ok ? 202 : 409, { 'content-type': 'application/json', 'content-length': text.length }).end(text);
    });
    const statuses: number[] = [];
    const r = await closedLoad({ url, headers: { 'content-type': 'application/octet-stream' }, bodies, connections: 2, seconds: 0.3, onResponse: (s) => statuses.push(s) });
    expect(r.errors).toBe(0);
    expect(r['2xx'] + r.non2xx).toBe(seen.length);
    expect(r['2xx']).toBe(statuses.filter((s) => s === 202).length);
    expect(r.non2xx).toBe(statuses.filter((s) => s === 409).length);
    expect(r['2xx']).toBeGreaterThan(2);
    expect(new Set(seen)).toEqual(new Set([300_000, 5]));
    expect(r.latency.p50).toBeGreaterThan(0);
    expect(r.latency.max).toBeGreaterThanOrEqual(r.latency.p99);
  });

  it('stamps every request it sends: the server sees a distinct body each time', async () => {
    const body = Buffer.alloc(64, 1);
    body.writeDoubleLE(0.25, 16);
    const seen = new Set<number>();
    let n = 0;
    const url = await listen((b, res) => {
      n++;
      seen.add(b.readDoubleLE(16));
      res.writeHead(202, { 'content-length': 2 }).end('{}');
    });
    const r = await closedLoad({ url, headers: {}, bodies: [body], connections: 1, seconds: 0.2, stamp: findStamp([body], [twinOf(body, 16)], 8) });
    expect(r['2xx']).toBe(n);
    expect(seen.size).toBe(n);
    expect(n).toBeGreaterThan(3);
  });

  it('counts a chunked response as an error (fastify always sends content-length)', async () => {
    const url = await listen((_body, res) => res.writeHead(202).end('{}'));
    const r = await closedLoad({ url, headers: {}, bodies: [Buffer.from('x')], connections: 1, seconds: 0.1 });
    expect(r['2xx']).toBe(0);
    expect(r.errors).toBeGreaterThan(0);
  });

  it('counts a connection the server closes as an error and goes on with a new one', async () => {
    let n = 0;
    const url = await listen((_body, res) => {
      n++;
      if (n % 3 === 0) res.socket?.destroy();
      else res.writeHead(202, { 'content-length': 2 }).end('{}');
    });
    const r = await closedLoad({ url, headers: {}, bodies: [Buffer.from('x')], connections: 1, seconds: 0.3 });
    expect(r.errors).toBeGreaterThan(0);
    expect(r['2xx']).toBeGreaterThan(r.errors);
  });
});

/** `body` with the float64 at byte `at` changed: findStamp's twin. */
function twinOf(body: Buffer, at: number): Buffer {
  const twin = Buffer.from(body);
  twin.writeDoubleLE(twin.readDoubleLE(at) + 1, at);
  return twin;
}
