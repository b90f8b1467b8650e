/**
 * The reader behind GET /metrics: collects on demand, cumulative for every
 * instrument (what Prometheus expects), with a cardinality limit above
 * telemetry's own series cap so the SDK never folds series into its
 * `otel.metric.overflow` bucket behind our back.
 */
import { type MetricProducer, MetricReader } from '@opentelemetry/sdk-metrics';

/** A MetricReader that collects only when asked (GET /metrics). */
export class PullMetricReader extends MetricReader {
  constructor(opts: { cardinalityLimit: number; metricProducers?: MetricProducer[] }) {
    super({ cardinalitySelector: () => opts.cardinalityLimit, metricProducers: opts.metricProducers });
  }

  protected override async onForceFlush(): Promise<void> {}

  protected override async onShutdown(): Promise<void> {}
}
