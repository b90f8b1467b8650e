import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

describe('driftgauge help', () => {
  it('lists the commands', () => {
    for (const args of [[], ['help'], ['--help']]) {
      const r = runCli(args);
      expect(r.status).toBe(0);
      for (const c of ['compare', 'serve', 'doctor', 'demo']) expect(r.stdout).toContain(`driftgauge ${c}`);
    }
  });

  it.each(['compare', 'serve', 'doctor', 'demo'])('answers `%s --help` with that command\'s usage, exit 0', (command) => {
    const r = runCli([command, '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^usage: driftgauge ${command}`));
    expect(r.stderr).toBe('');
  });

  it('documents every compare option it accepts', () => {
    const out = runCli(['compare', '-h']).stdout;
    for (const o of ['--reference', '--current', '--spec', '--format', '--out', '--threads', '--no-multivariate']) expect(out).toContain(o);
  });
});
