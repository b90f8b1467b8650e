import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { helpText } from '../../bench/cli-args.js';

/** A compiled benchmark script, run as a user would (npm test builds dist first). */
function runBench(script: string, args: string[]) {
  const path = fileURLToPath(new URL(`../../dist/bench/${script}`, import.meta.url));
  return spawnSync(process.execPath, [path, ...args], { encoding: 'utf8' });
}

describe('benchmark command lines', () => {
  it('lists every option with its default', () => {
    const text = helpText('node x.js [--a 1]', { a: { type: 'string', default: '1' }, quiet: { type: 'boolean', default: false }, dir: { type: 'string' } });
    expect(text).toBe('usage: node x.js [--a 1]\n\noptions:\n  --a <value>  (default 1)\n  --quiet\n  --dir <value>\n  --help, -h\n');
  });

  it('--help prints the usage and exits 0, before doing any work', () => {
    for (const script of ['http-load.js', 'http-floor.js', 'ingest-breakdown.js', 'whole-run.js']) {
      const r = runBench(script, ['--help']);
      expect(r.status, script).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^usage: .*dist/bench/${script.replace('.', '\\.')}`));
      expect(r.stdout).toContain('  --help, -h\n');
    }
    expect(runBench('http-load.js', ['--help']).stdout).toContain('--dtype <value>  (default float64)');
  });

  it('an unknown option is one line and the usage on stderr, exit 2, no stack trace', () => {
    const r = runBench('whole-run.js', ['--bogus']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^Unknown option '--bogus'/);
    expect(r.stderr).toContain('usage: npm run build && node dist/bench/whole-run.js');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a value the script checks itself is refused the same way', () => {
    const r = runBench('http-load.js', ['--dtype', 'int8']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('--dtype is float64 or float32, not int8 (--help lists the options)\n');
  });
});
