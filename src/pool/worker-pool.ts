/**
 * The service's worker pool: piscina with a bounded queue, task timeouts,
 * and errors rebuilt from the catalogue.
 *
 *   request handler                         piscina worker
 *   ───────────────                         ──────────────
 *   body Buffer ──move (transferList)──▶   owns the bytes, decodes Arrow,
 *                                           profiles the batch
 *   catalogued error ◀── {error:{code,message}} ─┤
 *   result ◀────────────── {ok: result} ─────────┘
 *
 *   background task   → waits here until a worker is idle (or AGE request tasks went first),
 *                       so a request never queues behind housekeeping
 *   queue full        → DRIFTGAUGE_ERR_OVERLOADED (503 + Retry-After)
 *   past the timeout  → the worker is stopped and replaced; DRIFTGAUGE_ERR_TASK_TIMEOUT
 *   worker dies       → piscina replaces it; this request gets DRIFTGAUGE_ERR_WORKER_CRASHED
 */
import { Piscina } from 'piscina';
import { createError, DriftgaugeError, fromWire, type WireError } from '../errors.js';
import { ownBuffer } from '../own-buffer.js';
import { type Barrier, createBarrier } from './barrier.js';

/** Request tasks that may start before a waiting background task. */
export const AGE = 8;

export interface WorkerPoolOptions {
  filename: string;
  size: number;
  /** Tasks waiting beyond the running ones before run() refuses with 503. */
  maxQueue: number;
  taskTimeoutMs: number;
  /** Data every worker gets once at start (piscina workerData). */
  workerData?: unknown;
  /**
   * How an idle worker waits for its next task (piscina `atomics`): `sync`
   * (the default) blocks its event loop, so nothing asynchronous runs between
   * tasks; `async` lets it run: needed when workers export their own spans.
   */
  atomics?: 'sync' | 'async' | 'disabled';
  /**
   * How long `close()` waits at most for workers still loading their task
   * module (default `LOAD_WAIT_MS`).
   */
  loadWaitMs?: number;
}

/**
 * `close()` waits this long at most for workers still loading their task
 * module before it stops them: node 20 aborts the whole process when a
 * worker is terminated while its ES module graph is being instantiated
 * ("FATAL ERROR: v8::Module::IsGraphAsync must be used on an instantiated
 * module": once in 41 pools closed 0–600 ms after they were made, and once
 * in CI). A worker that loads longer than this is stopped anyway.
 */
export const LOAD_WAIT_MS = 10_000;

export type TaskResult<T> = { ok: T; error?: undefined } | { error: WireError; ok?: undefined };

export interface PoolStats {
  threads: number;
  queued: number;
  running: number;
  /**
   * Share of the workers busy (0..1), time-weighted over the last few
   * seconds (an exponential average with a `UTILIZATION_TAU_MS` time
   * constant): 1 when every worker has had a task all along.
   */
  utilization: number;
  completed: number;
}

/**
 * Time constant of `PoolStats.utilization`. (piscina's own `utilization`
 * divides its run-time histogram's nanoseconds as if microseconds, so it
 * reads ~1,000 times too small: it is not used.)
 */
export const UTILIZATION_TAU_MS = 5_000;

export class WorkerPool {
  #pool: Piscina;
  #opts: WorkerPoolOptions;
  #running = 0;
  #closed = false;
  /** Background tasks waiting for their turn, oldest first. */
  #waiting: (() => void)[] = [];
  /** Request tasks started while a background task waited. */
  #passed = 0;
  /** The utilization average, the busy share since `#busyAt`, and when it last changed. */
  #busyAverage = 0;
  #busyShare = 0;
  #busyAt = performance.now();
  /** The one `close()` in progress or done: a second call waits for the same. */
  #closing: Promise<void> | undefined;
  /** Threads that have loaded their task module (see `#watchLoading`). */
  #loaded = new Set<number>();

  constructor(opts: WorkerPoolOptions) {
    this.#opts = opts;
    this.#pool = new Piscina({
      filename: opts.filename,
      minThreads: opts.size,
      maxThreads: opts.size,
      maxQueue: opts.maxQueue,
      idleTimeout: Number.POSITIVE_INFINITY,
      workerData: opts.workerData,
      ...(opts.atomics === undefined ? {} : { atomics: opts.atomics }),
    });
    // A worker that dies is replaced by piscina; its task is rejected (below). Nothing to do here
    // but keep the 'error' event from becoming an uncaught exception.
    this.#pool.on('error', () => {});
    this.#watchLoading();
  }

  /**
   * Marks each thread once it has loaded its task module. A worker posts
   * nothing before that (piscina's own first message says its module is
   * loaded; the task module's own messages come after its evaluation), so
   * the first message of each of the pool's first threads marks it. Piscina
   * tells of a replacement thread (`workerCreate`) only once it has loaded;
   * of its first threads it tells at once, so those events mark nothing.
   */
  #watchLoading(): void {
    const first = new Set<number>();
    for (const worker of this.#pool.threads) {
      first.add(worker.threadId);
      worker.once('message', () => this.#loaded.add(worker.threadId));
    }
    this.#pool.on('workerCreate', (created: { id: number }) => {
      if (!first.has(created.id)) this.#loaded.add(created.id);
    });
  }

  /**
   * Resolves once every thread has loaded its task module or exited, or `ms`
   * passed. Looks again after each round: a thread that dies meanwhile is
   * replaced by a new one, itself loading.
   */
  async #threadsLoaded(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    let late = false;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        late = true;
        resolve();
      }, ms);
    });
    for (;;) {
      const loading = this.#pool.threads.filter((w) => !this.#loaded.has(w.threadId) && w.threadId >= 0);
      if (loading.length === 0 || late) break;
      const each = loading.map(
        (worker) =>
          new Promise<void>((resolve) => {
            worker.once('message', () => resolve());
            worker.once('exit', () => resolve());
          }),
      );
      await Promise.race([Promise.all(each), deadline]);
    }
    clearTimeout(timer);
  }

  /**
   * Runs a task; buffers in `transfer` are moved to the worker, not copied.
   * A `background` task (an object) waits behind the tasks of requests.
   */
  async run<T>(task: unknown, transfer: ArrayBuffer[] = [], options: { background?: boolean } = {}): Promise<T> {
    if (this.#closed) throw createError('DRIFTGAUGE_ERR_SHUTTING_DOWN');
    if (options.background) {
      // #release counts this task as running when it lets it go.
      await this.#backgroundTurn();
      if (this.#closed) {
        this.#setRunning(-1);
        this.#release();
        throw createError('DRIFTGAUGE_ERR_SHUTTING_DOWN');
      }
    } else {
      if (this.#pool.queueSize >= this.#opts.maxQueue) throw this.#overloaded();
      if (this.#waiting.length > 0) this.#passed++;
      this.#setRunning(1);
    }
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.#opts.taskTimeoutMs);
    try {
      const result = (await this.#pool.run(task, { transferList: transfer, signal: abort.signal })) as TaskResult<T>;
      if (result.error) throw fromWire(result.error);
      return result.ok as T;
    } catch (err) {
      if (err instanceof DriftgaugeError) throw err;
      const e = err as Error;
      if (abort.signal.aborted || e.name === 'AbortError') throw createError('DRIFTGAUGE_ERR_TASK_TIMEOUT', this.#opts.taskTimeoutMs);
      if (/queue is at limit/i.test(e.message)) throw this.#overloaded();
      throw createError('DRIFTGAUGE_ERR_WORKER_CRASHED', e.message);
    } finally {
      clearTimeout(timer);
      this.#setRunning(-1);
      this.#release();
    }
  }

  /** Resolves when a background task may start: a worker is idle, or AGE request tasks went first. */
  #backgroundTurn(): Promise<void> {
    if (this.#waiting.length === 0 && this.#running < this.#opts.size) {
      this.#setRunning(1);
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  /** Lets the next waiting background task go when its turn has come. */
  #release(): void {
    if (this.#waiting.length === 0) return;
    if (this.#closed || this.#running < this.#opts.size || this.#passed >= AGE) {
      this.#passed = 0;
      this.#setRunning(1);
      this.#waiting.shift()?.();
    }
  }

  /** Changes the count of tasks given to workers (queued in piscina included), folding the time since the last change into the average. */
  #setRunning(delta: number): void {
    this.#utilizationNow();
    this.#running += delta;
    this.#busyShare = Math.min(this.#running, this.#opts.size) / this.#opts.size;
  }

  /** The utilization average brought up to now. */
  #utilizationNow(): number {
    const now = performance.now();
    const keep = Math.exp(-(now - this.#busyAt) / UTILIZATION_TAU_MS);
    this.#busyAverage = this.#busyAverage * keep + this.#busyShare * (1 - keep);
    this.#busyAt = now;
    return this.#busyAverage;
  }

  #overloaded(): DriftgaugeError {
    const retryAfter = Math.max(1, Math.ceil(this.#pool.queueSize / Math.max(1, this.#opts.size)));
    return Object.assign(createError('DRIFTGAUGE_ERR_OVERLOADED', this.#pool.queueSize, retryAfter), { retryAfter });
  }

  stats(): PoolStats {
    return {
      threads: this.#pool.threads.length,
      queued: this.#pool.queueSize,
      running: this.#running,
      utilization: this.#utilizationNow(),
      completed: this.#pool.completed,
    };
  }

  get size(): number {
    return this.#opts.size;
  }

  /**
   * Runs one task on every worker thread (`task` gets the barrier its worker
   * must arrive at first: barrier.ts): work that belongs to each thread, such
   * as flushing its own span exporter before the pool stops.
   */
  async runOnEveryWorker<T>(task: (barrier: Barrier) => object): Promise<T[]> {
    const barrier = createBarrier(this.#opts.size);
    return Promise.all(Array.from({ length: this.#opts.size }, () => this.run<T>(task(barrier))));
  }

  /**
   * Takes no new tasks, lets queued and running ones finish, then stops the
   * threads: once each has loaded its task module (`LOAD_WAIT_MS`).
   */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    // Not derived from #closing: this runs (up to its first await) before close() assigns it, and #release reads #closed.
    this.#closed = true;
    // Waiting background tasks see the pool closed and give up.
    while (this.#waiting.length > 0) this.#release();
    await this.#threadsLoaded(this.#opts.loadWaitMs ?? LOAD_WAIT_MS);
    await this.#pool.close();
  }
}

/**
 * The ArrayBuffer to move for `bytes` when it owns its whole buffer; small
 * Buffers share Node's allocation pool and must be copied instead.
 */
export function movableBytes(bytes: Uint8Array): { bytes: Uint8Array; transfer: ArrayBuffer[] } {
  const buf = ownBuffer(bytes);
  if (buf) return { bytes, transfer: [buf] };
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return { bytes: copy, transfer: [copy.buffer] };
}
