import { describe, expect, it } from 'vitest';
import { chooseKernelImpl, kernelsFor, parseKernelOverride } from '../../src/kernels/choose-kernels.js';
import { KERNEL_DEFAULTS } from '../../src/kernels/kernel-defaults.js';
import type { DriftKernels } from '../../src/kernels/kernel-types.js';
import { typedKernels } from '../../src/kernels/typed-kernels.js';

const table = { wasm: { binCounts: 1e6, categoryCounts: Number.POSITIVE_INFINITY, confusionCounts: 1e4, labelHistogram: 1e5 } };
const fakeTf = { ...typedKernels, impl: 'tfjs', backend: 'wasm', float64: false } as DriftKernels;

describe('chooseKernelImpl', () => {
  it('follows the table by batch size', () => {
    expect(chooseKernelImpl('binCounts', 999_999, 'wasm', { defaults: table })).toBe('typed');
    expect(chooseKernelImpl('binCounts', 1_000_000, 'wasm', { defaults: table })).toBe('tfjs');
    expect(chooseKernelImpl('categoryCounts', 1e9, 'wasm', { defaults: table })).toBe('typed');
  });

  it('keeps typed kernels for a backend nobody measured, and without TF.js', () => {
    expect(chooseKernelImpl('binCounts', 1e9, 'tensorflow', { defaults: table })).toBe('typed');
    expect(chooseKernelImpl('binCounts', 1e9, null, { override: 'tfjs' })).toBe('typed');
  });

  it('obeys an override, except in exact mode where only float64 kernels run', () => {
    expect(chooseKernelImpl('binCounts', 10, 'wasm', { override: 'tfjs' })).toBe('tfjs');
    expect(chooseKernelImpl('binCounts', 1e9, 'wasm', { override: 'typed', defaults: table })).toBe('typed');
    expect(chooseKernelImpl('binCounts', 1e9, 'wasm', { override: 'tfjs', exact: true })).toBe('typed');
  });

  it('has a measured entry for every kernel on wasm and cpu', () => {
    for (const backend of ['wasm', 'cpu']) {
      expect(Object.keys(KERNEL_DEFAULTS[backend]).sort()).toEqual(['binCounts', 'categoryCounts', 'confusionCounts', 'labelHistogram']);
    }
  });
});

describe('kernelsFor', () => {
  it('returns the chosen kernels object', () => {
    expect(kernelsFor('confusionCounts', 1e5, fakeTf, { defaults: table })).toBe(fakeTf);
    expect(kernelsFor('confusionCounts', 10, fakeTf, { defaults: table })).toBe(typedKernels);
    expect(kernelsFor('confusionCounts', 1e5, fakeTf, { defaults: table, exact: true })).toBe(typedKernels);
  });
});

describe('parseKernelOverride', () => {
  it('accepts auto, typed, tfjs', () => {
    expect(parseKernelOverride(undefined)).toBe('auto');
    expect(parseKernelOverride(' TFJS ')).toBe('tfjs');
    expect(() => parseKernelOverride('gpu')).toThrow(RangeError);
  });
});
