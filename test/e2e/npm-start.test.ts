/**
 * `npm start` as a process manager runs it: SIGTERM to npm reaches the
 * service (npm forwards it to the script's process, which is node itself
 * thanks to `exec`), which shuts down cleanly; nothing is left running.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { until } from '../helpers/until.js';
import { freePort } from './server-process.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Whether a process with this pid is alive. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm start', () => {
  it('stops the service on SIGTERM to npm, leaving no process behind', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'driftgauge-npm-start-'));
    const port = await freePort();
    const npm = spawn('npm', ['start', '--silent'], {
      cwd: ROOT,
      env: { ...process.env, DRIFTGAUGE_PORT: String(port), DRIFTGAUGE_HOST: '127.0.0.1', DRIFTGAUGE_DATA_DIR: dataDir, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const logs: string[] = [];
    npm.stdout.on('data', (d) => logs.push(String(d)));
    npm.stderr.on('data', (d) => logs.push(String(d)));
    const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
    let servicePid = 0;
    try {
      const ready = await until(
        'the service to answer /readyz',
        async () => {
          try {
            const r = await fetch(`http://127.0.0.1:${port}/readyz`);
            return r.ok ? r : undefined;
          } catch {
            return undefined;
          }
        },
        30_000,
        () => logs.join(''),
      );
      expect(ready.status).toBe(200);
      servicePid = Number(/"pid":(\d+)/.exec(logs.join(''))?.[1]);
      expect(servicePid).toBeGreaterThan(0);
      npm.kill('SIGTERM');
      await exited;
      await until('the service process to end', () => (alive(servicePid) ? undefined : true), 10_000, () => logs.join(''));
      expect(logs.join('')).toMatch(/"msg":"stopped"/);
    } finally {
      if (servicePid > 0 && alive(servicePid)) process.kill(servicePid, 'SIGKILL');
      if (npm.exitCode === null) npm.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
