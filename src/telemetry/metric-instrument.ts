/**
 * One instrument as the record path sees it: the SDK instrument (or the bulk
 * histogram), its capped series table, and an exemplar reservoir per series
 * (aligned-histogram-bucket for histograms, simple fixed-size otherwise),
 * created on the first exemplar offered, so an always_off process builds none.
 *
 * The SDK is always passed ROOT_CONTEXT: it would otherwise read the active
 * context on every record, only to drop it (the JS SDK keeps no exemplars).
 */
import { type Counter, type Gauge, type Histogram, type Meter, ROOT_CONTEXT } from '@opentelemetry/api';
import { AlignedHistogramReservoir } from './aligned-histogram-reservoir.js';
import { BulkHistogramRecorder, type BulkHistogramState, type HistogramBins } from './bulk-histogram.js';
import type { ExemplarReservoir, FilteredAttributes } from './exemplar.js';
import type { ExemplarSpan } from './exemplar-filter.js';
import type { InstrumentDef } from './instruments.js';
import { type PrometheusName, prometheusName } from './prometheus-names.js';
import { type Series, SeriesTable } from './series-table.js';
import { SimpleFixedSizeReservoir } from './simple-fixed-size-reservoir.js';

/** Options of MetricInstrument. */
export interface InstrumentOptions {
  maxSeries: number;
  /** Called once per refused measurement, with this instrument. */
  onDrop: (instrument: MetricInstrument) => void;
  /** Slots of the simple fixed-size reservoir (counters and gauges). Default 1. */
  fixedReservoirSize?: number;
}

/** An SDK instrument (or bulk histogram) with its capped series and exemplar reservoirs. */
export class MetricInstrument {
  readonly def: InstrumentDef;
  readonly prometheus: PrometheusName;
  readonly table: SeriesTable<BulkHistogramState>;
  readonly bulk: BulkHistogramRecorder | null;
  readonly #counter: Counter | null = null;
  readonly #gauge: Gauge | null = null;
  readonly #histogram: Histogram | null = null;
  readonly #reservoirSize: number;

  constructor(def: InstrumentDef, meter: Meter, opts: InstrumentOptions) {
    this.def = def;
    this.prometheus = prometheusName(def.name, def.unit, def.kind);
    this.table = new SeriesTable(def.labels, opts.maxSeries, () => opts.onDrop(this));
    this.#reservoirSize = opts.fixedReservoirSize ?? 1;
    const options = { unit: def.unit, description: def.description };
    if (def.bulk) {
      this.bulk = new BulkHistogramRecorder(def.buckets ?? []);
      return;
    }
    this.bulk = null;
    if (def.kind === 'counter') this.#counter = meter.createCounter(def.name, options);
    else if (def.kind === 'gauge') this.#gauge = meter.createGauge(def.name, options);
    else this.#histogram = meter.createHistogram(def.name, { ...options, advice: { explicitBucketBoundaries: [...(def.buckets ?? [])] } });
  }

  /** Series by label values in `def.labels` order; undefined when the cap refuses it (counted). */
  series(v0?: string, v1?: string, v2?: string): Series<BulkHistogramState> | undefined {
    return this.table.series(v0, v1, v2);
  }

  /**
   * Records one measurement; offers it as an exemplar when `span` is not
   * null (the caller has applied the filter). Values the SDK would refuse
   * (non-finite; negative for counters and histograms) are skipped entirely.
   */
  record(series: Series, value: number, span: ExemplarSpan | null, timeMs: number, filtered: FilteredAttributes | null): void {
    if (!Number.isFinite(value)) return;
    if (this.#gauge !== null) this.#gauge.record(value, series.attributes, ROOT_CONTEXT);
    else if (value < 0) return;
    else if (this.#counter !== null) this.#counter.add(value, series.attributes, ROOT_CONTEXT);
    else if (this.#histogram !== null) this.#histogram.record(value, series.attributes, ROOT_CONTEXT);
    else return;
    if (span !== null) (series.reservoir ?? this.#newReservoir(series)).offer(value, timeMs, span, filtered);
  }

  /** Records a whole column on a bulk histogram (see bulk-histogram.ts). */
  recordMany(
    series: Series<BulkHistogramState>,
    values: ArrayLike<number>,
    span: ExemplarSpan | null,
    timeMs: number,
    filtered: FilteredAttributes | null,
  ): number {
    if (this.bulk === null) throw new TypeError(`${this.def.name} is not a bulk histogram`);
    return this.bulk.recordMany(series, values, span, timeMs, filtered);
  }

  /** Merges a column binned elsewhere (see bulk-histogram.ts, binValues) into a bulk histogram. */
  recordBins(
    series: Series<BulkHistogramState>,
    bins: HistogramBins,
    span: ExemplarSpan | null,
    timeMs: number,
    filtered: FilteredAttributes | null,
  ): number {
    if (this.bulk === null) throw new TypeError(`${this.def.name} is not a bulk histogram`);
    return this.bulk.recordBins(series, bins, span, timeMs, filtered);
  }

  #newReservoir(series: Series): ExemplarReservoir {
    const r: ExemplarReservoir =
      this.def.kind === 'histogram'
        ? new AlignedHistogramReservoir(this.def.buckets ?? [])
        : new SimpleFixedSizeReservoir(this.#reservoirSize);
    series.reservoir = r;
    return r;
  }
}
