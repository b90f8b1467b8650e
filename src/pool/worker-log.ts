/**
 * The log of a piscina worker thread: the same pino JSON lines as the main
 * thread's, on stdout, each written in one synchronous write (so main-thread
 * and worker lines never interleave mid-line), carrying `trace_id` and
 * `span_id` of the task being run.
 *
 *   main thread: new WorkerPool({ workerData: { logLevel: 'info' } })
 *   worker:      const log = createWorkerLogger(workerData)
 *                runInCarrierContext(task.trace, ...) ─▶ log.debug(...)   // {"trace_id": <the request's>, ...}
 *
 * The ids come from the context the task's carrier restored: this module
 * registers an AsyncLocalStorage context manager in the thread (unless
 * tracing already did), so the active span is known inside the task, also
 * across its awaits.
 */
import { threadId } from 'node:worker_threads';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { type DestinationStream, type Logger, pino } from 'pino';
import { LOG_LEVELS, type LogLevel } from '../config.js';
import { traceFields } from '../telemetry/log-fields.js';

/** What the main thread tells its workers about logging (part of piscina's workerData). */
export interface WorkerLogSettings {
  /** pino level; 'silent' (the default) writes nothing */
  logLevel?: string;
}

let contextManager: AsyncLocalStorageContextManager | null = null;

/** Makes the active OTel context follow async work in this thread; idempotent, and a no-op when tracing registered one. */
function ensureContextManager(): void {
  if (contextManager) return;
  const candidate = new AsyncLocalStorageContextManager();
  if (context.setGlobalContextManager(candidate.enable())) contextManager = candidate;
  else candidate.disable();
}

function levelOf(settings: WorkerLogSettings | undefined): LogLevel {
  const level = settings?.logLevel;
  return LOG_LEVELS.includes(level as LogLevel) ? (level as LogLevel) : 'silent';
}

/**
 * The worker thread's logger.
 *
 * @param settings the pool's workerData (an unknown level means silent)
 * @param destination where lines go (default: stdout, synchronous writes)
 * @example
 * const log = createWorkerLogger(workerData as WorkerLogSettings);
 * log.warn({ task: 'batch', code }, 'task failed');
 */
export function createWorkerLogger(settings: WorkerLogSettings | undefined, destination?: DestinationStream): Logger {
  const level = levelOf(settings);
  if (level !== 'silent') ensureContextManager();
  return pino(
    { level, base: { pid: process.pid, thread: threadId, component: 'worker' }, mixin: traceFields },
    destination ?? pino.destination({ fd: 1, sync: true }),
  );
}

/**
 * Logs how a worker task ended — `warn` with the error's code when it
 * answered `{error}`, `debug` with its duration otherwise — and returns its
 * result unchanged (awaiting it when it is a promise). Call it inside the
 * task's span, so the line carries the task's trace ids.
 *
 * @example
 * return logTaskOutcome(log, task.kind, process.hrtime.bigint(), runTask(task));
 */
export function logTaskOutcome<T>(log: Logger, kind: string, started: bigint, result: T): T {
  if (result instanceof Promise) return result.then((r) => logTaskOutcome(log, kind, started, r)) as T;
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const error = (result as { error?: { code?: string; message?: string } } | null)?.error;
  if (error) log.warn({ task: kind, code: error.code, ms }, `${kind} task failed: ${error.message ?? error.code}`);
  else log.debug({ task: kind, ms }, `${kind} task done`);
  return result;
}
