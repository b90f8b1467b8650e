import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatProbe, measureHere } from '../../bench/machine-probe.js';

describe('machine probe', () => {
  it('times decode + sketch of one batch: positive, the fastest no slower than the median', () => {
    const r = measureHere(5);
    expect(r.rounds).toBe(5);
    expect(r.minMs).toBeGreaterThan(0);
    expect(r.minMs).toBeLessThanOrEqual(r.medianMs);
  });

  it('prints one reading per CPU, median and fastest', () => {
    const reading = (medianMs: number, minMs: number) => ({ medianMs, minMs, rounds: 75 });
    expect(
      formatProbe([
        { cpu: 0, result: reading(5.844, 5.39) },
        { cpu: 1, result: reading(9.09, 7.205) },
      ]),
    ).toBe('cpu0 5.84 ms (5.39), cpu1 9.09 ms (7.21)');
    expect(formatProbe([{ cpu: null, result: reading(6, 5) }])).toBe('unpinned 6.00 ms (5.00)');
  });

  it('runs as a script and prints its result as JSON (npm test builds dist first)', () => {
    const path = fileURLToPath(new URL('../../dist/bench/machine-probe.js', import.meta.url));
    const r = spawnSync(process.execPath, [path], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { medianMs: number; minMs: number; rounds: number };
    expect(out.rounds).toBe(75);
    expect(out.minMs).toBeGreaterThan(0);
    expect(out.minMs).toBeLessThanOrEqual(out.medianMs);
  });
});
