/**
 * merge(a, b) versus the sketch of a ∪ b: every count, extreme, distinct
 * value and category must be equal bit for bit; float sums (moments, offset
 * sums, loss sums) equal up to summation order, here 1e-12 relative.
 */
import { expect } from 'vitest';

const FLOAT_KEYS = new Set(['mean', 'm2', 'offsets', 'logLossSum', 'brierSum', 'absSum', 'sqSum', 'pctSum', 'targetMean', 'targetM2']);

function close(a: number, b: number, scale: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b), scale);
}

export function diffSketch(actual: unknown, expected: unknown, path = '', float = false, out: string[] = []): string[] {
  if (typeof expected === 'number') {
    if (typeof actual !== 'number') out.push(`${path}: ${String(actual)} vs ${expected}`);
    else if (float ? !close(actual, expected, 0) : !Object.is(actual, expected) && !(actual === 0 && expected === 0)) out.push(`${path}: ${actual} vs ${expected}`);
    return out;
  }
  if (ArrayBuffer.isView(expected)) {
    const e = expected as unknown as ArrayLike<number>;
    const a = actual as ArrayLike<number>;
    if (!ArrayBuffer.isView(actual) || a.length !== e.length) {
      out.push(`${path}: typed array of ${e.length} vs ${String(actual)}`);
      return out;
    }
    let scale = 0;
    for (let i = 0; i < e.length; i++) scale = Math.max(scale, Math.abs(e[i]));
    for (let i = 0; i < e.length && out.length < 20; i++) {
      if (float ? !close(a[i], e[i], scale * 1e-3) : a[i] !== e[i]) out.push(`${path}[${i}]: ${a[i]} vs ${e[i]}`);
    }
    return out;
  }
  if (expected instanceof Map) {
    if (!(actual instanceof Map) || actual.size !== expected.size) {
      out.push(`${path}: map of ${expected.size} vs ${actual instanceof Map ? actual.size : String(actual)}`);
      return out;
    }
    for (const [k, v] of expected) diffSketch(actual.get(k), v, `${path}.get(${k})`, float, out);
    return out;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) out.push(`${path}: array ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`);
    else for (let i = 0; i < expected.length; i++) diffSketch(actual[i], expected[i], `${path}[${i}]`, float, out);
    return out;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') {
      out.push(`${path}: ${String(actual)} vs object`);
      return out;
    }
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    const keys = new Set([...Object.keys(a), ...Object.keys(e)]);
    for (const k of keys) diffSketch(a[k], e[k], `${path}.${k}`, float || FLOAT_KEYS.has(k), out);
    return out;
  }
  if (actual !== expected) out.push(`${path}: ${String(actual)} vs ${String(expected)}`);
  return out;
}

export function expectSketchEqual(actual: unknown, expected: unknown): void {
  expect(diffSketch(actual, expected)).toEqual([]);
}
