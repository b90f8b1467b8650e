import { describe, expect, it } from 'vitest';
import { ownBuffer } from '../src/own-buffer.js';

describe('ownBuffer', () => {
  it('gives the buffer a view spans whole, and null for part of one or shared memory', () => {
    const whole = new Uint8Array(8);
    expect(ownBuffer(whole)).toBe(whole.buffer);
    expect(ownBuffer(new Float64Array(whole.buffer))).toBe(whole.buffer);
    expect(ownBuffer(whole.subarray(1))).toBeNull();
    expect(ownBuffer(whole.subarray(0, 7))).toBeNull();
    expect(ownBuffer(new Uint8Array(new SharedArrayBuffer(8)))).toBeNull();
    expect(ownBuffer(Buffer.from('small'))).toBeNull(); // Node's allocation pool
  });
});
