/**
 * How the window codec stores a numerical sketch's float64 arrays: bin
 * counts as the narrowest unsigned integers that hold them (u8, u16, u32),
 * a delta's offset sums as float32, each only when exact (counts) or within
 * 2^-24 of the sum (offsets), and only when the container's sparse float64
 * form is not smaller. window-codec.ts explains the formats; this file only
 * decides and converts.
 *
 * The common case (a batch's delta: counts below 256 in most bins, dense
 * offsets) is decided and converted in one pass into this thread's staging
 * memory, which the encoder then copies whole: a delta's ~1,030 bins a
 * feature were read four times before (check counts, check offsets, convert
 * each), twice now. Anything else (a count of 256 or more, a sum float32
 * cannot hold, sparse arrays) goes the careful way: one pass to decide, the
 * conversion written by the encoder (`ArrayWriter`). Both give the same
 * bytes.
 */
import { ArrayWriter, type WritableNumbers } from './binary-container.js';

/** The smallest positive normal float32 and the largest finite one. */
const F32_MIN_NORMAL = 2 ** -126;
const F32_MAX = 3.4028234663852886e38;

/**
 * Staging memory of this thread: the converted arrays of one window, valid
 * until the next `beginStaging` (the encoder copies them before the codec
 * returns). Grown as needed; views handed out earlier keep their buffer.
 */
let stage = new ArrayBuffer(0);
let staged = 0;

/** Starts a window's staging: what was staged before may be overwritten from now on. */
export function beginStaging(): void {
  staged = 0;
}

function stageBytes(bytes: number): ArrayBuffer {
  const at = (staged + 7) & ~7;
  if (at + bytes > stage.byteLength) {
    stage = new ArrayBuffer(Math.max(2 * stage.byteLength, at + bytes, 1 << 16));
    staged = 0;
    return stageBytes(bytes);
  }
  staged = at + bytes;
  return stage;
}

/**
 * Bin counts as u8 when every one is an integer from 0 to 255 (not -0) and
 * at least a twelfth are non-zero (else sparse float64 is smaller): checked
 * while converting, into staging. Else as `narrowCounts` decides.
 *
 * @returns a staged Uint8Array, an `ArrayWriter`, or `counts` itself (stored as float64)
 */
export function narrowCountsStaged(counts: Float64Array): Float64Array | Uint8Array | ArrayWriter {
  const n = counts.length;
  const buffer = stageBytes(n);
  const at = staged - n;
  const out = new Uint8Array(buffer, at, n);
  // The high words: -0 is the one u8-looking value with its sign bit set.
  const words = new Int32Array(counts.buffer, counts.byteOffset, 2 * n);
  let fits = 0;
  let signs = 0;
  let nz = 0;
  for (let i = 0; i < n; i++) {
    const c = counts[i];
    out[i] = c;
    // (c & 255) === c exactly for the integers 0..255 and -0 (NaN, fractions, negatives and 256 up differ).
    fits |= +((c & 255) !== c);
    signs |= words[2 * i + 1];
    nz += +(c !== 0);
  }
  if (fits === 0 && signs >= 0 && !(n >= 16 && nz * 12 < n)) return out;
  staged = at; // not used: give the staging back
  return narrowCounts(counts);
}

/**
 * Bin counts to be written as the narrowest unsigned integers that hold
 * them (8, 16 or 32 bits), or as they are when some are not integers below
 * 2^32 (or -0), or when the container's sparse float64 form is smaller (few
 * non-zero bins: 12 bytes each). One pass to check and size them here; the
 * encoder converts them in place.
 */
export function narrowCounts(counts: Float64Array): Float64Array | ArrayWriter {
  const n = counts.length;
  let nz = 0;
  let max = 0;
  for (let i = 0; i < n; i++) {
    const c = counts[i];
    if (c === 0) {
      if (1 / c < 0) return counts; // -0
      continue;
    }
    // Exactly the integers a u32 holds (NaN, fractions, negatives and 2^32 and above differ).
    if (c >>> 0 !== c) return counts;
    if (c > max) max = c;
    nz++;
  }
  const type = max < 2 ** 8 ? 'u8' : max < 2 ** 16 ? 'u16' : 'u32';
  if (n >= 16 && nz * 12 < n * 8 * 0.5 && nz * 12 < n * WIDTH_OF[type]) return counts;
  const write = type === 'u8' ? copyU8 : type === 'u16' ? copyU16 : copyU32;
  return new ArrayWriter(type, n, (into) => write(into, counts));
}

const WIDTH_OF = { u8: 1, u16: 2, u32: 4 } as const;

// One loop per target type, so each stays monomorphic (typed-array `set` converts float64 element by element, slower).
function copyU8(into: WritableNumbers, from: Float64Array): void {
  for (let i = 0; i < from.length; i++) into[i] = from[i];
}

function copyU16(into: WritableNumbers, from: Float64Array): void {
  for (let i = 0; i < from.length; i++) into[i] = from[i];
}

function copyU32(into: WritableNumbers, from: Float64Array): void {
  for (let i = 0; i < from.length; i++) into[i] = from[i];
}

/**
 * A delta's offset sums as float32, converted into staging while checked:
 * or as they are when the container's sparse float64 form is smaller (fewer
 * than a third non-zero: 12 bytes each against 4 a bin) or when a sum is
 * not 0 or a normal float32 (beyond ±3.4e38 it would become infinite, below
 * 1.2e-38 lose precision). Only a rounding of at most 2^-24 relative to
 * each sum; -0 stays -0.
 *
 * @returns a staged Float32Array, or `offsets` itself (stored as float64)
 */
export function float32OffsetsStaged(offsets: Float64Array): Float64Array | Float32Array {
  const n = offsets.length;
  const buffer = stageBytes(4 * n);
  const at = staged - 4 * n;
  const out = new Float32Array(buffer, at, n);
  let bad = 0;
  let nz = 0;
  for (let i = 0; i < n; i++) {
    const v = offsets[i];
    out[i] = v;
    const m = Math.abs(v);
    // NaN fails both comparisons.
    bad |= +(m !== 0 && !(m >= F32_MIN_NORMAL && m <= F32_MAX));
    nz += +(v !== 0);
  }
  if (bad === 0 && !(n >= 16 && nz * 12 < n * 4)) return out;
  staged = at;
  return offsets;
}
