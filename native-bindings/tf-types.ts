/**
 * Types shared by the backend loaders. Type-only imports of TF.js, so that
 * importing these files loads no TF.js code (DRIFTGAUGE_TF_BACKEND=off must
 * load nothing).
 */
import type { TfBackendChoice, TfBackendName } from './backend-choice.js';

/** The tfjs-core namespace, as `import('@tensorflow/tfjs-core')` returns it. */
export type Tf = typeof import('@tensorflow/tfjs-core');

/** A backend that was tried and did not load, and why. */
export interface SkippedBackend {
  name: TfBackendName;
  /** "not installed", "libtensorflow failed to load: ...", "no CUDA device (...)", ... */
  reason: string;
}

/** How the WebAssembly backend runs here. */
export interface WasmFeatures {
  /** WebAssembly SIMD is available and the SIMD binary is used. */
  simd: boolean;
  /** WebAssembly threads are used (never in Node with tfjs-backend-wasm 4.x; see `threadsNote`). */
  threads: boolean;
  /** Why threads are or are not used. */
  threadsNote: string;
  /** Threads XNNPACK runs on (1 without WebAssembly threads). */
  threadsCount: number;
  /** The .wasm binary loaded. */
  binary: string;
  /** The directory it was loaded from (the package's dist/ in node_modules). */
  dir: string;
}

/** What {@link loadTfBackend} found: the backend in use and why faster ones were skipped. */
export interface LoadedTfBackend {
  /** What was asked for. */
  choice: TfBackendChoice;
  /** The backend in use; `null` when `off`, or when `auto` found none. */
  backend: TfBackendName | null;
  /** TF.js's own name for it (`tensorflow`, `wasm`, `cpu`), as `tf.getBackend()` says. */
  tfBackend: string | null;
  /** tfjs-core with that backend active; `null` when there is no backend. */
  tf: Tf | null;
  /** Backends tried before the one in use (for `auto`, in AUTO_ORDER), with the reason each was skipped. */
  skipped: SkippedBackend[];
  /** Present when the backend is `wasm`. */
  wasm?: WasmFeatures;
  /** Time spent loading, in milliseconds. */
  loadMs: number;
}

/** One loader's outcome. */
export type BackendAttempt =
  | { ok: true; tfBackend: string; wasm?: WasmFeatures }
  | { ok: false; reason: string };
