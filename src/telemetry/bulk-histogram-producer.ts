/**
 * Hands the bulk histograms' state to the SDK's readers as extra collected
 * data (MetricReaderOptions.metricProducers), so /metrics and the OTLP push
 * see them exactly like SDK histograms: cumulative, explicit buckets.
 */
import { ValueType } from '@opentelemetry/api';
import { millisToHrTime } from '@opentelemetry/core';
import { emptyResource } from '@opentelemetry/resources';
import {
  AggregationTemporality,
  type CollectionResult,
  DataPointType,
  type HistogramMetricData,
  type MetricProducer,
} from '@opentelemetry/sdk-metrics';
import type { MetricInstrument } from './metric-instrument.js';

/** A MetricProducer giving the bulk histograms' cumulative state as HistogramMetricData. */
export class BulkHistogramProducer implements MetricProducer {
  readonly #instruments: () => readonly MetricInstrument[];
  readonly #scope: { name: string; version?: string };

  /** `instruments` is read at each collection (the instruments are made after the readers). */
  constructor(instruments: () => readonly MetricInstrument[], scope: { name: string; version?: string }) {
    this.#instruments = instruments;
    this.#scope = scope;
  }

  async collect(): Promise<CollectionResult> {
    const endTime = millisToHrTime(Date.now());
    const metrics: HistogramMetricData[] = this.#instruments().map((inst) => {
      const boundaries = [...(inst.def.buckets ?? [])];
      const dataPoints: HistogramMetricData['dataPoints'] = [];
      for (const series of inst.table.all()) {
        const st = series.state;
        if (st === null) continue;
        dataPoints.push({
          attributes: series.attributes,
          startTime: st.startTime,
          endTime,
          value: {
            buckets: { boundaries, counts: Array.from(st.counts) },
            sum: st.sum,
            count: st.count,
            min: st.count > 0 ? st.min : undefined,
            max: st.count > 0 ? st.max : undefined,
          },
        });
      }
      return {
        descriptor: { name: inst.def.name, description: inst.def.description, unit: inst.def.unit, valueType: ValueType.DOUBLE },
        aggregationTemporality: AggregationTemporality.CUMULATIVE,
        dataPointType: DataPointType.HISTOGRAM,
        dataPoints,
      };
    });
    return { resourceMetrics: { resource: emptyResource(), scopeMetrics: [{ scope: this.#scope, metrics }] }, errors: [] };
  }
}
