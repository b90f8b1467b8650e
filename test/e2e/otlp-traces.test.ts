/**
 * The exported span tree, as a tracing backend receives it: the real
 * `driftgauge serve` process with OTEL_EXPORTER_OTLP_ENDPOINT pointing at an
 * OTLP/HTTP receiver on loopback in this test (the exporters send
 * `application/json`: ids as hex strings). Batches are posted with known
 * traceparents; a monitor firing every second then evaluates their window.
 *
 *   POST /v1/models/{model}/batches   (parent: the sent span id, same trace id)
 *   ├─ worker.profile                 (exported by the pool worker's own provider)
 *   │  ├─ arrow.decode
 *   │  └─ window.sketch
 *   └─ store.append
 *   evaluation (scheduled: a new root; links → the batch server spans)
 *   ├─ compare ── worker.compare
 *   └─ publish
 *
 * No external binary: runs everywhere, CI included.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNTHETIC_SPEC, syntheticArrow, syntheticBatch } from '../../src/demo/synthetic.js';
import { until } from '../helpers/until.js';
import { type ServerProcess, startServer } from './server-process.js';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: { key: string; value: Record<string, unknown> }[];
  links?: { traceId: string; spanId: string; attributes?: { key: string; value: Record<string, unknown> }[] }[];
  status?: { code?: number };
}

interface Received {
  contentType: string | undefined;
  service: string | undefined;
  span: OtlpSpan;
}

const SENT = [
  { traceId: '5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a01', parent: '1111111111111111' },
  { traceId: '5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a02', parent: '2222222222222222' },
];
const COMPARISON = { traceId: '5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a03', parent: '3333333333333333' };
const traceparent = (s: { traceId: string; parent: string }) => `00-${s.traceId}-${s.parent}-01`;
const BATCH_ROUTE = 'POST /v1/models/{model}/batches';

let receiver: Server;
let endpoint = '';
const spans: Received[] = [];
const otherPaths = new Set<string>();
let service: ServerProcess | undefined;
let dataDir = '';

const attr = (s: OtlpSpan, key: string) => {
  const v = s.attributes?.find((a) => a.key === key)?.value;
  return v && Object.values(v)[0];
};
const named = (name: string, traceId?: string) => spans.map((r) => r.span).filter((s) => s.name === name && (traceId === undefined || s.traceId === traceId));
const one = (name: string, traceId: string, parent?: OtlpSpan) => {
  const found = named(name, traceId).filter((s) => parent === undefined || s.parentSpanId === parent.spanId);
  return found.length === 1 ? found[0] : undefined;
};
const diagnose = () => `received spans:\n${spans.map((r) => `${r.span.name} ${r.span.traceId}/${r.span.spanId} <- ${r.span.parentSpanId ?? '-'}`).join('\n')}\nserver:\n${service?.logs.join('').slice(-3000)}`;

async function send(path: string, method: string, body: Uint8Array | object, headers: Record<string, string> = {}) {
  if (!service) throw new Error('no server');
  return sendTo(service.url, path, method, body, headers);
}

async function sendTo(url: string, path: string, method: string, body: Uint8Array | object, headers: Record<string, string> = {}) {
  return fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': body instanceof Uint8Array ? 'application/vnd.apache.arrow.stream' : 'application/json', ...headers },
    body: body instanceof Uint8Array ? body : JSON.stringify(body),
  });
}

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url !== '/v1/traces') {
        otherPaths.add(req.url ?? '');
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        return;
      }
      let raw = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') raw = gunzipSync(raw);
      const body = JSON.parse(raw.toString('utf8')) as {
        resourceSpans: { resource?: { attributes?: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { spans: OtlpSpan[] }[] }[];
      };
      for (const rs of body.resourceSpans) {
        const serviceName = rs.resource?.attributes?.find((a) => a.key === 'service.name')?.value.stringValue;
        for (const ss of rs.scopeSpans) for (const span of ss.spans) spans.push({ contentType: req.headers['content-type'], service: serviceName, span });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  dataDir = mkdtempSync(join(tmpdir(), 'driftgauge-otlp-'));
  service = await startServer(dataDir, {
    OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
    OTEL_SERVICE_NAME: 'driftgauge-otlp-test',
    // Export within 100 ms (main thread and pool workers alike), not the SDK's 5 s.
    OTEL_BSP_SCHEDULE_DELAY: '100',
    OTEL_METRIC_EXPORT_INTERVAL: '600000',
  });
}, 30_000);

afterAll(async () => {
  if (service && service.child.exitCode === null) {
    service.child.kill('SIGTERM');
    await Promise.race([service.exited, new Promise((r) => setTimeout(r, 5000))]);
    if (service.child.exitCode === null) service.child.kill('SIGKILL');
  }
  await new Promise((r) => receiver.close(r));
  rmSync(dataDir, { recursive: true, force: true });
});

describe('OTLP traces from driftgauge serve', () => {
  const batchSpans: OtlpSpan[] = [];

  it('exports each batch as a server span under the sent traceparent, with worker and store spans beneath', async () => {
    const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
    expect((await send('/v1/models/credit', 'PUT', SYNTHETIC_SPEC)).status).toBeLessThan(300);
    expect((await send('/v1/models/credit/reference', 'PUT', syntheticArrow(syntheticBatch(2000, 1, 0, hour - 86_400_000)))).status).toBe(200);
    for (const [i, sent] of SENT.entries()) {
      const r = await send('/v1/models/credit/batches', 'POST', syntheticArrow(syntheticBatch(400, 10 + i, 0.6, hour, 1000)), { traceparent: traceparent(sent) });
      expect(r.status).toBe(202);
    }

    for (const sent of SENT) {
      const tree = await until(
        `the span tree of trace ${sent.traceId}`,
        () => {
          const server = one(BATCH_ROUTE, sent.traceId);
          const profile = server && one('worker.profile', sent.traceId, server);
          const decode = profile && one('arrow.decode', sent.traceId, profile);
          const sketch = profile && one('window.sketch', sent.traceId, profile);
          const store = server && one('store.append', sent.traceId, server);
          return server && profile && decode && sketch && store ? { server, profile, decode, sketch, store } : undefined;
        },
        15_000,
        diagnose,
      );
      // The server span continues the caller's trace: same trace id, the sent span id as parent.
      expect(tree.server.parentSpanId).toBe(sent.parent);
      expect(tree.server.kind).toBe(2); // SPAN_KIND_SERVER
      expect(attr(tree.server, 'http.route')).toBe('/v1/models/{model}/batches');
      expect(attr(tree.server, 'http.response.status_code')).toBe(202);
      batchSpans.push(tree.server);
    }
    const received = spans.filter((r) => r.span.traceId === SENT[0].traceId);
    expect(new Set(received.map((r) => r.contentType))).toEqual(new Set(['application/json']));
    expect(new Set(received.map((r) => r.service))).toEqual(new Set(['driftgauge-otlp-test']));
  }, 30_000);

  it('exports a scheduled evaluation as a new root linked to the batch spans of its window', async () => {
    expect(batchSpans).toHaveLength(2);
    expect((await send('/v1/models/credit/monitor', 'PUT', { window: '1h', schedule: '* * * * * *' })).status).toBe(200);
    const evaluation = await until(
      'a scheduled evaluation span with its compare and publish children',
      () =>
        named('evaluation').find((s) => {
          if (attr(s, 'driftgauge.trigger') !== 'schedule') return false;
          const compare = one('compare', s.traceId, s);
          return compare && one('worker.compare', s.traceId, compare) && one('publish', s.traceId, s) ? s : undefined;
        }),
      20_000,
      diagnose,
    );
    expect(evaluation.parentSpanId ?? '').toBe('');
    expect(SENT.map((s) => s.traceId)).not.toContain(evaluation.traceId);
    const links = (evaluation.links ?? []).map((l) => ({ traceId: l.traceId, spanId: l.spanId }));
    // Newest first in the store, oldest first on the span: batch 1, then batch 2.
    expect(links).toEqual(batchSpans.map((s) => ({ traceId: s.traceId, spanId: s.spanId })));
    expect(attr(evaluation, 'driftgauge.linked_batches')).toBe(2);
    expect(attr(evaluation, 'driftgauge.model')).toBe('credit');
    expect(evaluation.links?.[0].attributes?.find((a) => a.key === 'driftgauge.link')?.value).toEqual({ stringValue: 'batch' });
    expect((await send('/v1/models/credit/monitor', 'DELETE', {})).status).toBeLessThan(500);
  }, 30_000);

  it('exports an on-demand comparison as a child evaluation of the request, linked to the same batches', async () => {
    const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
    const window = { start: new Date(hour).toISOString(), end: new Date(hour + 3_600_000).toISOString() };
    const r = await send('/v1/models/credit/comparisons', 'POST', { window }, { traceparent: traceparent(COMPARISON) });
    expect(r.status).toBe(200);
    const { server, evaluation } = await until(
      'the comparison request and its evaluation span',
      () => {
        const server = one('POST /v1/models/{model}/comparisons', COMPARISON.traceId);
        const evaluation = server && one('evaluation', COMPARISON.traceId, server);
        const compare = evaluation && one('compare', COMPARISON.traceId, evaluation);
        const worker = compare && one('worker.compare', COMPARISON.traceId, compare);
        return server && evaluation && worker && one('publish', COMPARISON.traceId, evaluation) ? { server, evaluation } : undefined;
      },
      15_000,
      diagnose,
    );
    expect(server.parentSpanId).toBe(COMPARISON.parent);
    expect(attr(evaluation, 'driftgauge.trigger')).toBe('manual');
    expect((evaluation.links ?? []).map((l) => l.spanId)).toEqual(batchSpans.map((s) => s.spanId));
  }, 30_000);
});

describe('OTLP traces at shutdown', () => {
  it('exports the spans the main thread and every pool worker still hold when the service stops (SIGTERM)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'driftgauge-otlp-stop-'));
    const sent = { traceId: '5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a04', parent: '4444444444444444' };
    // No timed export: whatever arrives, arrives because the service flushed on its way out.
    const stopping = await startServer(dir, {
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_SERVICE_NAME: 'driftgauge-otlp-test',
      OTEL_BSP_SCHEDULE_DELAY: '600000',
      OTEL_METRIC_EXPORT_INTERVAL: '600000',
    });
    try {
      const post = (path: string, method: string, body: Uint8Array | object, headers: Record<string, string> = {}) => sendTo(stopping.url, path, method, body, headers);
      const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
      expect((await post('/v1/models/credit', 'PUT', SYNTHETIC_SPEC)).status).toBeLessThan(300);
      expect((await post('/v1/models/credit/reference', 'PUT', syntheticArrow(syntheticBatch(2000, 1, 0, hour - 86_400_000)))).status).toBe(200);
      const r = await post('/v1/models/credit/batches', 'POST', syntheticArrow(syntheticBatch(400, 30, 0.6, hour, 1000)), { traceparent: traceparent(sent) });
      expect(r.status).toBe(202);
      expect(named('worker.profile', sent.traceId)).toEqual([]);
      stopping.child.kill('SIGTERM');
      expect(await stopping.exited).toBe(0);
      const server = one(BATCH_ROUTE, sent.traceId);
      expect(server, diagnose()).toBeDefined();
      const profile = server && one('worker.profile', sent.traceId, server);
      expect(profile, diagnose()).toBeDefined();
      expect(profile && one('window.sketch', sent.traceId, profile)).toBeDefined();
    } finally {
      if (stopping.child.exitCode === null) stopping.child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

