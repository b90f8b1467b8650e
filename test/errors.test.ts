import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogue, createError, DriftgaugeError, fromWire, toWire } from '../src/errors.js';

const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');

describe('error catalogue', () => {
  it('documents every code in docs/errors.md', () => {
    const undocumented = Object.keys(catalogue).filter((code) => !doc.includes(`\`${code}\``));
    expect(undocumented).toEqual([]);
  });

  it('names every code DRIFTGAUGE_ERR_* with an HTTP status', () => {
    for (const [code, def] of Object.entries(catalogue)) {
      expect(code).toMatch(/^DRIFTGAUGE_ERR_[A-Z0-9_]+$/);
      expect(def.status).toBeGreaterThanOrEqual(400);
      expect(def.status).toBeLessThan(600);
    }
  });

  it('fills the template and carries code and status', () => {
    const err = createError('DRIFTGAUGE_ERR_FILE_NOT_FOUND', 'ref.arrow');
    expect(err).toBeInstanceOf(DriftgaugeError);
    expect(err.message).toBe('ref.arrow: file not found');
    expect(err.code).toBe('DRIFTGAUGE_ERR_FILE_NOT_FOUND');
    expect(err.statusCode).toBe(400);
  });

  it('survives a thread crossing as {code, message}', () => {
    const err = createError('DRIFTGAUGE_ERR_COLUMN_MISSING', 'cur.arrow', 'age', 'ref.arrow');
    const wire = structuredClone(toWire(err));
    const back = fromWire(wire);
    expect(back).toBeInstanceOf(DriftgaugeError);
    expect(back.code).toBe(err.code);
    expect(back.message).toBe(err.message);
    expect(back.statusCode).toBe(422);
  });

  it('wraps unexpected errors as DRIFTGAUGE_ERR_INTERNAL', () => {
    expect(toWire(new TypeError('boom'))).toEqual({ code: 'DRIFTGAUGE_ERR_INTERNAL', message: 'internal error: boom' });
    expect(fromWire({ code: 'NOT_A_CODE', message: 'x' }).code).toBe('DRIFTGAUGE_ERR_INTERNAL');
  });
});
