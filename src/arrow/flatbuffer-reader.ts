/**
 * Bounds-checked reads of a FlatBuffer, enough to verify Arrow IPC metadata
 * before apache-arrow decodes it. apache-arrow trusts the metadata: a vector
 * length of 2^31 in a corrupt message makes it loop 2^31 times, and shared
 * sub-tables can make its recursion exponential. Every read here is checked
 * against the buffer, and every table visited spends from a budget linear in
 * the buffer's size, so verifying costs O(bytes) whatever the input.
 *
 * Layout (little-endian): a table at `pos` starts with an int32 offset back to
 * its vtable; the vtable holds uint16 sizes (vtable, table) then one uint16
 * offset per field (0 = absent). References (tables, vectors, strings) are
 * uint32 offsets relative to where they are stored; vectors start with a
 * uint32 element count.
 */

/** A verified table: its position and vtable. */
export interface FbTable {
  readonly pos: number;
  readonly vtable: number;
  readonly vtableSize: number;
  readonly tableSize: number;
}

/** A verified vector: where its first element is and how many there are. */
export interface FbVector {
  readonly start: number;
  readonly length: number;
}

const utf8 = new TextDecoder();
/** Longest ASCII string read with one `String.fromCharCode` call (far below engines' argument limits). */
const MAX_APPLY = 1024;

/** Largest int64 accepted: lengths and offsets above 2^53 are corrupt. */
const MAX_HI = 0x1fffff;

/** Bounds-checked reads of one FlatBuffer, with a budget of tables to visit. */
export class FlatbufferReader {
  readonly #bytes: Uint8Array;
  readonly #view: DataView;
  /** `#bytes.byteLength`, read once: `#check` runs for every read. */
  readonly #length: number;
  readonly #fail: (why: string) => never;
  #budget: number;

  /** `fail` is called with a reason on any malformed read and must throw. */
  constructor(bytes: Uint8Array, fail: (why: string) => never) {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.#length = bytes.byteLength;
    this.#fail = fail;
    this.#budget = 64 + bytes.byteLength;
  }

  get byteLength(): number {
    return this.#bytes.byteLength;
  }

  fail(why: string): never {
    return this.#fail(why);
  }

  #check(pos: number, size: number): void {
    if (!(pos >= 0 && pos + size <= this.#length)) this.#fail(`read of ${size} bytes at ${pos} is outside the ${this.#bytes.byteLength}-byte metadata`);
  }

  u8At(pos: number): number {
    this.#check(pos, 1);
    return this.#view.getUint8(pos);
  }

  i16At(pos: number): number {
    this.#check(pos, 2);
    return this.#view.getInt16(pos, true);
  }

  u16At(pos: number): number {
    this.#check(pos, 2);
    return this.#view.getUint16(pos, true);
  }

  i32At(pos: number): number {
    this.#check(pos, 4);
    return this.#view.getInt32(pos, true);
  }

  u32At(pos: number): number {
    this.#check(pos, 4);
    return this.#view.getUint32(pos, true);
  }

  /** An int64 as a number; fails beyond ±2^53 (no Arrow length or offset is that large). */
  i64At(pos: number): number {
    this.#check(pos, 8);
    const lo = this.#view.getUint32(pos, true);
    const hi = this.#view.getInt32(pos + 4, true);
    if (hi > MAX_HI || hi < -MAX_HI - 1) this.#fail(`64-bit integer at ${pos} is beyond 2^53`);
    return hi * 4294967296 + lo;
  }

  /** The root table (the buffer starts with a uint32 offset to it). */
  root(): FbTable {
    return this.table(this.u32At(0));
  }

  /** Verifies the table at `pos` and spends one unit of the budget. */
  table(pos: number): FbTable {
    if (--this.#budget < 0) this.#fail('metadata references more tables than it can hold');
    this.#check(pos, 4);
    const vtable = pos - this.i32At(pos);
    const vtableSize = this.u16At(vtable);
    const tableSize = this.u16At(vtable + 2);
    if (vtableSize < 4 || vtableSize % 2 !== 0) this.#fail(`malformed vtable at ${vtable}`);
    this.#check(vtable, vtableSize);
    if (tableSize < 4) this.#fail(`malformed table at ${pos}`);
    this.#check(pos, tableSize);
    return { pos, vtable, vtableSize, tableSize };
  }

  /** Position of field `id` holding `size` bytes, or -1 when absent. */
  field(t: FbTable, id: number, size: number): number {
    const slot = 4 + 2 * id;
    if (slot + 2 > t.vtableSize) return -1;
    const offset = this.u16At(t.vtable + slot);
    if (offset === 0) return -1;
    if (offset + size > t.tableSize) this.#fail(`field ${id} of the table at ${t.pos} overruns the table`);
    return t.pos + offset;
  }

  u8(t: FbTable, id: number, dflt: number): number {
    const p = this.field(t, id, 1);
    return p < 0 ? dflt : this.u8At(p);
  }

  i16(t: FbTable, id: number, dflt: number): number {
    const p = this.field(t, id, 2);
    return p < 0 ? dflt : this.i16At(p);
  }

  i32(t: FbTable, id: number, dflt: number): number {
    const p = this.field(t, id, 4);
    return p < 0 ? dflt : this.i32At(p);
  }

  i64(t: FbTable, id: number, dflt: number): number {
    const p = this.field(t, id, 8);
    return p < 0 ? dflt : this.i64At(p);
  }

  /** Target of the reference in field `id`, or -1 when absent. */
  #ref(t: FbTable, id: number): number {
    const p = this.field(t, id, 4);
    if (p < 0) return -1;
    const target = p + this.u32At(p);
    this.#check(target, 4);
    return target;
  }

  /** The sub-table in field `id`, or null when absent. */
  child(t: FbTable, id: number): FbTable | null {
    const target = this.#ref(t, id);
    return target < 0 ? null : this.table(target);
  }

  /** The vector in field `id` of `elementSize`-byte elements, or null when absent. */
  vector(t: FbTable, id: number, elementSize: number): FbVector | null {
    const target = this.#ref(t, id);
    if (target < 0) return null;
    const length = this.u32At(target);
    const start = target + 4;
    if (length * elementSize > this.#bytes.byteLength - start) this.#fail(`vector of ${length} elements at ${target} overruns the metadata`);
    return { start, length };
  }

  /** Checks the string in field `id` lies in the buffer. */
  string(t: FbTable, id: number): void {
    this.vector(t, id, 1);
  }

  /**
   * The string in field `id` (UTF-8; malformed sequences become U+FFFD, as TextDecoder reads
   * them), or null when absent. The bytes may be shared memory, which TextDecoder refuses:
   * ASCII is read in place, anything else from a private copy.
   */
  text(t: FbTable, id: number): string | null {
    const v = this.vector(t, id, 1);
    if (!v) return null;
    const bytes = this.#bytes.subarray(v.start, v.start + v.length);
    let high = 0;
    for (let i = 0; i < bytes.length; i++) high |= bytes[i];
    if (high < 0x80 && bytes.length <= MAX_APPLY) return String.fromCharCode.apply(null, bytes as unknown as number[]);
    return utf8.decode(bytes.slice());
  }

  /** Element `i` of a vector of tables. */
  tableAt(v: FbVector, i: number): FbTable {
    const p = v.start + 4 * i;
    return this.table(p + this.u32At(p));
  }
}
