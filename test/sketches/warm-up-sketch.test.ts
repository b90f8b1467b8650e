import { describe, expect, it } from 'vitest';
import { warmUpSketchKernels } from '../../src/sketches/warm-up-sketch.js';

describe('warmUpSketchKernels', () => {
  it('runs both lookup grids, missing rows (NaN and invalid) and row counts that leave a tail', () => {
    const c = warmUpSketchKernels();
    expect([...c.grids].sort()).toEqual(['bits', 'linear']);
    expect(c.missing).toBeGreaterThan(0);
    expect(c.tails).toBeGreaterThan(0);
    // The first calls are small, so every branch runs interpreted before a hot loop is compiled.
    expect(c.rows).toBeGreaterThan(40_000);
  });
});
