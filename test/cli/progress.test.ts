import { describe, expect, it } from 'vitest';
import { Progress } from '../../src/cli/progress.js';

function stream(isTTY: boolean) {
  const chunks: string[] = [];
  return { isTTY, columns: 100, chunks, write: (c: string) => chunks.push(c) > 0 };
}

describe('Progress', () => {
  it('draws nothing when stderr is not a terminal', () => {
    const s = stream(false);
    const p = new Progress(s, 0);
    p.stage('comparing', 4);
    p.update(2);
    p.stop();
    expect(s.chunks).toEqual([]);
  });

  it('draws nothing for work that ends before the delay', () => {
    const s = stream(true);
    const p = new Progress(s, 60_000);
    p.stage('comparing', 4);
    p.update(4);
    p.stop();
    expect(s.chunks).toEqual([]);
  });

  it('draws a bar with the count on a terminal once the delay has passed, and clears it', () => {
    const s = stream(true);
    const p = new Progress(s, 0);
    p.stage('comparing columns', 4);
    p.update(2);
    expect(s.chunks.at(-1)).toContain('2/4 comparing columns');
    expect(s.chunks.at(-1)).toContain('███████████████░░░░░░░░░░░░░░░');
    p.stop();
    expect(s.chunks.at(-1)).toBe('\r\x1b[2K');
  });
});
