/**
 * Imports a package that may not be installed, telling "not installed" apart
 * from "installed but failed to load" (a native addon whose shared library is
 * missing, a broken dependency).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Result of {@link importOptional}. */
export type OptionalImport =
  | { ok: true; module: Record<string, unknown> }
  | { ok: false; missing: boolean; reason: string };

/** The first line of an error's message, for a one-line skip reason. */
export function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0].trim();
}

function isNotFound(err: unknown, name: string): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return false;
  // "Cannot find package 'X' imported from ..." / "Cannot find module 'X'": only
  // the package itself missing counts as not installed, not one of its dependencies.
  const message = err instanceof Error ? err.message : '';
  return message.includes(`'${name}'`) || message.includes(`"${name}"`);
}

/**
 * Whether `name` resolves from here, without loading it. A package whose
 * `exports` hide its entry from `require` still counts as installed.
 */
export function isInstalled(name: string): boolean {
  try {
    require.resolve(name);
    return true;
  } catch (err) {
    return !isNotFound(err, name);
  }
}

/** Absolute path of the file `name` resolves to (its CommonJS entry). */
export function resolvePackageEntry(name: string): string {
  return require.resolve(name);
}

/**
 * `await import(name)` inside try/catch. The specifier is a variable so that
 * neither TypeScript nor a bundler insists the package exists.
 */
export async function importOptional(name: string): Promise<OptionalImport> {
  const specifier: string = name;
  try {
    const module = (await import(specifier)) as Record<string, unknown>;
    return { ok: true, module };
  } catch (err) {
    if (isNotFound(err, name)) return { ok: false, missing: true, reason: 'not installed' };
    return { ok: false, missing: false, reason: firstLine(err) };
  }
}
