/**
 * All of driftgauge's instruments on one meter, with the series cap applied
 * to each: a measurement that would open a series beyond the cap is dropped,
 * counted in driftgauge_telemetry_series_dropped_total{instrument} and
 * logged once per instrument. Also the join the exposition and the OTLP
 * encoder use to find a data point's exemplar reservoir.
 */
import { type Attributes, type Meter, ROOT_CONTEXT } from '@opentelemetry/api';
import type { ExemplarReservoir } from './exemplar.js';
import { INSTRUMENTS, type InstrumentKey } from './instruments.js';
import { MetricInstrument } from './metric-instrument.js';
import type { TelemetryLogger } from './types.js';

/** Every instrument but the series-dropped counter, by catalogue key. */
export type Instruments = { readonly [K in InstrumentKey]: MetricInstrument };

/** Options of InstrumentSet. */
export interface InstrumentSetOptions {
  /** Series per instrument before new label sets are dropped. */
  maxSeries: number;
  logger?: TelemetryLogger;
  fixedReservoirSize?: number;
}

/** The instruments of one meter, capped, with the exemplar join by metric name and attributes. */
export class InstrumentSet {
  readonly instruments: Instruments;
  readonly #byName = new Map<string, MetricInstrument>();
  readonly #warned = new Set<string>();
  readonly #logger: TelemetryLogger | undefined;

  constructor(meter: Meter, opts: InstrumentSetOptions) {
    this.#logger = opts.logger;
    const dropped = meter.createCounter(INSTRUMENTS.seriesDropped.name, {
      unit: INSTRUMENTS.seriesDropped.unit,
      description: INSTRUMENTS.seriesDropped.description,
    });
    const droppedAttrs = new Map<MetricInstrument, Attributes>();
    const onDrop = (inst: MetricInstrument) => {
      let attrs = droppedAttrs.get(inst);
      if (attrs === undefined) {
        attrs = Object.freeze({ instrument: inst.prometheus.family });
        droppedAttrs.set(inst, attrs);
      }
      dropped.add(1, attrs, ROOT_CONTEXT);
      if (!this.#warned.has(inst.def.name)) {
        this.#warned.add(inst.def.name);
        this.#logger?.warn(
          { instrument: inst.prometheus.family, maxSeries: opts.maxSeries },
          'telemetry series cap reached: measurements for new label sets of this instrument are dropped',
        );
      }
    };
    const out: Partial<Record<InstrumentKey, MetricInstrument>> = {};
    for (const key of Object.keys(INSTRUMENTS) as InstrumentKey[]) {
      if (key === 'seriesDropped') continue;
      const inst = new MetricInstrument(INSTRUMENTS[key], meter, {
        maxSeries: opts.maxSeries,
        onDrop,
        fixedReservoirSize: opts.fixedReservoirSize,
      });
      out[key] = inst;
      this.#byName.set(inst.def.name, inst);
    }
    this.instruments = out as Instruments;
  }

  /** Instruments recorded outside the SDK (their data comes from bulk-histogram-producer.ts). */
  bulkInstruments(): MetricInstrument[] {
    return [...this.#byName.values()].filter((i) => i.bulk !== null);
  }

  /** The instrument with this OTel name, if it is ours. */
  byName(name: string): MetricInstrument | undefined {
    return this.#byName.get(name);
  }

  /** The reservoir of the series of `metricName` with exactly `attributes`; null when none was made. */
  reservoirFor(metricName: string, attributes: Attributes): ExemplarReservoir | null {
    return this.#byName.get(metricName)?.table.find(attributes)?.reservoir ?? null;
  }

  /** How many reservoirs exist (0 while exemplars are off). */
  reservoirCount(): number {
    let n = 0;
    for (const inst of this.#byName.values()) for (const s of inst.table.all()) if (s.reservoir !== null) n++;
    return n;
  }
}
