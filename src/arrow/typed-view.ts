/**
 * Typed views on the buffers apache-arrow hands out, checked against the
 * element count a column needs. apache-arrow slices buffers with `subarray`,
 * which silently clamps, so a corrupt file can yield a buffer shorter than
 * its column; reading past it would give `undefined`, not an error.
 */

/** Reports a malformed column; must throw. */
export type Fail = (why: string) => never;

interface TypedArrayConstructor<T> {
  readonly BYTES_PER_ELEMENT: number;
  new (length: number): T;
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): T;
}

/**
 * `count` elements of type `Ctor` starting at element `start` of `buffer`:
 * a view when aligned, a copy otherwise. Fails when `buffer` is too short.
 */
export function viewOf<T>(
  Ctor: TypedArrayConstructor<T>,
  buffer: ArrayBufferView | null | undefined,
  start: number,
  count: number,
  what: string,
  fail: Fail,
): T {
  const size = Ctor.BYTES_PER_ELEMENT;
  const have = buffer?.byteLength ?? 0;
  if ((start + count) * size > have) fail(`${what} holds ${have} bytes where ${(start + count) * size} are needed`);
  if (!buffer || count === 0) return new Ctor(0);
  const byteOffset = buffer.byteOffset + start * size;
  if (byteOffset % size === 0) return new Ctor(buffer.buffer, byteOffset, count);
  const copy = new Uint8Array(count * size);
  copy.set(new Uint8Array(buffer.buffer, byteOffset, count * size));
  return new Ctor(copy.buffer, 0, count);
}
