/**
 * The ArrayBuffer a view spans whole, so that moving it to another thread
 * moves exactly the view's bytes; null for a view on part of a buffer (moving
 * it would detach its neighbours: Node's small-Buffer pool, a slice) or on
 * shared memory (which is shared, not moved).
 *
 * @example
 * ownBuffer(new Uint8Array(8)); // its buffer
 * ownBuffer(new Uint8Array(8).subarray(1)); // null
 */
export function ownBuffer(bytes: ArrayBufferView): ArrayBuffer | null {
  const buf = bytes.buffer;
  return buf instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buf.byteLength ? buf : null;
}
