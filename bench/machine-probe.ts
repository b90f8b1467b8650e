/**
 * How fast this machine is right now, measured with the service's own ingest
 * kernel in the load generator's process, while the server is idle: decode
 * and sketch one batch (`readTable` + `sketchBatch`, 10,000 rows × 50
 * features against the load model's reference, without the row sample). On this shared 2-vCPU VM the
 * same build's max-load throughput moves by ±20% between runs minutes apart
 * (bench/RESULTS.md); a probe before and after each run says whether the
 * machine, not the code, moved.
 *
 *   const probe = machineProbe(referenceBytes, bodyBytes, spec);
 *   probe.measure(); // { medianMs, rounds }
 */
import { readTable } from '../src/arrow/read-table.js';
import { DRIFT_METHOD_NAMES } from '../src/engine/drift-methods.js';
import { referenceProfileFromTable } from '../src/engine/sketch-compare.js';
import { validateSpec } from '../src/engine/spec.js';
import { sketchBatch } from '../src/sketches/sketch-batch.js';
import { createWindowSketch, resetWindowSketch } from '../src/sketches/window-sketch.js';

/** One probe's result: the median CPU-bound time of a batch, over `rounds` after a warm-up. */
export interface ProbeResult {
  medianMs: number;
  rounds: number;
}

/** Rounds not counted: the first calls run in V8's lower tiers. */
const WARM_ROUNDS = 30;

/**
 * A probe over `reference` (its profile built once, as the server builds it)
 * and one batch `body` (copied once: the probe never touches the caller's
 * bytes).
 *
 * @param reference the reference upload's Arrow bytes
 * @param body one batch's Arrow bytes
 * @param spec the model's spec, as the server gets it
 */
export function machineProbe(reference: Uint8Array, body: Uint8Array, spec: unknown): { measure(rounds?: number): ProbeResult } {
  // Without the row sample: a fresh window takes k = 10,000 sample rows of every batch, which the
  // service's windows stop doing after their first batches (row-sample.ts); the probe is the kernel.
  const validated = validateSpec({ ...(spec as object), multivariate: false }, 'probe spec', DRIFT_METHOD_NAMES);
  const profile = referenceProfileFromTable(readTable(reference, 'probe reference'), validated);
  const bytes = body.slice();
  const window = createWindowSketch(profile);
  const once = () => {
    const t0 = performance.now();
    sketchBatch(profile, readTable(bytes, 'probe batch'), resetWindowSketch(profile, window));
    return performance.now() - t0;
  };
  for (let i = 0; i < WARM_ROUNDS; i++) once();
  return {
    measure(rounds = 25) {
      const times = Array.from({ length: rounds }, once).sort((a, b) => a - b);
      return { medianMs: times[Math.floor(rounds / 2)], rounds };
    },
  };
}
