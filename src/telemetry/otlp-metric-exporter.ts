/**
 * A PushMetricExporter for OTLP/HTTP with the JSON encoding, carrying our
 * exemplars (otlp-metrics-json.ts). The PeriodicExportingMetricReader calls
 * it every OTEL_METRIC_EXPORT_INTERVAL; a failed export is reported to the
 * reader and logged (the first failure, then every tenth), never thrown.
 */
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { OtlpTarget } from './otel-settings.js';
import { toOtlpMetricsRequest } from './otlp-metrics-json.js';
import type { ExemplarLookup } from './render-exposition.js';
import type { TelemetryLogger } from './types.js';

/** Pushes metrics with exemplars to an OTLP/HTTP endpoint as JSON. */
export class OtlpJsonMetricExporter implements PushMetricExporter {
  readonly #target: OtlpTarget;
  readonly #lookup: ExemplarLookup | null;
  readonly #logger: TelemetryLogger | undefined;
  readonly #pending = new Set<Promise<void>>();
  #failures = 0;
  #shutdown = false;

  constructor(target: OtlpTarget, lookup: ExemplarLookup | null, logger?: TelemetryLogger) {
    this.#target = target;
    this.#lookup = lookup;
    this.#logger = logger;
  }

  export(metrics: ResourceMetrics, resultCallback: (result: ExportResult) => void): void {
    if (this.#shutdown) {
      resultCallback({ code: ExportResultCode.FAILED, error: new Error('exporter is shut down') });
      return;
    }
    let body: string;
    try {
      body = JSON.stringify(toOtlpMetricsRequest(metrics, this.#lookup));
    } catch (err) {
      resultCallback({ code: ExportResultCode.FAILED, error: err as Error });
      return;
    }
    const p = this.#send(body).then(
      () => {
        this.#failures = 0;
        resultCallback({ code: ExportResultCode.SUCCESS });
      },
      (err: Error) => {
        if (this.#failures++ % 10 === 0) {
          this.#logger?.warn({ url: this.#target.url, err: err.message, failures: this.#failures }, 'OTLP metric export failed');
        }
        resultCallback({ code: ExportResultCode.FAILED, error: err });
      },
    );
    this.#pending.add(p);
    void p.finally(() => this.#pending.delete(p));
  }

  async #send(body: string): Promise<void> {
    const res = await fetch(this.#target.url, {
      method: 'POST',
      headers: { ...this.#target.headers, 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(this.#target.timeoutMillis),
    });
    // Drain the body so the connection is reused.
    await res.arrayBuffer().catch(() => undefined);
    if (!res.ok) throw new Error(`OTLP endpoint answered HTTP ${res.status}`);
  }

  async forceFlush(): Promise<void> {
    await Promise.allSettled([...this.#pending]);
  }

  async shutdown(): Promise<void> {
    this.#shutdown = true;
    await this.forceFlush();
  }
}
