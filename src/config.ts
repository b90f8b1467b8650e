/**
 * Service configuration: typed options with defaults, read from the
 * environment (CONTRACT.md, "Configuration") and validated once, with one
 * uniform message per bad value.
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { createError } from './errors.js';

export const TF_BACKENDS = ['auto', 'node-gpu', 'node', 'wasm', 'cpu', 'off'] as const;
export type TfBackendChoice = (typeof TF_BACKENDS)[number];
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  poolSize: number;
  /** Largest request body accepted, in bytes, after gzip decoding too. */
  bodyLimit: number;
  /** Queued tasks per worker before new batches get 503 + Retry-After. */
  queuePerWorker: number;
  /** A worker task that runs longer is abandoned with DRIFTGAUGE_ERR_TASK_TIMEOUT. */
  taskTimeoutMs: number;
  tfBackend: TfBackendChoice;
  logLevel: LogLevel;
  /** Window size when a model has no monitor yet. */
  defaultWindowMs: number;
}

export type Env = Record<string, string | undefined>;

function bad(name: string, rule: string, value: string): never {
  throw createError('DRIFTGAUGE_ERR_CONFIG', name, rule, value);
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min || v > max) bad(name, `must be an integer from ${min} to ${max}`, raw);
  return v;
}

const UNITS: Record<string, number> = { '': 1, b: 1, kb: 1e3, kib: 1024, mb: 1e6, mib: 2 ** 20, gb: 1e9, gib: 2 ** 30 };

/** "64MiB", "10mb", "1048576" → bytes. */
export function parseBytes(raw: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(raw);
  if (!m) return null;
  const unit = UNITS[m[2].toLowerCase()];
  if (unit === undefined) return null;
  return Math.floor(Number(m[1]) * unit);
}

function choice<T extends string>(env: Env, name: string, options: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!options.includes(raw as T)) bad(name, `must be one of ${options.join(', ')}`, raw);
  return raw as T;
}

export function loadConfig(env: Env = process.env): Config {
  const bodyRaw = env.DRIFTGAUGE_BODY_LIMIT;
  let bodyLimit = 64 * 2 ** 20;
  if (bodyRaw !== undefined && bodyRaw !== '') {
    const v = parseBytes(bodyRaw);
    if (v === null || v < 1024 || v > 2 ** 31) bad('DRIFTGAUGE_BODY_LIMIT', 'must be a size from 1KiB to 2GiB, like 64MiB', bodyRaw);
    bodyLimit = v;
  }
  return {
    port: integer(env, 'DRIFTGAUGE_PORT', 8080, 0, 65535),
    host: env.DRIFTGAUGE_HOST || '0.0.0.0',
    dataDir: resolve(env.DRIFTGAUGE_DATA_DIR || './data'),
    poolSize: integer(env, 'DRIFTGAUGE_POOL_SIZE', availableParallelism(), 1, 256),
    bodyLimit,
    queuePerWorker: integer(env, 'DRIFTGAUGE_QUEUE_PER_WORKER', 16, 1, 10_000),
    taskTimeoutMs: integer(env, 'DRIFTGAUGE_TASK_TIMEOUT_MS', 30_000, 100, 3_600_000),
    tfBackend: choice(env, 'DRIFTGAUGE_TF_BACKEND', TF_BACKENDS, 'auto'),
    logLevel: choice(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    defaultWindowMs: 3_600_000,
  };
}
