/**
 * The values of DRIFTGAUGE_TF_BACKEND and the order `auto` tries them in.
 */
import { createError } from '../src/errors.js';

/** A TF.js backend driftgauge can load, fastest first. */
export type TfBackendName = 'node-gpu' | 'node' | 'wasm' | 'cpu';

/** What DRIFTGAUGE_TF_BACKEND may say: one backend, `auto` (the first that loads) or `off`. */
export type TfBackendChoice = 'auto' | TfBackendName | 'off';

/** The order `auto` tries: native GPU, native CPU, WebAssembly, plain JavaScript. */
export const AUTO_ORDER: readonly TfBackendName[] = ['node-gpu', 'node', 'wasm', 'cpu'];

const CHOICES: readonly TfBackendChoice[] = ['auto', ...AUTO_ORDER, 'off'];

/**
 * Reads a backend choice (`DRIFTGAUGE_TF_BACKEND` by default); unset or empty means `auto`.
 *
 * @throws {DriftgaugeError} DRIFTGAUGE_ERR_CONFIG for any other value
 * @example
 * parseBackendChoice(' WASM '); // 'wasm'
 */
export function parseBackendChoice(raw: string | undefined = process.env.DRIFTGAUGE_TF_BACKEND): TfBackendChoice {
  const value = (raw ?? '').trim().toLowerCase();
  if (value === '') return 'auto';
  if ((CHOICES as readonly string[]).includes(value)) return value as TfBackendChoice;
  throw createError('DRIFTGAUGE_ERR_CONFIG', 'DRIFTGAUGE_TF_BACKEND', `must be one of ${CHOICES.join(', ')}`, raw);
}
