/**
 * Chooses the TF.js backend, once per thread.
 *
 *   DRIFTGAUGE_TF_BACKEND   auto (default) │ node-gpu │ node │ wasm │ cpu │ off
 *
 *   auto:  node-gpu ──skip──▶ node ──skip──▶ wasm ──skip──▶ cpu ──skip──▶ none
 *          (each skip keeps its reason: "not installed",
 *           "libtensorflow failed to load: ...", "no CUDA device (...)")
 *   forced: that one backend, or DRIFTGAUGE_ERR_TF_BACKEND
 *   off:   nothing is imported; tf is null
 *
 * Every worker thread has its own module graph, so each worker loads (and
 * caches) its own backend; call this at worker start. TF.js's console output
 * while loading (the "install the node backend" banner among it) is kept off
 * users' output.
 */

import { createError } from '../src/errors.js';
import { AUTO_ORDER, parseBackendChoice, type TfBackendChoice, type TfBackendName } from './backend-choice.js';
import { importOptional } from './optional-import.js';
import { withQuietConsole } from './quiet-console.js';
import type { BackendAttempt, LoadedTfBackend, SkippedBackend, Tf } from './tf-types.js';
import { tryCpu } from './try-cpu.js';
import { tryNative } from './try-native.js';
import { tryWasm } from './try-wasm.js';

const results = new Map<TfBackendChoice, Promise<LoadedTfBackend>>();
const attempts = new Map<TfBackendName, Promise<BackendAttempt>>();
let core: Promise<Tf | string> | undefined;

function importCore(): Promise<Tf | string> {
  core ??= withQuietConsole(() => importOptional('@tensorflow/tfjs-core')).then(({ value }) =>
    value.ok ? (value.module as unknown as Tf) : `@tensorflow/tfjs-core ${value.reason}`,
  );
  return core;
}

function attempt(tf: Tf, name: TfBackendName): Promise<BackendAttempt> {
  let pending = attempts.get(name);
  if (pending === undefined) {
    if (name === 'wasm') pending = tryWasm(tf);
    else if (name === 'cpu') pending = tryCpu(tf);
    else pending = tryNative(tf, name);
    attempts.set(name, pending);
  }
  return pending;
}

async function load(choice: TfBackendChoice): Promise<LoadedTfBackend> {
  const started = performance.now();
  const done = (partial: Omit<LoadedTfBackend, 'choice' | 'loadMs'>): LoadedTfBackend => ({
    choice,
    ...partial,
    loadMs: Math.round((performance.now() - started) * 10) / 10,
  });
  if (choice === 'off') return done({ backend: null, tfBackend: null, tf: null, skipped: [] });

  const tf = await importCore();
  const order = choice === 'auto' ? AUTO_ORDER : [choice];
  const skipped: SkippedBackend[] = [];
  for (const name of order) {
    const outcome = typeof tf === 'string' ? { ok: false as const, reason: tf } : await attempt(tf, name);
    if (outcome.ok && typeof tf !== 'string') {
      return done({ backend: name, tfBackend: outcome.tfBackend, tf, skipped, ...(outcome.wasm ? { wasm: outcome.wasm } : {}) });
    }
    if (!outcome.ok) {
      if (choice !== 'auto') throw createError('DRIFTGAUGE_ERR_TF_BACKEND', name, outcome.reason);
      skipped.push({ name, reason: outcome.reason });
    }
  }
  return done({ backend: null, tfBackend: null, tf: null, skipped });
}

/**
 * Loads TF.js with the first backend that works (`auto`) or the one forced,
 * and makes it the active TF.js backend. The result is cached per choice in
 * this thread; asking again re-activates that backend (a later call with
 * another choice, as benchmarks make, switches TF.js's global backend).
 *
 * @param choice `DRIFTGAUGE_TF_BACKEND` when omitted (unset: `auto`)
 * @returns the backend in use (or `null`), tfjs-core, and the reason each faster backend was skipped
 * @throws {DriftgaugeError} DRIFTGAUGE_ERR_TF_BACKEND when a forced backend cannot load;
 *   DRIFTGAUGE_ERR_CONFIG when the choice is not one of the six values
 * @example
 * const { backend, skipped } = await loadTfBackend('auto');
 * // on a machine without tfjs-node: backend 'wasm',
 * // skipped [{ name: 'node-gpu', reason: 'not installed' }, { name: 'node', reason: 'not installed' }]
 */
export async function loadTfBackend(choice: TfBackendChoice = parseBackendChoice()): Promise<LoadedTfBackend> {
  const valid = parseBackendChoice(choice);
  let pending = results.get(valid);
  if (pending === undefined) {
    pending = load(valid);
    results.set(valid, pending);
    return pending;
  }
  const loaded = await pending;
  if (loaded.tf !== null && loaded.tfBackend !== null && loaded.tf.getBackend() !== loaded.tfBackend) {
    await loaded.tf.setBackend(loaded.tfBackend);
  }
  return loaded;
}
