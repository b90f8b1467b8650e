import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { ARROW_STREAM, registerArrowBody } from '../../src/http/arrow-body.js';
import { registerErrorHandling } from '../../src/http/error-handler.js';
import { canReleaseChunks, releasedChunks } from '../../src/http/release-chunk.js';
import { BodyPool } from '../../src/pool/body-pool.js';

const MiB = 2 ** 20;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const bytes = (n: number) => Buffer.from(Uint8Array.from({ length: n }, (_, i) => (i * 7 + 3) & 0xff));

describe('Arrow bodies read into pooled memory (fastify)', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  /** Answers the body's length, digest and whether it is pooled; gives the memory back as the batch path does. */
  async function echoApp(pool: BodyPool | null, bodyLimit = 4 * MiB): Promise<FastifyInstance> {
    const a = Fastify({ bodyLimit });
    registerErrorHandling(a);
    registerArrowBody(a, pool);
    a.post<{ Body: Buffer }>('/echo', async (req) => {
      const body = req.body;
      const out = { length: body.byteLength, sha: sha(body), pooled: pool?.lent(body) ?? false };
      pool?.release(body);
      return out;
    });
    await a.ready();
    return a;
  }

  it('reads a declared body into pooled memory and reuses it for the next request', async () => {
    const pool = new BodyPool();
    app = await echoApp(pool);
    for (const n of [3 * MiB + 5, 3 * MiB + 1000, 3 * MiB + 200_000]) {
      const body = bytes(n);
      const r = await app.inject({ method: 'POST', url: '/echo', headers: { 'content-type': ARROW_STREAM }, payload: body });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toEqual({ length: n, sha: sha(body), pooled: true });
    }
    expect(pool.stats()).toMatchObject({ allocated: 1, reused: 2 });
  });

  it('decodes gzip (length unknown) into pooled memory too, and uses ordinary memory without a pool', async () => {
    const pool = new BodyPool();
    app = await echoApp(pool);
    const body = bytes(200_000);
    const gz = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': ARROW_STREAM, 'content-encoding': 'gzip' },
      payload: gzipSync(body),
    });
    expect(gz.json()).toEqual({ length: body.length, sha: sha(body), pooled: true });
    await app.close();
    app = await echoApp(null);
    const plain = await app.inject({ method: 'POST', url: '/echo', headers: { 'content-type': ARROW_STREAM }, payload: body });
    expect(plain.json()).toEqual({ length: body.length, sha: sha(body), pooled: false });
  });

  it('answers 413 for a declared or decoded body over the limit and 400 for an empty one', async () => {
    const pool = new BodyPool();
    app = await echoApp(pool, MiB);
    const declared = await app.inject({ method: 'POST', url: '/echo', headers: { 'content-type': ARROW_STREAM }, payload: bytes(MiB + 1) });
    expect(declared.statusCode).toBe(413);
    expect(declared.json().code).toBe('DRIFTGAUGE_ERR_BODY_TOO_LARGE');
    const bomb = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': ARROW_STREAM, 'content-encoding': 'gzip' },
      payload: gzipSync(Buffer.alloc(4 * MiB)),
    });
    expect(bomb.statusCode).toBe(413);
    expect(bomb.json().code).toBe('DRIFTGAUGE_ERR_BODY_TOO_LARGE');
    const empty = await app.inject({ method: 'POST', url: '/echo', headers: { 'content-type': ARROW_STREAM }, payload: Buffer.alloc(0) });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe('DRIFTGAUGE_ERR_EMPTY_BODY');
    expect(pool.stats().allocated).toBe(0);
  });

  it('takes the memory back when a client sends less than it declared and hangs up, and keeps serving (real socket)', async () => {
    const pool = new BodyPool();
    app = await echoApp(pool);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;
    await new Promise<void>((resolve) => {
      const s = connect(port, '127.0.0.1', () => {
        s.write(`POST /echo HTTP/1.1\r\nhost: x\r\ncontent-type: ${ARROW_STREAM}\r\ncontent-length: 2000000\r\n\r\n`);
        s.write(bytes(100_000), () => setTimeout(() => s.destroy(), 50));
      });
      s.on('close', () => resolve());
      s.on('error', () => {});
    });
    await expect.poll(() => pool.stats().idleBytes, { timeout: 2000 }).toBe(BodyPool.capacityFor(2_000_000));
    const body = bytes(2_000_000);
    const r = await fetch(`http://127.0.0.1:${port}/echo`, { method: 'POST', headers: { 'content-type': ARROW_STREAM }, body });
    expect(await r.json()).toEqual({ length: body.length, sha: sha(body), pooled: true });
    expect(pool.stats()).toMatchObject({ allocated: 1, reused: 1 });
  });

  it("frees the parser's chunks of a real request as they are copied, and leaves an injected body alone", async () => {
    expect(canReleaseChunks()).toBe(true); // Node 20: from a fresh context behind the V8 flag; Node 22: built in
    const pool = new BodyPool();
    app = await echoApp(pool);
    const injected = bytes(3 * MiB);
    const digest = sha(injected);
    await app.inject({ method: 'POST', url: '/echo', headers: { 'content-type': ARROW_STREAM }, payload: injected });
    expect(injected.byteLength).toBe(3 * MiB);
    expect(sha(injected)).toBe(digest);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;
    const before = releasedChunks();
    const r = await fetch(`http://127.0.0.1:${port}/echo`, { method: 'POST', headers: { 'content-type': ARROW_STREAM }, body: injected });
    expect(await r.json()).toEqual({ length: injected.length, sha: digest, pooled: true });
    // 3 MiB arrive in socket reads of at most 64 KiB: dozens of chunks, each released.
    expect(releasedChunks() - before).toBeGreaterThanOrEqual(48);
    const gz = await fetch(`http://127.0.0.1:${port}/echo`, {
      method: 'POST',
      headers: { 'content-type': ARROW_STREAM, 'content-encoding': 'gzip' },
      body: gzipSync(injected),
    });
    expect(await gz.json()).toEqual({ length: injected.length, sha: digest, pooled: true });
  });

  it('releases nothing another listener also reads, and keeps pipelined requests apart (real socket)', async () => {
    const pool = new BodyPool();
    const a = Fastify({ bodyLimit: 4 * MiB });
    registerErrorHandling(a);
    let tapped = 0;
    a.addHook('preParsing', async (req, _reply, payload) => {
      // Another reader of the same chunks (a body tap, as an APM agent might add), paused so that
      // nothing flows before the body reader listens too.
      if (req.headers['x-tap'] === '1') {
        payload.pause();
        payload.on('data', (c: Buffer) => {
          tapped += c.byteLength;
        });
      }
      return payload;
    });
    registerArrowBody(a, pool);
    a.post<{ Body: Buffer }>('/echo', async (req) => {
      const out = { length: req.body.byteLength, sha: sha(req.body) };
      pool.release(req.body);
      return out;
    });
    app = a;
    await a.listen({ port: 0, host: '127.0.0.1' });
    const port = (a.server.address() as { port: number }).port;
    const body = bytes(2 * MiB + 3);
    const before = releasedChunks();
    const r = await fetch(`http://127.0.0.1:${port}/echo`, { method: 'POST', headers: { 'content-type': ARROW_STREAM, 'x-tap': '1' }, body });
    expect(await r.json()).toEqual({ length: body.length, sha: sha(body) });
    expect(tapped).toBe(body.length);
    expect(releasedChunks()).toBe(before);

    // Two requests in one write on one connection: each body whole, each its own chunks.
    const one = bytes(300_000);
    const two = Buffer.from(one).reverse();
    const head = (n: number) => `POST /echo HTTP/1.1\r\nhost: x\r\ncontent-type: ${ARROW_STREAM}\r\ncontent-length: ${n}\r\n\r\n`;
    const wire = Buffer.concat([Buffer.from(head(one.length)), one, Buffer.from(head(two.length)), two]);
    const answers = await new Promise<string>((resolve, reject) => {
      let text = '';
      const s = connect(port, '127.0.0.1', () => s.write(wire));
      s.on('data', (d) => {
        text += d.toString('latin1');
        if ((text.match(/"sha"/g) ?? []).length === 2) {
          s.destroy();
          resolve(text);
        }
      });
      s.on('error', reject);
    });
    const bodies = [...answers.matchAll(/\{"length":(\d+),"sha":"([0-9a-f]+)"\}/g)].map((m) => ({ length: Number(m[1]), sha: m[2] }));
    expect(bodies).toEqual([
      { length: one.length, sha: sha(one) },
      { length: two.length, sha: sha(two) },
    ]);
  });
});
