/**
 * Window sizes as people write them: "30s", "15m", "1h", "1d", "1w".
 * Tumbling windows are aligned to the Unix epoch, so every replica agrees on
 * where a window starts without talking to the others.
 */
import { createError } from '../errors.js';

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
export const MIN_WINDOW_MS = 1_000;
export const MAX_WINDOW_MS = 366 * 86_400_000;

/** "1h" → 3,600,000. */
export function parseDuration(text: string): number {
  const m = /^\s*(\d+)\s*([smhdw])\s*$/.exec(text);
  if (!m) throw createError('DRIFTGAUGE_ERR_INVALID_WINDOW', text, 'write a whole number and a unit s, m, h, d or w, like "1h" or "15m"');
  const ms = Number(m[1]) * UNIT_MS[m[2]];
  if (ms < MIN_WINDOW_MS || ms > MAX_WINDOW_MS) {
    throw createError('DRIFTGAUGE_ERR_INVALID_WINDOW', text, 'a window lasts from 1s to 366d');
  }
  return ms;
}

/** The start of the tumbling window of `sizeMs` holding time `t` (epoch ms). */
export function windowStart(t: number, sizeMs: number): number {
  return Math.floor(t / sizeMs) * sizeMs;
}
