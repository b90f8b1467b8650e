/**
 * The WebAssembly backend (@tensorflow/tfjs-backend-wasm, a dependency).
 *
 * The .wasm binaries are loaded from the package's dist/ directory in
 * node_modules, given to `setWasmPaths` as a file path. tfjs-backend-wasm
 * picks the SIMD binary when the runtime validates SIMD (Node 16.4+ does).
 * It never uses its threaded binary in Node (its WASM_HAS_MULTITHREAD_SUPPORT
 * flag is hard-wired to false there, tensorflow/tfjs#3830), so XNNPACK runs
 * on one thread; driftgauge's parallelism comes from its worker pool, one
 * backend per worker.
 */
import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { importOptional, resolvePackageEntry } from './optional-import.js';
import { withQuietConsole } from './quiet-console.js';
import type { BackendAttempt, Tf, WasmFeatures } from './tf-types.js';
import { wasmBinaryName, wasmThreadsSupported } from './wasm-features.js';

const PACKAGE = '@tensorflow/tfjs-backend-wasm';

interface WasmModule {
  setWasmPaths(prefix: string): void;
  getThreadsCount(): number;
}

function threadsNote(used: boolean): string {
  if (used) return 'WebAssembly threads in use';
  if (wasmThreadsSupported()) {
    return 'not used: this runtime supports WebAssembly threads, but tfjs-backend-wasm does not enable them in Node (tensorflow/tfjs#3830); parallelism comes from the worker pool';
  }
  return 'not used: this runtime does not support WebAssembly threads';
}

/** Loads the wasm backend from node_modules and activates it. */
export async function tryWasm(tf: Tf): Promise<BackendAttempt> {
  const { value, printed } = await withQuietConsole(async () => {
    const imported = await importOptional(PACKAGE);
    if (!imported.ok) return { ok: false as const, reason: imported.missing ? 'not installed' : `failed to load: ${imported.reason}` };
    const wasm = imported.module as unknown as WasmModule;
    const dir = dirname(resolvePackageEntry(PACKAGE)) + sep;
    const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
    const threads = (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) === true;
    const binary = wasmBinaryName(simd, threads);
    if (!existsSync(join(dir, binary))) return { ok: false as const, reason: `${binary} not found in ${dir}` };
    if (tf.findBackend('wasm') === null) wasm.setWasmPaths(dir);
    if (!(await tf.setBackend('wasm'))) return { ok: false as const, reason: '' };
    const features: WasmFeatures = { simd, threads, threadsNote: threadsNote(threads), threadsCount: wasm.getThreadsCount(), binary, dir };
    return { ok: true as const, features };
  });
  if (!value.ok) {
    const why = value.reason || printed.join(' ').replace(/\s+/g, ' ').trim() || 'initialisation failed';
    return { ok: false, reason: why };
  }
  return { ok: true, tfBackend: 'wasm', wasm: value.features };
}
