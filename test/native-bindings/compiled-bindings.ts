/**
 * Child-process tests need native-bindings/ as JavaScript (Node 20 cannot run
 * TypeScript). This transpiles native-bindings/*.ts and src/errors.ts into a
 * temporary directory with the same layout, and gives it a node_modules whose
 * @tensorflow/ entries link to the real packages, plus any fake packages a
 * test adds (a tfjs-node whose native library fails to load).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A fake package: name and its index.js source. */
export interface FakePackage {
  name: string;
  source: string;
}

/** A temporary copy of the compiled bindings; `remove()` deletes it. */
export interface CompiledBindings {
  dir: string;
  remove(): void;
}

function transpile(from: string, to: string): void {
  const out = ts.transpileModule(readFileSync(from, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  mkdirSync(dirname(to), { recursive: true });
  writeFileSync(to, out.outputText);
}

/** Compiles the bindings into a fresh temporary directory. */
export function compileBindings(fakes: FakePackage[] = []): CompiledBindings {
  const dir = mkdtempSync(join(tmpdir(), 'driftgauge-bindings-'));
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  for (const file of readdirSync(join(ROOT, 'native-bindings'))) {
    if (file.endsWith('.ts')) transpile(join(ROOT, 'native-bindings', file), join(dir, 'native-bindings', file.replace(/\.ts$/, '.js')));
  }
  transpile(join(ROOT, 'src', 'errors.ts'), join(dir, 'src', 'errors.js'));
  const scope = join(dir, 'node_modules', '@tensorflow');
  mkdirSync(scope, { recursive: true });
  for (const pkg of readdirSync(join(ROOT, 'node_modules', '@tensorflow'))) {
    symlinkSync(join(ROOT, 'node_modules', '@tensorflow', pkg), join(scope, pkg), 'dir');
  }
  for (const fake of fakes) {
    const at = join(dir, 'node_modules', fake.name);
    mkdirSync(at, { recursive: true });
    writeFileSync(join(at, 'package.json'), JSON.stringify({ name: fake.name, version: '0.0.0', main: 'index.js' }));
    writeFileSync(join(at, 'index.js'), fake.source);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
