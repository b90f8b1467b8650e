/**
 * Arrow request bodies: the two Arrow IPC media types as raw bytes, with
 * `Content-Encoding: gzip` decoded on the way in. The body limit applies to
 * the decoded bytes too, so a small gzip bomb still gets 413.
 */
import { createGunzip } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { createError } from '../errors.js';

export const ARROW_STREAM = 'application/vnd.apache.arrow.stream';
export const ARROW_FILE = 'application/vnd.apache.arrow.file';
export const ARROW_TYPES = [ARROW_STREAM, ARROW_FILE] as const;

export function registerArrowBody(app: FastifyInstance): void {
  app.addContentTypeParser(ARROW_TYPES as unknown as string[], { parseAs: 'buffer' }, (_req, body, done) => {
    if ((body as Buffer).length === 0) done(createError('DRIFTGAUGE_ERR_EMPTY_BODY'), undefined);
    else done(null, body);
  });
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
