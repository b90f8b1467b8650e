import { describe, expect, it } from 'vitest';
import { parseDuration, windowStart } from '../../src/windows/duration.js';

describe('parseDuration', () => {
  it('reads seconds, minutes, hours, days and weeks', () => {
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('15m')).toBe(900_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('2d')).toBe(172_800_000);
    expect(parseDuration('1w')).toBe(604_800_000);
  });

  it('rejects text that is not a duration with a coded error', () => {
    for (const bad of ['', '1', 'h', '1.5h', '-1h', '1y', '0s', '400d']) {
      expect(() => parseDuration(bad)).toThrow(expect.objectContaining({ code: 'DRIFTGAUGE_ERR_INVALID_WINDOW' }));
    }
  });
});

describe('windowStart', () => {
  it('aligns tumbling windows to the epoch', () => {
    const t = Date.UTC(2026, 10, 25, 17, 42, 13);
    expect(windowStart(t, 3_600_000)).toBe(Date.UTC(2026, 10, 25, 17));
    expect(windowStart(Date.UTC(2026, 10, 25, 17), 3_600_000)).toBe(Date.UTC(2026, 10, 25, 17));
  });
});
