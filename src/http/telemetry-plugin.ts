/**
 * Telemetry on the HTTP side: a server span per request (W3C traceparent
 * honoured, a malformed one starts a new root), the rest of the request
 * running in that span's context (so worker tasks, log lines and exemplars
 * see it), rejected requests counted by reason, and GET /metrics
 * (OpenMetrics with exemplars, or Prometheus text, by Accept).
 */
import { context, type Span, SpanStatusCode } from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Telemetry } from '../telemetry/index.js';

const spans = new WeakMap<FastifyRequest, Span>();

/** Route templates in OpenAPI form (`/v1/models/{model}/batches`, as SPAN names them), converted once per route. */
const templates = new Map<string, string>();
function routeTemplate(url: string): string {
  let t = templates.get(url);
  if (t === undefined) {
    t = url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    if (templates.size < 1000) templates.set(url, t);
  }
  return t;
}

export function telemetryPlugin(telemetry: Telemetry) {
  return async (app: FastifyInstance): Promise<void> => {
    app.addHook('onRequest', (req, _reply, done) => {
      // An unmatched URL (404) has no route: the span is named by the method alone (HTTP semantic
      // conventions), never by the path, which would make a span name per URL.
      const route = req.routeOptions.url === undefined ? undefined : routeTemplate(req.routeOptions.url);
      const { span, ctx } = telemetry.startServerSpan(
        route === undefined ? req.method : `${req.method} ${route}`,
        req.headers,
        route === undefined ? { 'http.request.method': req.method } : { 'http.request.method': req.method, 'http.route': route },
      );
      spans.set(req, span);
      // The remaining hooks and the handler run inside the span's context.
      context.with(ctx, done);
    });
    app.addHook('onResponse', async (req, reply) => {
      const span = spans.get(req);
      if (!span) return;
      span.setAttribute('http.response.status_code', reply.statusCode);
      if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
      spans.delete(req);
    });
    app.addHook('onError', async (req, _reply, err) => {
      const code = (err as { code?: string }).code;
      telemetry.recordRejected(typeof code === 'string' ? code : 'internal');
      spans.get(req)?.recordException(err);
    });
    app.get('/metrics', { schema: { tags: ['health'], summary: 'OpenMetrics 1.0 (with exemplars) or Prometheus text 0.0.4, by Accept' } }, async (req, reply) => {
      const page = await telemetry.renderMetrics(req.headers.accept);
      return reply.header('content-type', page.contentType).send(page.body);
    });
  };
}
