/**
 * Compares a report with an expected one to CONTRACT.md's tolerances:
 * p-values (and p-value drift scores) within 1e-6 absolute, every other
 * number within 1e-9 relative; keys must match exactly, to the letter.
 */
import { expect } from 'vitest';

function isPvaluePath(path: string[], parent: Record<string, unknown> | null): boolean {
  const key = path[path.length - 1];
  if (key === 'pvalue') return true;
  if (key === 'score' && parent && (parent.method === 'ks' || parent.method === 'chi2')) return true;
  return false;
}

export function diffReport(actual: unknown, expected: unknown, path: string[] = [], parent: Record<string, unknown> | null = null, out: string[] = []): string[] {
  const where = path.join('.') || '(root)';
  if (typeof expected === 'number') {
    if (typeof actual !== 'number') out.push(`${where}: expected ${expected}, got ${JSON.stringify(actual)}`);
    else if (isPvaluePath(path, parent)) {
      if (!(Math.abs(actual - expected) <= 1e-6)) out.push(`${where}: p-value ${actual} vs ${expected}`);
    } else if (!(Math.abs(actual - expected) <= Math.max(1e-9 * Math.abs(expected), 1e-15))) {
      out.push(`${where}: ${actual} vs ${expected} (rel ${Math.abs(actual - expected) / Math.abs(expected)})`);
    }
    return out;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      out.push(`${where}: expected array of ${expected.length}, got ${JSON.stringify(actual)?.slice(0, 80)}`);
      return out;
    }
    for (const [i, e] of expected.entries()) diffReport(actual[i], e, [...path, String(i)], null, out);
    return out;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') {
      out.push(`${where}: expected object, got ${JSON.stringify(actual)}`);
      return out;
    }
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    const missing = Object.keys(e).filter((k) => !(k in a));
    const extra = Object.keys(a).filter((k) => !(k in e));
    if (missing.length > 0) out.push(`${where}: missing keys ${missing.join(', ')}`);
    if (extra.length > 0) out.push(`${where}: unexpected keys ${extra.join(', ')}`);
    for (const k of Object.keys(e)) if (k in a) diffReport(a[k], e[k], [...path, k], e, out);
    return out;
  }
  if (actual !== expected) out.push(`${where}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  return out;
}

export function expectReportClose(actual: unknown, expected: unknown): void {
  expect(diffReport(actual, expected)).toEqual([]);
}
