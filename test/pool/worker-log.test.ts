import { Writable } from 'node:stream';
import { context, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { createWorkerLogger, logTaskOutcome } from '../../src/pool/worker-log.js';

function sink() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split('\n')) if (l) lines.push(JSON.parse(l));
      done();
    },
  });
  return { lines, stream };
}

const SPAN = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 1 };

describe('createWorkerLogger', () => {
  it('is silent unless the pool passes a level, and refuses unknown levels', () => {
    expect(createWorkerLogger(undefined, sink().stream).level).toBe('silent');
    expect(createWorkerLogger({ logLevel: 'loud' }, sink().stream).level).toBe('silent');
    expect(createWorkerLogger({ logLevel: 'debug' }, sink().stream).level).toBe('debug');
  });

  it("stamps every line with the active span's trace_id and span_id, also after an await", async () => {
    const { lines, stream } = sink();
    const log = createWorkerLogger({ logLevel: 'info' }, stream);
    const ctx = trace.setSpanContext(context.active(), SPAN);
    await context.with(ctx, async () => {
      log.info('before');
      await new Promise((r) => setTimeout(r, 1));
      log.info('after');
    });
    log.info('outside');
    expect(lines.map((l) => [l.msg, l.trace_id, l.span_id, l.component])).toEqual([
      ['before', SPAN.traceId, SPAN.spanId, 'worker'],
      ['after', SPAN.traceId, SPAN.spanId, 'worker'],
      ['outside', undefined, undefined, 'worker'],
    ]);
  });
});

describe('logTaskOutcome', () => {
  it('logs a failed task as a warning with its code and passes the result through', () => {
    const { lines, stream } = sink();
    const log = createWorkerLogger({ logLevel: 'debug' }, stream);
    const failed = { error: { code: 'DRIFTGAUGE_ERR_SCHEMA_MISMATCH', message: 'column x is missing' } };
    expect(logTaskOutcome(log, 'batch', process.hrtime.bigint(), failed)).toBe(failed);
    expect(lines[0]).toMatchObject({ level: 40, task: 'batch', code: 'DRIFTGAUGE_ERR_SCHEMA_MISMATCH', msg: 'batch task failed: column x is missing' });
  });

  it('awaits a promised result and logs success at debug with its duration', async () => {
    const { lines, stream } = sink();
    const log = createWorkerLogger({ logLevel: 'debug' }, stream);
    const result = await logTaskOutcome(log, 'compare', process.hrtime.bigint(), Promise.resolve({ ok: 1 }));
    expect(result).toEqual({ ok: 1 });
    expect(lines[0]).toMatchObject({ level: 20, task: 'compare', msg: 'compare task done' });
    expect(lines[0].ms).toBeGreaterThanOrEqual(0);
  });
});
