/**
 * WebAssembly feature probes (the byte sequences are
 * GoogleChromeLabs/wasm-feature-detect's, as tfjs-backend-wasm uses them).
 */

/** lib ES2022 without DOM does not declare the WebAssembly global; Node has it. */
const wasmApi = (globalThis as unknown as { WebAssembly: { validate(bytes: Uint8Array): boolean } }).WebAssembly;

/** A module whose one function uses a SIMD instruction (v128.const / i8x16.splat). */
const SIMD_PROBE = Uint8Array.of(0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 9, 1, 7, 0, 65, 0, 253, 15, 26, 11);

/** A module with shared memory and an atomic instruction. */
const THREADS_PROBE = Uint8Array.of(
  0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 5, 4, 1, 3, 1, 1, 10, 11, 1, 9, 0, 65, 0, 254, 16, 2, 0, 26, 11,
);

/** Whether this runtime validates WebAssembly SIMD. */
export function wasmSimdSupported(): boolean {
  try {
    return wasmApi.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

/** Whether this runtime has SharedArrayBuffer and validates WebAssembly threads (atomics on shared memory). */
export function wasmThreadsSupported(): boolean {
  try {
    return typeof SharedArrayBuffer === 'function' && wasmApi.validate(THREADS_PROBE);
  } catch {
    return false;
  }
}

/** The binary tfjs-backend-wasm picks for these features. */
export function wasmBinaryName(simd: boolean, threads: boolean): string {
  if (simd && threads) return 'tfjs-backend-wasm-threaded-simd.wasm';
  return simd ? 'tfjs-backend-wasm-simd.wasm' : 'tfjs-backend-wasm.wasm';
}
