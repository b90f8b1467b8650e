/**
 * Writes the README's example files: examples/reference.arrow (Arrow file
 * format, 5,000 rows), examples/current.arrow (Arrow stream format, 4,000
 * rows, drifted) and examples/spec.json.
 *
 *   npm run build && node dist/src/demo/write-examples.js [DIR]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SYNTHETIC_SPEC, syntheticArrow, syntheticBatch } from './synthetic.js';

const dir = process.argv[2] ?? 'examples';
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'reference.arrow'), syntheticArrow(syntheticBatch(5000, 1, 0), 'file'));
writeFileSync(join(dir, 'current.arrow'), syntheticArrow(syntheticBatch(4000, 2, 0.6, Date.UTC(2026, 10, 26)), 'stream'));
writeFileSync(join(dir, 'spec.json'), `${JSON.stringify(SYNTHETIC_SPEC, null, 2)}\n`);
console.log(`wrote ${dir}/reference.arrow, ${dir}/current.arrow, ${dir}/spec.json`);
