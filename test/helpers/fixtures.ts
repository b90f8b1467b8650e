/**
 * Loads fixtures written by fixtures/generate.py (scipy / scikit-learn values).
 * Strings "NaN", "Infinity", "-Infinity" become numbers again; {"$f64": path}
 * references become Float64Arrays read from fixtures/.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures');

const SPECIAL: Record<string, number> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY };

function revive(value: unknown): unknown {
  if (typeof value === 'string' && value in SPECIAL) return SPECIAL[value];
  if (Array.isArray(value)) return value.map(revive);
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    if (typeof obj.$f64 === 'string') {
      const buf = readFileSync(join(FIXTURES_DIR, obj.$f64));
      return new Float64Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) out[k] = revive(v);
    return out;
  }
  return value;
}

export interface FixtureFile<C> {
  generator: string;
  versions: Record<string, string>;
  cases: C[];
}

export function loadFixture<C = Record<string, unknown>>(name: string): FixtureFile<C> {
  const raw = JSON.parse(readFileSync(join(FIXTURES_DIR, `${name}.json`), 'utf8'));
  return revive(raw) as FixtureFile<C>;
}

/** Float64Array from a revived fixture array (number[] or Float64Array). */
export function f64(values: unknown): Float64Array {
  if (values instanceof Float64Array) return values;
  return Float64Array.from(values as number[]);
}

/** |actual - expected| <= rel * |expected| (or both non-finite and equal). */
export function closeRel(actual: number, expected: number, rel = 1e-9, absFloor = 1e-12): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  return Math.abs(actual - expected) <= Math.max(rel * Math.abs(expected), absFloor);
}
