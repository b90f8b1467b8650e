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

export function telemetryPlugin(telemetry: Telemetry) {
  return async (app: FastifyInstance): Promise<void> => {
    app.addHook('onRequest', (req, _reply, done) => {
      const route = req.routeOptions.url ?? req.url.split('?')[0];
      const { span, ctx } = telemetry.startServerSpan(`${req.method} ${route}`, req.headers, {
        'http.request.method': req.method,
        'http.route': route,
      });
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
