/**
 * A `Store` that times every operation of another: the service's store
 * latency (`driftgauge_store_operation_seconds{op}`), measured where the
 * service waits for it, whatever the implementation underneath.
 *
 *   service ─▶ timedStore ─▶ SqliteStore (or a shared store)
 *                 │ hrtime before the call, after it settles (resolved or rejected)
 *                 ▼
 *              onOp('appendBatch', 0.0093)
 *
 * `op` is the method's name: a fixed set of about twenty values, so a label
 * of bounded cardinality. The cost is two `process.hrtime.bigint()` reads
 * and one callback per call; `onOp` runs in the caller's async context (the
 * request's span), so an exemplar of the measurement names the request. A
 * throwing `onOp` is ignored: timing never fails a store call.
 */
import type { Store } from './store.js';

/** The store methods that are timed (every one but `close`), each a value of the `op` label. */
export type StoreOp = Exclude<keyof Store, 'close'>;

/** Called once per settled store call with its wall time in seconds. */
export type StoreOpListener = (op: StoreOp, seconds: number) => void;

// A record, not a list: the compiler refuses it when the Store interface gains a method it lacks.
const TIMED: Record<StoreOp, true> = {
  putModel: true,
  getModel: true,
  listModels: true,
  deleteModel: true,
  putReference: true,
  getReference: true,
  putMonitor: true,
  getMonitor: true,
  listMonitors: true,
  foldBatch: true,
  foldBatchMulti: true,
  appendBatch: true,
  compactWindow: true,
  getWindow: true,
  getWindowInBackground: true,
  listWindowSummaries: true,
  listWindows: true,
  latestWindow: true,
  listBatchTraceparents: true,
  pruneWindows: true,
  addReport: true,
  listReports: true,
  claimJob: true,
  ping: true,
};

/** Every `op` value `timedStore` reports. */
export const STORE_OPS = Object.keys(TIMED) as StoreOp[];

/**
 * `store` with every call but `close` timed and reported to `onOp`. The
 * calls, their arguments, results and errors pass through unchanged.
 * @example
 *   const store = timedStore(openSqliteStore({ dataDir }), (op, s) => telemetry.recordStoreOp(op, s));
 */
export function timedStore(store: Store, onOp: StoreOpListener): Store {
  const timed = { close: () => store.close() } as Store;
  for (const op of STORE_OPS) {
    const call = (store[op] as (...args: unknown[]) => Promise<unknown>).bind(store);
    const report = (started: bigint) => {
      try {
        onOp(op, Number(process.hrtime.bigint() - started) / 1e9);
      } catch {
        // telemetry never fails a store call
      }
    };
    (timed as unknown as Record<string, unknown>)[op] = (...args: unknown[]) => {
      const started = process.hrtime.bigint();
      let pending: Promise<unknown>;
      try {
        pending = call(...args);
      } catch (err) {
        report(started);
        return Promise.reject(err);
      }
      return pending.then(
        (value) => {
          report(started);
          return value;
        },
        (err: unknown) => {
          report(started);
          throw err;
        },
      );
    };
  }
  return timed;
}
