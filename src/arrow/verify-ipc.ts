/**
 * Checks the framing of Arrow IPC bytes before apache-arrow reads them, and
 * tells "not Arrow" from "Arrow cut short". apache-arrow alone cannot: a
 * stream cut inside a length prefix reads as a clean end of stream (a smaller
 * table, silently), and a corrupt length can make it loop or allocate
 * without bound.
 *
 * ```
 * stream: [0xFFFFFFFF][int32 n][metadata: n bytes][body] ... [0xFFFFFFFF][0x00000000]
 *         (pre-0.15 writers omit the 0xFFFFFFFF; the end-of-stream marker is optional)
 * file:   "ARROW1\0\0" [stream messages] [footer flatbuffer][int32 footer length] "ARROW1"
 *         (readers go through the footer's blocks, so only those messages are checked)
 * ```
 *
 * A stream cut exactly between two messages is indistinguishable from one
 * written without the end-of-stream marker, and is accepted.
 */
import { createError } from '../errors.js';
import { type BatchLayout, type MessageInfo, type SchemaShape, type VerifyFailures, verifyFooter, verifyMessage } from './verify-message.js';

/** The two Arrow IPC formats. */
export type IpcFormat = 'file' | 'stream';

/** A verified record batch and where its body starts in the bytes. */
export interface PlacedBatch extends BatchLayout {
  body: number;
}

/** What verification found: the format, the schema, and the record batches in reading order. */
export interface IpcLayout {
  format: IpcFormat;
  schema: SchemaShape;
  batches: PlacedBatch[];
  /** Dictionary batches. */
  dictionaries: number;
  /** The oldest MetadataVersion among the messages read (0 = V1 ... 4 = V5). */
  version: number;
}

const MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]; // "ARROW1"
const FILE_HEADER = 8; // magic + 2 bytes of padding
const FILE_TRAILER = 10; // int32 footer length + magic

interface Framed {
  next: number;
  body: number;
  info: MessageInfo;
}

function magicAt(bytes: Uint8Array, at: number, count = MAGIC.length): boolean {
  for (let i = 0; i < count; i++) if (bytes[at + i] !== MAGIC[i]) return false;
  return true;
}

function isPrintable(bytes: Uint8Array): boolean {
  return bytes.every((b) => b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b < 0x7f));
}

/** A hint at what the bytes are, for the error message. */
function describeNonArrow(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 64)).toString('latin1');
  if (head.startsWith('PAR1')) return 'looks like Parquet, not Arrow IPC';
  if (head.startsWith('FEA1')) return 'looks like Feather v1, not Arrow IPC';
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return 'looks gzip-compressed';
  if (/^\s*[[{]/.test(head)) return 'looks like JSON text';
  if (isPrintable(bytes.subarray(0, 64))) return 'looks like text (CSV?)';
  return 'no Arrow file magic and no stream schema message at the start';
}

/**
 * Reads the framed message at `pos`; null at an end-of-stream marker or at
 * `end`. `cut` reports data that ends inside the message.
 */
function readFramed(
  bytes: Uint8Array,
  pos: number,
  end: number,
  schema: SchemaShape | null,
  fail: VerifyFailures,
  cut: (why: string) => never,
): Framed | null {
  const remaining = end - pos;
  if (remaining === 0) return null;
  if (remaining < 4) cut(`${remaining} stray bytes at byte ${pos} where a message length belongs`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let length = view.getInt32(pos, true);
  let metaStart = pos + 4;
  if (length === -1) {
    if (remaining < 8) cut(`message length at byte ${pos} cut short`);
    length = view.getInt32(pos + 4, true);
    metaStart = pos + 8;
  }
  if (length === 0) return null;
  if (length < 0) fail.invalid(`negative metadata length ${length} at byte ${pos}`);
  if (length > end - metaStart) cut(`message at byte ${pos} declares ${length} bytes of metadata; ${end - metaStart} remain`);
  const info = verifyMessage(bytes.subarray(metaStart, metaStart + length), schema, fail);
  const bodyStart = metaStart + length;
  if (info.bodyLength > end - bodyStart) {
    cut(`message at byte ${pos} declares a ${info.bodyLength}-byte body; ${end - bodyStart} bytes remain`);
  }
  return { next: bodyStart + info.bodyLength, body: bodyStart, info };
}

/** Adds a verified batch message to the layout. */
function place(layout: IpcLayout, m: Framed): void {
  layout.version = Math.min(layout.version, m.info.version);
  if (m.info.type === 'recordBatch') layout.batches.push({ ...m.info.batch, body: m.body });
  else if (m.info.type === 'dictionary') layout.dictionaries++;
}

function verifyStream(bytes: Uint8Array, fail: VerifyFailures, truncated: (why: string) => never): IpcLayout {
  const end = bytes.byteLength;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const marked = end >= 4 && view.getInt32(0, true) === -1;
  if (!marked) {
    // Only a pre-0.15 stream starts without the marker: its length must fit.
    const length = end >= 4 ? view.getInt32(0, true) : 0;
    if (length <= 0 || length > end - 4) fail.invalid(describeNonArrow(bytes));
  }
  const first = readFramed(bytes, 0, end, null, fail, marked ? truncated : fail.invalid);
  if (!first) fail.invalid('a stream without a schema message');
  if (first.info.type !== 'schema') fail.invalid(`the stream starts with a ${first.info.type} message, not a schema`);
  const schema = first.info.schema;
  const layout: IpcLayout = { format: 'stream', schema, batches: [], dictionaries: 0, version: first.info.version };
  for (let pos = first.next; ; ) {
    const m = readFramed(bytes, pos, end, schema, fail, truncated);
    if (!m) return layout;
    if (m.info.type === 'schema') fail.invalid(`a second schema message at byte ${pos} (concatenated streams are not supported)`);
    place(layout, m);
    pos = m.next;
  }
}

function verifyFile(bytes: Uint8Array, fail: VerifyFailures, truncated: (why: string) => never): IpcLayout {
  const end = bytes.byteLength;
  if (end < FILE_HEADER + FILE_TRAILER || !magicAt(bytes, end - MAGIC.length)) {
    truncated('an Arrow file without its footer (it does not end with the ARROW1 magic)');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const footerLength = view.getInt32(end - FILE_TRAILER, true);
  const footerEnd = end - FILE_TRAILER;
  if (footerLength <= 0 || footerLength > footerEnd - FILE_HEADER) {
    fail.invalid(`footer length ${footerLength} does not fit a ${end}-byte file`);
  }
  const footerStart = footerEnd - footerLength;
  const footer = verifyFooter(bytes.subarray(footerStart, footerEnd), fail);
  const blocks = [
    ...footer.dictionaries.map((block) => ({ block, type: 'dictionary' })),
    ...footer.recordBatches.map((block) => ({ block, type: 'recordBatch' })),
  ];
  const layout: IpcLayout = { format: 'file', schema: footer.schema, batches: [], dictionaries: 0, version: footer.version };
  for (const { block, type } of blocks) {
    if (block.offset < FILE_HEADER || block.offset >= footerStart) {
      fail.invalid(`footer block offset ${block.offset} lies outside the file's data`);
    }
    const m = readFramed(bytes, block.offset, footerStart, footer.schema, fail, fail.invalid);
    if (m?.info.type !== type) fail.invalid(`footer block at byte ${block.offset} does not hold a ${type} message`);
    place(layout, m);
  }
  return layout;
}

/**
 * Verifies Arrow IPC bytes (file or stream format) and returns what it read
 * on the way: the format, the schema's columns, and where each record batch's
 * buffers are. O(metadata size + number of messages); record-batch bodies are
 * not read.
 *
 * @throws DRIFTGAUGE_ERR_ARROW_INVALID for bytes that are not Arrow IPC or whose metadata is corrupt
 * @throws DRIFTGAUGE_ERR_ARROW_TRUNCATED for Arrow IPC that ends early
 * @throws DRIFTGAUGE_ERR_ARROW_UNSUPPORTED_FEATURE for big-endian data, compression without a codec, tensors
 * @example
 * verifyIpc(tableToIPC(table, 'stream'), 'batch.arrows').format; // 'stream'
 */
export function verifyIpc(bytes: Uint8Array, source: string): IpcLayout {
  const fail: VerifyFailures = {
    invalid(why: string): never {
      throw createError('DRIFTGAUGE_ERR_ARROW_INVALID', source, why);
    },
    unsupported(why: string): never {
      throw createError('DRIFTGAUGE_ERR_ARROW_UNSUPPORTED_FEATURE', source, why);
    },
  };
  const truncated = (why: string): never => {
    throw createError('DRIFTGAUGE_ERR_ARROW_TRUNCATED', source, why);
  };
  if (bytes.byteLength === 0) fail.invalid('empty input');
  if (magicAt(bytes, 0)) return verifyFile(bytes, fail, truncated);
  if (bytes.byteLength < MAGIC.length && magicAt(bytes, 0, bytes.byteLength)) truncated('an Arrow file cut inside its magic');
  return verifyStream(bytes, fail, truncated);
}
