/**
 * The backend choice as plain JSON, for GET /readyz and the startup log
 * (`{ "tf_backend": describeTfBackend(loaded) }`).
 */
import type { LoadedTfBackend, SkippedBackend, WasmFeatures } from './tf-types.js';

/** JSON-ready summary of a {@link LoadedTfBackend} (no tfjs namespace). */
export interface TfBackendSummary {
  choice: string;
  backend: string | null;
  skipped: SkippedBackend[];
  wasm?: Pick<WasmFeatures, 'simd' | 'threads' | 'threadsCount' | 'binary'>;
  load_ms: number;
}

/**
 * Summarises a loaded backend for readiness probes and logs.
 *
 * @example
 * describeTfBackend(await loadTfBackend());
 * // { choice: 'auto', backend: 'wasm', skipped: [{ name: 'node-gpu', reason: 'not installed' }, ...],
 * //   wasm: { simd: true, threads: false, threadsCount: 1, binary: 'tfjs-backend-wasm-simd.wasm' }, load_ms: 412 }
 */
export function describeTfBackend(loaded: LoadedTfBackend): TfBackendSummary {
  const summary: TfBackendSummary = {
    choice: loaded.choice,
    backend: loaded.backend,
    skipped: loaded.skipped.map((s) => ({ ...s })),
    load_ms: loaded.loadMs,
  };
  if (loaded.wasm) {
    const { simd, threads, threadsCount, binary } = loaded.wasm;
    summary.wasm = { simd, threads, threadsCount, binary };
  }
  return summary;
}
