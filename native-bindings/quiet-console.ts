/**
 * Runs a function with the console silenced and hands back what it tried to
 * print. TF.js prints through `console.warn` / `console.log`: the "install the
 * node backend" banner (tfjs-backend-cpu, on its first tensor write in Node)
 * and "Initialization of backend wasm failed" (tfjs-core, with the cause).
 * The banner must not reach users' output; the failure text becomes the
 * reason a backend was skipped.
 *
 * Anything else that prints through `console` while `fn` runs is swallowed
 * too, so keep `fn` to the loading of TF.js. Streams written directly (pino,
 * process.stdout.write) are untouched.
 */
import { format } from 'node:util';

const METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

/** Result of {@link withQuietConsole}: the value and the lines that were swallowed. */
export interface Quieted<T> {
  value: T;
  printed: string[];
}

/**
 * Calls `fn` with console.log/info/warn/error/debug/trace replaced by a
 * collector, and restores them afterwards (also when `fn` throws).
 */
export async function withQuietConsole<T>(fn: () => Promise<T> | T): Promise<Quieted<T>> {
  const printed: string[] = [];
  const saved = METHODS.map((m) => console[m]);
  for (const m of METHODS) {
    console[m] = (...args: unknown[]) => {
      printed.push(format(...args));
    };
  }
  try {
    return { value: await fn(), printed };
  } finally {
    METHODS.forEach((m, i) => {
      console[m] = saved[i];
    });
  }
}
