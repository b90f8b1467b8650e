import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The compiled worker entry `dist/workers/NAME.js`. From compiled code it is
 * a sibling path; from TypeScript sources (vitest) the compiled copy is
 * used, which `npm test` builds first (`pretest`).
 */
export function workerPath(name: string): string {
  const here = fileURLToPath(import.meta.url);
  const compiled = here.endsWith('.js')
    ? fileURLToPath(new URL(`../../workers/${name}.js`, import.meta.url))
    : fileURLToPath(new URL(`../../dist/workers/${name}.js`, import.meta.url));
  if (!existsSync(compiled)) throw new Error(`worker ${compiled} not found: run npm run build`);
  return compiled;
}
