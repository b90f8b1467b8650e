/**
 * What the store keeps for one window: the window's sketches, one per
 * reference profile they were sketched against, and — while a model has no
 * reference yet — the raw Arrow batches that arrived (bounded), to be
 * sketched once a reference exists.
 *
 * Replacing a reference therefore never discards acknowledged data: batches
 * folded under the old profile stay in that profile's sketch (reported as
 * `rows_other_reference` by comparisons), and new batches start a sketch for
 * the new profile in the same window.
 *
 * The store keeps a window as a compacted blob plus appended deltas (one
 * blob per batch, holding that batch's sketch): a window's data is every
 * entry of all of them, and sketches of one profile merge.
 *
 * Layout (little-endian): "DGW1", u32 entry count, then per entry:
 * u8 kind (1 = sketch, 2 = pending Arrow batch), u16 id length, id (UTF-8),
 * f64 rowsFrom, f64 rowsTo (pending: the window's time range to keep), u32
 * byte length, bytes. Zero bytes are the empty blob (a window whose
 * compacted sketch was never written).
 */
export interface PendingBatch {
  batchId: string;
  /** Keep rows with timestamp in [from, to) when the batch is sketched. */
  from: number;
  to: number;
  bytes: Uint8Array;
}

export interface WindowBlob {
  /** Serialized window sketches by reference profile id. */
  sketches: Map<string, Uint8Array>;
  pending: PendingBatch[];
}

const MAGIC = 0x31574744; // "DGW1" read as little-endian u32

export function emptyBlob(): WindowBlob {
  return { sketches: new Map(), pending: [] };
}

export function pendingBytes(blob: WindowBlob): number {
  return blob.pending.reduce((n, p) => n + p.bytes.byteLength, 0);
}

export function encodeWindowBlob(blob: WindowBlob): Uint8Array {
  const enc = new TextEncoder();
  const entries: { kind: number; id: Uint8Array; from: number; to: number; bytes: Uint8Array }[] = [];
  for (const [id, bytes] of blob.sketches) entries.push({ kind: 1, id: enc.encode(id), from: 0, to: 0, bytes });
  for (const p of blob.pending) entries.push({ kind: 2, id: enc.encode(p.batchId), from: p.from, to: p.to, bytes: p.bytes });
  const size = 8 + entries.reduce((n, e) => n + 1 + 2 + e.id.length + 16 + 4 + e.bytes.byteLength, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, entries.length, true);
  let at = 8;
  for (const e of entries) {
    view.setUint8(at, e.kind);
    view.setUint16(at + 1, e.id.length, true);
    out.set(e.id, at + 3);
    at += 3 + e.id.length;
    view.setFloat64(at, e.from, true);
    view.setFloat64(at + 8, e.to, true);
    view.setUint32(at + 16, e.bytes.byteLength, true);
    out.set(e.bytes, at + 20);
    at += 20 + e.bytes.byteLength;
  }
  return out;
}

/**
 * The blob of one sketch entry (a batch's delta), built around the sketch's
 * own bytes: `serialize(prefix)` returns them after `prefix` free bytes,
 * which take this blob's header. The same bytes as `encodeWindowBlob` with
 * that one sketch, without a second megabyte-sized copy per batch.
 *
 * @param profileId the profile the sketch belongs to
 * @param serialize the sketch's encoder (window-codec.ts `serializeWindow(w, { prefix })`)
 * @returns the blob
 * @throws RangeError when the id is longer than 65,535 bytes
 * @example
 * encodeSketchBlob(profile.id, (prefix) => serializeWindow(sketch, { prefix }));
 */
export function encodeSketchBlob(profileId: string, serialize: (prefix: number) => Uint8Array): Uint8Array {
  const id = new TextEncoder().encode(profileId);
  if (id.length > 0xffff) throw new RangeError('profile id is too long');
  const prefix = 8 + 3 + id.length + 20;
  const out = serialize(prefix);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, 1, true);
  view.setUint8(8, 1);
  view.setUint16(9, id.length, true);
  out.set(id, 11);
  view.setFloat64(11 + id.length, 0, true);
  view.setFloat64(19 + id.length, 0, true);
  view.setUint32(27 + id.length, out.byteLength - prefix, true);
  return out;
}

/**
 * @param bytes a blob from `encodeWindowBlob` (zero bytes: the empty blob)
 * @param copy true (default): entries own copies of their bytes, a Node Buffer's included; false:
 *   entries are views on `bytes` (for a reader done with them before `bytes` changes, or that moves
 *   `bytes` to a worker with them)
 * @throws RangeError on bytes that are not a window blob (a corrupt store)
 */
export function decodeWindowBlob(bytes: Uint8Array, copy = true): WindowBlob {
  if (bytes.byteLength === 0) return emptyBlob();
  const dec = new TextDecoder();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const need = (at: number, n: number) => {
    if (at + n > bytes.byteLength) throw new RangeError('window blob is truncated');
  };
  need(0, 8);
  if (view.getUint32(0, true) !== MAGIC) throw new RangeError('not a window blob');
  const count = view.getUint32(4, true);
  const blob = emptyBlob();
  let at = 8;
  for (let i = 0; i < count; i++) {
    need(at, 3);
    const kind = view.getUint8(at);
    const idLen = view.getUint16(at + 1, true);
    need(at + 3, idLen + 20);
    const id = dec.decode(bytes.subarray(at + 3, at + 3 + idLen));
    at += 3 + idLen;
    const from = view.getFloat64(at, true);
    const to = view.getFloat64(at + 8, true);
    const len = view.getUint32(at + 16, true);
    need(at + 20, len);
    // Uint8Array's slice copies; a Buffer's own slice() would be a view (Buffer#slice is subarray).
    const body = copy ? Uint8Array.prototype.slice.call(bytes, at + 20, at + 20 + len) : bytes.subarray(at + 20, at + 20 + len);
    at += 20 + len;
    if (kind === 1) blob.sketches.set(id, body);
    else if (kind === 2) blob.pending.push({ batchId: id, from, to, bytes: body });
    else throw new RangeError(`unknown window blob entry kind ${kind}`);
  }
  return blob;
}
