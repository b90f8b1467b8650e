/**
 * `driftgauge doctor`: what this machine gives driftgauge. The runtime,
 * cores, the worker pool size, the TF.js backend chosen (and why each faster
 * one was skipped), how the wasm backend runs, and which kernels run by
 * default. A forced backend that cannot load is printed and then thrown, so
 * the command exits 1 with the catalogued error, as the service would at
 * startup.
 */
import { availableParallelism } from 'node:os';
import { parseBackendChoice } from '../../native-bindings/backend-choice.js';
import { loadTfBackend } from '../../native-bindings/load-backend.js';
import type { LoadedTfBackend } from '../../native-bindings/tf-types.js';
import { DriftgaugeError, toWire } from '../errors.js';
import { KERNEL_DEFAULTS } from '../kernels/kernel-defaults.js';

export const DOCTOR_USAGE = 'usage: driftgauge doctor';

/** What `driftgauge doctor` found. */
export interface DoctorInfo {
  node: string;
  platform: string;
  arch: string;
  cores: number;
  pool: { size: number; source: string };
  tfBackendEnv: string | undefined;
  tf: LoadedTfBackend | null;
  tfError: DriftgaugeError | null;
}

function poolSize(raw: string | undefined, cores: number): { size: number; source: string } {
  if (raw === undefined || raw.trim() === '') return { size: cores, source: 'DRIFTGAUGE_POOL_SIZE unset: one worker per core' };
  const n = Number(raw);
  if (Number.isInteger(n) && n > 0) return { size: n, source: 'DRIFTGAUGE_POOL_SIZE' };
  return { size: cores, source: `DRIFTGAUGE_POOL_SIZE='${raw}' is not a positive integer: one worker per core` };
}

/** Gathers the facts (no output). */
export async function collectDoctorInfo(env: NodeJS.ProcessEnv = process.env): Promise<DoctorInfo> {
  const cores = availableParallelism();
  let tf: LoadedTfBackend | null = null;
  let tfError: DriftgaugeError | null = null;
  try {
    tf = await loadTfBackend(parseBackendChoice(env.DRIFTGAUGE_TF_BACKEND));
  } catch (err) {
    if (!(err instanceof DriftgaugeError)) throw err;
    tfError = err;
  }
  return {
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    cores,
    pool: poolSize(env.DRIFTGAUGE_POOL_SIZE, cores),
    tfBackendEnv: env.DRIFTGAUGE_TF_BACKEND,
    tf,
    tfError,
  };
}

function kernelLine(backend: string | null | undefined): string {
  const table = backend ? KERNEL_DEFAULTS[backend] : undefined;
  if (!table) return 'typed arrays (float64) for every kernel';
  const uses = Object.entries(table).map(([op, from]) => `${op} ${Number.isFinite(from) ? `TF.js from ${from.toExponential(0)} values` : 'typed'}`);
  return `${uses.join(', ')} (measured: bench/RESULTS.md); exact mode always typed`;
}

/** The report as text lines. */
export function formatDoctor(info: DoctorInfo): string {
  const pad = (label: string) => `${label}:`.padEnd(13);
  const lines = [
    'driftgauge doctor',
    `${pad('runtime')}node ${info.node} (${info.platform} ${info.arch})`,
    `${pad('cores')}${info.cores}`,
    `${pad('pool size')}${info.pool.size} (${info.pool.source})`,
  ];
  const choice = info.tfBackendEnv ? `DRIFTGAUGE_TF_BACKEND=${info.tfBackendEnv}` : 'DRIFTGAUGE_TF_BACKEND unset: auto';
  if (info.tfError !== null) {
    lines.push(`${pad('TF backend')}cannot load (${choice})`, `${' '.repeat(13)}${info.tfError.code}: ${info.tfError.message}`);
  } else if (info.tf !== null) {
    const tf = info.tf;
    lines.push(`${pad('TF backend')}${tf.backend ?? 'none'} (${choice}; loaded in ${tf.loadMs} ms)`);
    if (tf.wasm) {
      const w = tf.wasm;
      lines.push(`${pad('wasm')}SIMD ${w.simd ? 'yes' : 'no'}, threads ${w.threads ? 'yes' : 'no'} (${w.threadsNote}), ${w.threadsCount} XNNPACK thread(s)`);
      lines.push(`${' '.repeat(13)}${w.dir}${w.binary}`);
    }
    tf.skipped.forEach((s, i) => {
      lines.push(`${i === 0 ? pad('skipped') : ' '.repeat(13)}${s.name}: ${s.reason}`);
    });
    if (tf.choice === 'off') lines.push(`${' '.repeat(13)}TF.js is off: multivariate drift is unavailable`);
    if (tf.skipped.some((s) => s.reason === 'not installed')) {
      lines.push(`${pad('native')}npm install @tensorflow/tfjs-node@4.22.0 (or -gpu) next to driftgauge; auto picks it up`);
    }
  }
  lines.push(`${pad('kernels')}${kernelLine(info.tf?.tfBackend)}`);
  return `${lines.join('\n')}\n`;
}

/**
 * Prints the doctor report to `out`.
 *
 * @throws {DriftgaugeError} DRIFTGAUGE_ERR_TF_BACKEND (after printing) when DRIFTGAUGE_TF_BACKEND forces a backend that cannot load
 */
export async function runDoctor(out: NodeJS.WritableStream = process.stdout): Promise<void> {
  const info = await collectDoctorInfo();
  out.write(formatDoctor(info));
  if (info.tfError !== null) throw info.tfError;
}

/** The facts as plain JSON (for a `--json` flag, or the startup log). */
export function doctorJson(info: DoctorInfo): Record<string, unknown> {
  return {
    runtime: { node: info.node, platform: info.platform, arch: info.arch },
    cores: info.cores,
    pool_size: info.pool.size,
    tf_backend: info.tf ? { choice: info.tf.choice, backend: info.tf.backend, skipped: info.tf.skipped, wasm: info.tf.wasm ?? null } : null,
    error: info.tfError ? toWire(info.tfError) : null,
  };
}
