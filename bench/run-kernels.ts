/**
 * `npm run bench`: runs every tinybench suite (dist/bench/*.bench.js), one
 * process each so one suite's garbage does not slow the next, and prints
 * their tables. Pass names to run some: `npm run bench -- ks metrics`.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const suites = readdirSync(here)
  .filter((f) => f.endsWith('.bench.js'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();
let failed = 0;
for (const suite of suites) {
  console.log(`\n## ${suite.replace('.bench.js', '')}\n`);
  const r = spawnSync(process.execPath, [join(here, suite)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
