import { describe, expect, it } from 'vitest';
import { MAX_KEPT, sampleBuffers } from '../../src/engine/sample-buffers.js';

describe('sampleBuffers', () => {
  it('lends the same memory to the next feature of the same size', () => {
    const first = sampleBuffers(1000, 800);
    const second = sampleBuffers(1000, 800);
    expect(second.ref.out).toBe(first.ref.out);
    expect(second.cur.out).toBe(first.cur.out);
    expect(second.ref.scratch).toBe(first.ref.scratch);
  });

  it('gives each sample its own output and shares the scratch', () => {
    const { ref, cur } = sampleBuffers(1000, 1200);
    expect(ref.out).not.toBe(cur.out);
    expect(ref.scratch).toBe(cur.scratch);
    expect(ref.out?.length).toBeGreaterThanOrEqual(1000);
    expect(cur.out?.length).toBeGreaterThanOrEqual(1200);
    expect(ref.scratch?.length).toBeGreaterThanOrEqual(1200);
  });

  it('grows for a bigger column', () => {
    const small = sampleBuffers(10, 10);
    const big = sampleBuffers(5000, 10);
    expect(big.ref.out).not.toBe(small.ref.out);
    expect(big.ref.out?.length).toBeGreaterThanOrEqual(5000);
  });

  it('lends nothing above MAX_KEPT rows (the sort allocates, and nothing is kept)', () => {
    expect(sampleBuffers(MAX_KEPT + 1, 10)).toEqual({ ref: {}, cur: {} });
  });
});
