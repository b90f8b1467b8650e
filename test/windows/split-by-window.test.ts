import { describe, expect, it } from 'vitest';
import { rowTime, splitByWindow } from '../../src/windows/split-by-window.js';
import { categorical, numeric, table } from '../helpers/tables.js';

const H = 3_600_000;
const t0 = Date.UTC(2026, 10, 25, 10);

describe('splitByWindow', () => {
  it('returns the table itself when every row falls in one window', () => {
    const t = table('b', [numeric('x', [1, 2, 3]), numeric('ts', [t0, t0 + 10, t0 + H - 1])]);
    const parts = splitByWindow(t, H, rowTime(t, 'ts', 0));
    expect(parts).toHaveLength(1);
    expect(parts[0].table).toBe(t);
    expect(parts[0]).toMatchObject({ start: t0, end: t0 + H });
  });

  it('splits rows across windows, keeping nulls and categories', () => {
    const t = table('b', [
      numeric('x', [1, null, 3, 4]),
      categorical('c', ['a', 'b', null, 'a']),
      numeric('ts', [t0, t0 + H, t0 + 5, t0 + 2 * H + 1]),
    ]);
    const parts = splitByWindow(t, H, rowTime(t, 'ts', 0));
    expect(parts.map((p) => [p.start, p.table.rows])).toEqual([
      [t0, 2],
      [t0 + H, 1],
      [t0 + 2 * H, 1],
    ]);
    const first = parts[0].table;
    const x = first.byName.get('x');
    const c = first.byName.get('c');
    expect(x?.kind === 'numerical' && [...x.values]).toEqual([1, 3]);
    expect(c?.kind === 'categorical' && [...c.codes]).toEqual([0, -1]);
    const second = parts[1].table.byName.get('x');
    expect(second?.kind === 'numerical' && second.valid && [...second.valid]).toEqual([0]);
  });

  it('puts rows without a valid timestamp at the arrival time', () => {
    const t = table('b', [numeric('x', [1, 2]), numeric('ts', [null, Number.NaN])]);
    const parts = splitByWindow(t, H, rowTime(t, 'ts', t0 + 7));
    expect(parts).toHaveLength(1);
    expect(parts[0].start).toBe(t0);
  });
});
