/**
 * One value per request body rewritten before each send, so that every batch
 * the load generator posts is distinct, as in production, while it cycles a
 * few prebuilt bodies.
 *
 * Why it matters: a window's row sample (src/sketches/row-sample.ts) draws
 * each row's priority from a hash of its batch's content, so a batch posted
 * again carries the same priorities, and a worker's delta keeps the rows
 * below the window's k-th smallest priority seen so far. Cycling 32 bodies
 * unchanged, every delta kept ~k/32 sample rows (~300 of k = 10,000, ~62 KB)
 * for ever; new batches keep ~k/j for the j-th, a few rows after a few
 * thousand batches. The stamped value is the first row of the first
 * feature, which the batch's hash reads (`batchSeed`); it moves within
 * [-1, 1), where that feature's values lie anyway. (A body still being
 * written on another connection may take the new value mid-write: the
 * server then sees some other float there, which changes nothing measured.)
 */

/** Where the stamped value sits in each body, and its width. */
export interface BodyStamp {
  /** Per body, the byte offset of the value to rewrite (a float of `width` bytes, little-endian). */
  at: number[];
  width: 4 | 8;
}

/**
 * Finds `value` (as a little-endian float of `width` bytes) in each body:
 * the value the generator put at the first row of the stamped column.
 *
 * @throws Error when a body does not hold it exactly once
 */
export function findStamp(bodies: Uint8Array[], values: number[], width: 4 | 8): BodyStamp {
  const at = bodies.map((body, i) => {
    const pattern = Buffer.alloc(width);
    if (width === 8) pattern.writeDoubleLE(values[i]);
    else pattern.writeFloatLE(values[i]);
    const b = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    const first = b.indexOf(pattern);
    if (first < 0 || b.indexOf(pattern, first + 1) >= 0) throw new Error(`body ${i} does not hold its stamp value exactly once`);
    return first;
  });
  return { at, width };
}

/**
 * Rewrites body `index`'s stamped value in `buffer` (the body itself, or a
 * request with `head` bytes before it) for the `sent`-th request: a
 * different value in [-1, 1) for every send (an irrational rotation).
 */
export function stampBody(stamp: BodyStamp, index: number, buffer: Buffer, head: number, sent: number): void {
  const value = ((sent * 0.6180339887498949) % 1) * 2 - 1;
  const at = head + stamp.at[index];
  if (stamp.width === 8) buffer.writeDoubleLE(value, at);
  else buffer.writeFloatLE(value, at);
}
