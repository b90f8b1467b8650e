/**
 * Picks the typed-array or the TF.js implementation of a kernel for a batch.
 *
 *   exact mode ─────────────────────────────▶ typed (float64; CONTRACT.md)
 *   no TF.js backend ───────────────────────▶ typed
 *   override 'typed' | 'tfjs' ──────────────▶ that
 *   auto: values ≥ KERNEL_DEFAULTS[backend][op] ▶ tfjs, else typed
 */
import { KERNEL_DEFAULTS, type KernelDefaults } from './kernel-defaults.js';
import type { DriftKernels, KernelImpl, KernelOp } from './kernel-types.js';
import { typedKernels } from './typed-kernels.js';

/** `auto` (the measured table) or a forced implementation. */
export type KernelOverride = 'auto' | KernelImpl;

/** Options of {@link chooseKernelImpl}. */
export interface KernelChoiceOptions {
  /** Exact mode: only the float64 typed kernels may run, whatever the override says. */
  exact?: boolean;
  /** Default `auto`. */
  override?: KernelOverride;
  /** Default {@link KERNEL_DEFAULTS}. */
  defaults?: KernelDefaults;
}

/**
 * The implementation to run `op` on a batch of `values` values.
 *
 * @param tfBackend the active TF.js backend (`wasm`, `cpu`, `tensorflow`), or null without TF.js
 * @example
 * chooseKernelImpl('binCounts', 1_000_000, 'wasm'); // 'typed' (measured faster, see bench/RESULTS.md)
 * chooseKernelImpl('binCounts', 1_000_000, 'wasm', { override: 'tfjs' }); // 'tfjs'
 * chooseKernelImpl('binCounts', 1_000_000, 'wasm', { override: 'tfjs', exact: true }); // 'typed'
 */
export function chooseKernelImpl(op: KernelOp, values: number, tfBackend: string | null, opts: KernelChoiceOptions = {}): KernelImpl {
  if (opts.exact === true || tfBackend === null) return 'typed';
  const override = opts.override ?? 'auto';
  if (override !== 'auto') return override;
  const from = (opts.defaults ?? KERNEL_DEFAULTS)[tfBackend]?.[op] ?? Number.POSITIVE_INFINITY;
  return values >= from ? 'tfjs' : 'typed';
}

/**
 * The kernels object to run `op` with: {@link chooseKernelImpl}, then
 * `tfKernels` or the typed kernels.
 *
 * @param tfKernels createTfKernels(tf) for the active backend, or null without TF.js
 */
export function kernelsFor(op: KernelOp, values: number, tfKernels: DriftKernels | null, opts: KernelChoiceOptions = {}): DriftKernels {
  const impl = chooseKernelImpl(op, values, tfKernels?.backend ?? null, opts);
  return impl === 'tfjs' && tfKernels !== null ? tfKernels : typedKernels;
}

/**
 * Reads a kernel override (for example from an environment variable the
 * caller chose); unset or empty means `auto`.
 *
 * @throws {RangeError} for anything but auto, typed or tfjs
 */
export function parseKernelOverride(raw: string | undefined): KernelOverride {
  const value = (raw ?? '').trim().toLowerCase();
  if (value === '') return 'auto';
  if (value === 'auto' || value === 'typed' || value === 'tfjs') return value;
  throw new RangeError(`kernel override must be auto, typed or tfjs (got '${raw}')`);
}
