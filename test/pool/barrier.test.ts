import { describe, expect, it } from 'vitest';
import { arriveAndWait, createBarrier } from '../../src/pool/barrier.js';

describe('barrier', () => {
  it('lets the last party through at once and counts every arrival', () => {
    const b = createBarrier(1);
    expect(arriveAndWait(b, 0)).toBe(true);
    expect(new Int32Array(b.counter)[0]).toBe(1);
  });

  it('gives up after the timeout when a party never arrives', () => {
    const b = createBarrier(2);
    const t0 = performance.now();
    expect(arriveAndWait(b, 50)).toBe(false);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(45);
  });

  it('refuses a barrier without parties', () => {
    expect(() => createBarrier(0)).toThrow(RangeError);
    expect(() => createBarrier(1.5)).toThrow(RangeError);
  });
});
