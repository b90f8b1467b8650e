import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NODE_FLAGS } from '../../src/cli/node-flags.js';

const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));

describe('node flags of the service', () => {
  const pkg = JSON.parse(readFileSync(root('package.json'), 'utf8')) as { scripts: Record<string, string>; bin: Record<string, string> };

  it('npm start and npm run demo pass them to node', () => {
    // exec: the shell npm runs the script in becomes node, so a signal to it reaches the service.
    for (const script of ['start', 'demo']) expect(pkg.scripts[script]).toBe(`exec node ${NODE_FLAGS.join(' ')} dist/src/cli/main.js ${script === 'start' ? 'serve' : 'demo'}`);
  });

  it('the driftgauge command passes them on its shebang line, source and build alike', () => {
    const shebang = `#!/usr/bin/env -S node ${NODE_FLAGS.join(' ')}`;
    expect(readFileSync(root('src/cli/main.ts'), 'utf8').split('\n')[0]).toBe(shebang);
    expect(readFileSync(root(pkg.bin.driftgauge), 'utf8').split('\n')[0]).toBe(shebang);
  });

  it('the command runs as an executable with them (env -S), and this node accepts them', () => {
    const out = execFileSync(root(pkg.bin.driftgauge), ['--help'], { encoding: 'utf8' });
    expect(out.split('\n')[0]).toMatch(/^driftgauge/);
    // An unknown V8 flag makes node exit 9 ("bad option") before running anything.
    expect(execFileSync(process.execPath, [...NODE_FLAGS, '-p', '6 * 7'], { encoding: 'utf8' }).trim()).toBe('42');
  });
});
