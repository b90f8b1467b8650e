/**
 * A 64-bit fingerprint (16 hex digits) of strings and float64 arrays, for
 * naming a reference profile: window sketches record it, and merging or
 * comparing sketches of different profiles is refused. Not cryptographic.
 *
 * Cost: O(total length).
 *
 * @param parts strings and Float64Arrays, in a fixed order
 * @returns 16 lowercase hex digits
 * @throws never
 * @example
 * fingerprint(['a', Float64Array.of(1)]).length; // 16
 */
export function fingerprint(parts: readonly (string | Float64Array)[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  const mix = (w: number) => {
    h1 = Math.imul(h1 ^ w, 0x01000193);
    h2 = Math.imul(h2 ^ w, 0x5bd1e995) ^ (h2 >>> 15);
  };
  for (const part of parts) {
    if (typeof part === 'string') {
      mix(0x53);
      for (let i = 0; i < part.length; i++) mix(part.charCodeAt(i));
      mix(part.length);
    } else {
      mix(0x46);
      const words = new Uint32Array(part.buffer, part.byteOffset, part.length * 2);
      for (let i = 0; i < words.length; i++) mix(words[i]);
      mix(part.length);
    }
  }
  const hex = (x: number) => (x >>> 0).toString(16).padStart(8, '0');
  return hex(h1) + hex(h2);
}
