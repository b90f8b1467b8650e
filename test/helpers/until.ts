/** Polls `fn` every 250 ms until it returns a value, at most `ms`; the error names `what`, the last error and `context()`. */
export async function until<T>(what: string, fn: () => Promise<T | undefined> | T | undefined, ms: number, context: () => string = () => ''): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}: ${String(last ?? 'no result')}\n${context()}`);
}
