/**
 * Arrow request bodies: the two Arrow IPC media types as raw bytes, with
 * `Content-Encoding: gzip` decoded on the way in. The body limit applies to
 * the decoded bytes too, so a small gzip bomb still gets 413.
 */
import { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { errorCodes, type FastifyInstance, type FastifyRequest } from 'fastify';
import { createError } from '../errors.js';
import type { BodyPool } from '../pool/body-pool.js';
import { copyIntoShared } from '../pool/shared-copy.js';
import { releaseChunk } from './release-chunk.js';

export const ARROW_STREAM = 'application/vnd.apache.arrow.stream';
export const ARROW_FILE = 'application/vnd.apache.arrow.file';
export const ARROW_TYPES = [ARROW_STREAM, ARROW_FILE] as const;

/**
 * Reads an Arrow body: into pooled memory (body-pool.ts) when one is given
 * and the length is declared (each socket chunk copied in as it arrives, so
 * none outlives its read), else collected and copied once at the end.
 * Counts against `limit` as it reads, so a body that lies about its length
 * or a gzip bomb still stops at the limit. A chunk node's parser handed over
 * (not a gzip stream's output) is released once copied (release-chunk.ts).
 */
function readBody(req: FastifyRequest, payload: Readable, limit: number, pool: BodyPool | null): Promise<Buffer> {
  const declaredHeader = req.headers['content-length'];
  const declared = declaredHeader === undefined ? Number.NaN : Number(declaredHeader);
  if (declared > limit) return Promise.reject(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
  return new Promise<Buffer>((resolve, reject) => {
    const target = pool && declared > 0 ? pool.acquire(declared) : null;
    // Chunks node's HTTP/1 parser copied off a socket are this reader's alone (not a decoder's
    // output, which may be its memory, nor an injected request's, which is the caller's body),
    // as long as nothing else listens to them (checked per chunk: a listener, or a pipe, may come later).
    const ownChunks =
      payload === req.raw &&
      req.raw.httpVersionMajor === 1 &&
      req.raw.socket instanceof Socket &&
      (req.raw.socket as Socket & { parser?: unknown }).parser != null;
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const finish = (err: Error | null, body?: Buffer) => {
      if (settled) return;
      settled = true;
      payload.off('data', onData);
      payload.off('end', onEnd);
      payload.off('error', onError);
      payload.off('close', onClose);
      if (err) {
        // Never seen by anyone else: straight back to the pool.
        if (target) pool?.release(target);
        reject(err);
      } else resolve(body as Buffer);
    };
    const onData = (chunk: Buffer | string) => {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      if (received + b.length > limit) return finish(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
      if (target) {
        if (received + b.length > target.length) return finish(new errorCodes.FST_ERR_CTP_INVALID_CONTENT_LENGTH());
        copyIntoShared(target, received, b);
      } else chunks.push(b);
      received += b.length;
      // Copied into pooled memory, a chunk of our own is garbage at once: freed now.
      if (target && ownChunks && payload.listenerCount('data') === 1) releaseChunk(b);
    };
    const onEnd = () => {
      if (!Number.isNaN(declared) && received !== declared) return finish(new errorCodes.FST_ERR_CTP_INVALID_CONTENT_LENGTH());
      if (received === 0) return finish(createError('DRIFTGAUGE_ERR_EMPTY_BODY'));
      if (target) return finish(null, target);
      const pooled = pool?.acquire(received) ?? null;
      if (!pooled) return finish(null, Buffer.concat(chunks, received));
      let at = 0;
      for (const c of chunks) {
        copyIntoShared(pooled, at, c);
        at += c.length;
      }
      finish(null, pooled);
    };
    const onError = (err: Error & { statusCode?: number }) => {
      if (!(typeof err.statusCode === 'number' && err.statusCode >= 400)) err.statusCode = 400;
      finish(err);
    };
    const onClose = () => finish(Object.assign(new Error('the client closed the request before its body ended'), { statusCode: 400 }));
    payload.on('data', onData);
    payload.on('end', onEnd);
    payload.on('error', onError);
    payload.on('close', onClose);
    payload.resume();
  });
}

/**
 * Registers the Arrow media types. With `pool`, bodies are read into pooled
 * memory the batch path gives back after its worker is done; without, into
 * ordinary Buffers.
 */
export function registerArrowBody(app: FastifyInstance, pool: BodyPool | null = null): void {
  app.addContentTypeParser(ARROW_TYPES as unknown as string[], (req: FastifyRequest, payload: Readable) =>
    readBody(req, payload, req.routeOptions.bodyLimit ?? app.initialConfig.bodyLimit ?? 1024 ** 2, pool),
  );
  if (pool) {
    // A pooled body no handler ended the loan of (the request failed validation after its body was
    // read: a bad model name, a bad header) goes back once the response is out. Shared memory is no
    // isolate's external memory: dropped, it would wait for a collection nothing starts. A loan the
    // handler ended already (given back, or forsaken after a timeout) is no loan any more: ignored.
    app.addHook('onResponse', async (req) => {
      if (req.body instanceof Uint8Array) pool.release(req.body);
    });
  }
  app.addHook('preParsing', async (req, _reply, payload) => {
    const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase().trim();
    if (encoding === 'identity' || encoding === '') return payload;
    if (encoding !== 'gzip' && encoding !== 'x-gzip') {
      throw createError('DRIFTGAUGE_ERR_BAD_ENCODING', encoding, 'only gzip and identity are supported');
    }
    const gunzip = createGunzip();
    const out = payload.pipe(gunzip);
    payload.on('error', (err) => gunzip.destroy(err));
    gunzip.on('error', (err: NodeJS.ErrnoException & { statusCode?: number }) => {
      // A corrupt gzip stream reaches the error handler as this very object: make it catalogued.
      const coded = createError('DRIFTGAUGE_ERR_BAD_ENCODING', 'gzip', err.message);
      err.message = coded.message;
      err.code = coded.code;
      err.statusCode = coded.statusCode;
    });
    // The decoded length is unknown in advance: fastify counts what it reads against bodyLimit.
    delete req.headers['content-length'];
    (out as unknown as { receivedEncodedLength: number }).receivedEncodedLength = 0;
    return out;
  });
}

/** Rejects a body that is not Arrow with 415, naming the accepted types. */
export function requireArrow(contentType: string | undefined): void {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (!(ARROW_TYPES as readonly string[]).includes(type)) {
    throw createError('DRIFTGAUGE_ERR_UNSUPPORTED_MEDIA_TYPE', contentType ?? '(none)', ARROW_TYPES.join(' or '));
  }
}
