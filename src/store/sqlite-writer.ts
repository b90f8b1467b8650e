/**
 * The main thread's side of the store's writer thread
 * (sqlite-writer-thread.ts): started on the first job, referenced only while
 * jobs are in flight (an idle store never keeps the process alive), closed
 * after the jobs sent before `close()` have committed. Errors come back as
 * `{code, message}` and are rebuilt from the catalogue.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createError, fromWire, type WireError } from '../errors.js';
import type { AppendArgs, CompactArgs } from './store.js';

/** What the thread needs to open its connection. */
export interface WriterData {
  file: string;
  synchronous: 'FULL' | 'NORMAL';
  busyTimeoutMs: number;
}

/** A job for the thread. */
export type WriterJob =
  | { op: 'append'; args: AppendArgs }
  | { op: 'compact'; args: CompactArgs }
  | { op: 'read'; args: { model: string; windowStart: number; seq?: number } };

/** A message to the thread. */
export type WriterRequest = { id: number; job: WriterJob } | { id: number; close: true };

/** A message from the thread. */
export type WriterReply = { id: number; ok: unknown; error?: undefined } | { id: number; error: WireError; ok?: undefined };

/** What each job does, for error messages. */
export const WRITER_OPS = { append: 'append a batch', compact: 'compact a window', read: 'read a window' } as const;

interface Waiting {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** The compiled thread entry, next to this file (or, from the TypeScript sources under vitest, in dist/). */
function threadPath(): string {
  const here = fileURLToPath(import.meta.url);
  const path = here.endsWith('.js')
    ? fileURLToPath(new URL('./sqlite-writer-thread.js', import.meta.url))
    : fileURLToPath(new URL('../../dist/src/store/sqlite-writer-thread.js', import.meta.url));
  if (!existsSync(path)) throw createError('DRIFTGAUGE_ERR_INTERNAL', `the store's writer thread ${path} is missing: run npm run build`);
  return path;
}

/** Runs writer jobs on the thread; one instance per store. */
export class SqliteWriter {
  readonly #data: WriterData;
  #worker: Worker | null = null;
  #waiting = new Map<number, Waiting>();
  #next = 1;
  #closed = false;

  constructor(data: WriterData) {
    this.#data = data;
  }

  /** Sends `job` (moving `transfer`); settles after the commit holding it. */
  run<R>(job: WriterJob, transfer: ArrayBuffer[] = []): Promise<R> {
    if (this.#closed) return Promise.reject(createError('DRIFTGAUGE_ERR_STORE_CLOSED', WRITER_OPS[job.op]));
    const worker = this.#start();
    const id = this.#next++;
    return new Promise<R>((resolve, reject) => {
      this.#waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.ref();
      worker.postMessage({ id, job } satisfies WriterRequest, transfer);
    });
  }

  /** Commits what was sent, closes the thread's connection and stops the thread. */
  async close(): Promise<void> {
    this.#closed = true;
    const worker = this.#worker;
    if (!worker) return;
    const id = this.#next++;
    await new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, close: true } satisfies WriterRequest);
    }).catch(() => {});
    this.#worker = null;
    await worker.terminate();
  }

  #start(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(threadPath(), { workerData: this.#data });
    worker.unref();
    worker.on('message', (reply: WriterReply) => {
      const waiting = this.#waiting.get(reply.id);
      if (!waiting) return;
      this.#waiting.delete(reply.id);
      if (this.#waiting.size === 0) worker.unref();
      if (reply.error) waiting.reject(fromWire(reply.error));
      else waiting.resolve(reply.ok);
    });
    const fail = (reason: string) => {
      if (this.#worker === worker) this.#worker = null;
      const error = createError('DRIFTGAUGE_ERR_STORE_IO', 'write', `the writer thread stopped (${reason})`);
      for (const waiting of this.#waiting.values()) waiting.reject(error);
      this.#waiting.clear();
    };
    worker.on('error', (err) => fail(err.message));
    worker.on('exit', (code) => fail(`exit code ${code}`));
    this.#worker = worker;
    return worker;
  }
}
