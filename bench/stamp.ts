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
 * Finds where each body's stamped value sits: the one float of `width`
 * bytes, at a multiple of `width` (Arrow aligns every buffer to 8 bytes),
 * where the body differs from its twin, the same batch built with another
 * value at the stamped place. Searching for the value's bytes instead fails
 * for float32 bodies: among 500,000 float32 values the same one often
 * recurs.
 *
 * @param bodies the bodies to be stamped
 * @param twins per body, the same body with another value at the stamped place
 * @throws Error when a body and its twin differ in length, nowhere, or beyond one aligned float
 */
export function findStamp(bodies: Uint8Array[], twins: Uint8Array[], width: 4 | 8): BodyStamp {
  if (twins.length !== bodies.length) throw new Error(`${bodies.length} bodies, ${twins.length} twins`);
  const at = bodies.map((body, i) => {
    const twin = twins[i];
    if (twin.length !== body.length) throw new Error(`body ${i} and its twin differ in length`);
    let first = -1;
    let last = -1;
    for (let j = 0; j < body.length; j++) {
      if (body[j] === twin[j]) continue;
      if (first < 0) first = j;
      last = j;
    }
    const start = first - (first % width);
    if (first < 0 || last >= start + width) throw new Error(`body ${i} and its twin do not differ in exactly one aligned ${width}-byte value`);
    return start;
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
