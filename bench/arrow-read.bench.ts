/**
 * Decoding Arrow IPC into typed columns, 1,000,000 rows:
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/arrow-read.bench.js
 *
 * - 20 float64 columns, file format, one record batch: every column is a view
 *   on the input bytes, so this measures verification and apache-arrow's
 *   metadata decoding, independent of rows.
 * - the same in 16 batches of 62,500 rows: each column is copied once.
 * - utf8 with 50 distinct values: one hash lookup on the raw bytes per row,
 *   one TextDecoder call per distinct value.
 * - the same strings dictionary-encoded (int32 indices).
 * - for scale, apache-arrow alone turning the utf8 column into strings
 *   (Vector.toArray) and a Map<string, code>, which is what a naive reader does.
 */
import { tableFromIPC } from 'apache-arrow';
import { Bench } from 'tinybench';
import { readTable } from '../src/arrow/read-table.js';
import { writeTable } from '../src/arrow/write-table.js';
import { mulberry32 } from '../src/multivariate/seeded-random.js';

const ROWS = 1_000_000;
const COLUMNS = 20;


const rand = mulberry32(7);
const floats = Object.fromEntries(
  Array.from({ length: COLUMNS }, (_, c) => [`f${c}`, Float64Array.from({ length: ROWS }, () => rand() * 100 + c)]),
);
const numericOne = writeTable(floats, { format: 'file' });
const numericMany = writeTable(floats, { format: 'file', batchRows: ROWS / 16 });

const CATEGORIES = Array.from({ length: 50 }, (_, i) => `segment-${String(i).padStart(2, '0')}`);
const labels = Array.from({ length: ROWS }, () => CATEGORIES[Math.floor(rand() * CATEGORIES.length)]);
const utf8 = writeTable({ s: labels }, { format: 'stream' });
const dictionary = writeTable({ s: labels }, { format: 'stream', dictionary: ['s'] });

const mb = (bytes: Uint8Array) => `${(bytes.byteLength / 2 ** 20).toFixed(1)} MiB`;
console.log(
  `inputs: float64 ${mb(numericOne)} (1 batch), ${mb(numericMany)} (16 batches); utf8 ${mb(utf8)}; dictionary ${mb(dictionary)}`,
);

const bench = new Bench({ name: 'Arrow IPC → typed columns, 1e6 rows', time: 2_000, iterations: 10, warmupIterations: 3 });
let sink = 0;
bench
  .add('float64 × 20, file, 1 batch (zero-copy)', () => {
    sink += readTable(numericOne, 'numeric.arrow').rows;
  })
  .add('float64 × 20, file, 16 batches (one copy)', () => {
    sink += readTable(numericMany, 'numeric.arrow').rows;
  })
  .add('utf8, 50 distinct, stream', () => {
    sink += readTable(utf8, 'utf8.arrows').rows;
  })
  .add('dictionary<utf8>, 50 distinct, stream', () => {
    sink += readTable(dictionary, 'dict.arrows').rows;
  })
  .add('baseline: apache-arrow toArray + Map, utf8', () => {
    const strings = (tableFromIPC(utf8).getChild('s')?.toArray() ?? []) as (string | null)[];
    const codes = new Int32Array(strings.length);
    const seen = new Map<string, number>();
    for (let i = 0; i < strings.length; i++) {
      const s = strings[i];
      if (s === null) {
        codes[i] = -1;
        continue;
      }
      let code = seen.get(s);
      if (code === undefined) {
        code = seen.size;
        seen.set(s, code);
      }
      codes[i] = code;
    }
    sink += codes.length;
  });

await bench.run();
console.log(bench.name);
console.table(bench.table());
if (sink === 0) console.log('');
