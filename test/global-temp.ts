/**
 * Vitest global setup: every test run writes its temporary files (SQLite
 * data dirs, Arrow files, Prometheus data, server processes' dirs) under one
 * directory of its own, and removes it when the run ends. vitest.config.ts
 * points TMPDIR (os.tmpdir() in the test processes and in every process they
 * start) at it; many tests make a temp dir and leave it to the OS, which had
 * left gigabytes in /tmp over repeated runs.
 */
import { mkdirSync, rmSync } from 'node:fs';

export default function setup(): () => void {
  const dir = process.env.DRIFTGAUGE_TEST_TMPDIR;
  if (!dir) return () => {};
  mkdirSync(dir, { recursive: true });
  return () => rmSync(dir, { recursive: true, force: true });
}
