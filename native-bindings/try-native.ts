/**
 * The native backends: @tensorflow/tfjs-node and @tensorflow/tfjs-node-gpu.
 * Neither is a dependency of driftgauge; installing one next to it
 * (`npm install @tensorflow/tfjs-node@4.22.0`) is enough for `auto` to pick
 * it up. Both register TF.js's `tensorflow` backend (libtensorflow).
 */
import type { TfBackendName } from './backend-choice.js';
import { cudaDeviceMissing } from './cuda-device.js';
import { importOptional, isInstalled } from './optional-import.js';
import { withQuietConsole } from './quiet-console.js';
import type { BackendAttempt, Tf } from './tf-types.js';

const PACKAGES = { 'node-gpu': '@tensorflow/tfjs-node-gpu', node: '@tensorflow/tfjs-node' } as const;

/** Loads one native package and activates its `tensorflow` backend. */
export async function tryNative(tf: Tf, name: Extract<TfBackendName, 'node' | 'node-gpu'>): Promise<BackendAttempt> {
  const pkg = PACKAGES[name];
  if (!isInstalled(pkg)) return { ok: false, reason: 'not installed' };
  if (name === 'node-gpu') {
    const noDevice = cudaDeviceMissing();
    if (noDevice !== null) return { ok: false, reason: noDevice };
  }
  // libtensorflow's own C++ logging (cpu_feature_guard, ...) goes to fd 2, past the console.
  process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';
  const { value, printed } = await withQuietConsole(async () => {
    const imported = await importOptional(pkg);
    if (!imported.ok) return imported;
    return { ok: true as const, active: await tf.setBackend('tensorflow') };
  });
  if (!value.ok) {
    return { ok: false, reason: value.missing ? 'not installed' : `libtensorflow failed to load: ${value.reason}` };
  }
  if (!value.active) {
    const why = printed.join(' ').replace(/\s+/g, ' ').trim() || 'backend initialisation failed';
    return { ok: false, reason: `libtensorflow failed to load: ${why}` };
  }
  return { ok: true, tfBackend: 'tensorflow' };
}
