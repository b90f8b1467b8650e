/**
 * `driftgauge compare --reference REF --current CUR [--spec spec.json]
 *  [--format json|text] [--out FILE]`: the exact engine on two Arrow files.
 *
 * Start-up overlaps: the worker threads start first; both files are read
 * into SharedArrayBuffers (on libuv's thread pool) while this thread
 * imports the Arrow reader and the engine; then the tables are decoded,
 * the reference first, so errors come in the order the files were named.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readFileBytes } from '../arrow/read-file-bytes.js';
import { DRIFT_METHOD_NAMES } from '../engine/drift-methods.js';
import { defaultSpec, type ModelSpec, parseSpec } from '../engine/spec.js';
import { createError } from '../errors.js';
import type { MultivariateOptions } from '../multivariate/multivariate-types.js';
import { formatText } from './format-text.js';
import { poolRunnerFor, startComparePool } from './pool-runner.js';
import { Progress } from './progress.js';
import { COMPARE_USAGE } from './usage.js';

export interface CompareArgs {
  reference: string;
  current: string;
  spec?: string;
  format: 'json' | 'text';
  out?: string;
  threads?: number;
  /** false with --no-multivariate */
  multivariate: boolean;
}

export function parseCompareArgs(argv: string[]): CompareArgs {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        reference: { type: 'string', short: 'r' },
        current: { type: 'string', short: 'c' },
        spec: { type: 'string', short: 's' },
        format: { type: 'string', short: 'f', default: 'json' },
        out: { type: 'string', short: 'o' },
        threads: { type: 'string' },
        'no-multivariate': { type: 'boolean', default: false },
      },
    });
  } catch (err) {
    throw createError('DRIFTGAUGE_ERR_USAGE', `${(err as Error).message}\n${COMPARE_USAGE}`);
  }
  const noMultivariate = parsed.values['no-multivariate'] === true;
  const v = parsed.values as Record<string, string | undefined>;
  if (!v.reference || !v.current) throw createError('DRIFTGAUGE_ERR_USAGE', `--reference and --current are required\n${COMPARE_USAGE}`);
  if (v.format !== 'json' && v.format !== 'text') throw createError('DRIFTGAUGE_ERR_USAGE', `--format must be json or text (got '${v.format}')`);
  let threads: number | undefined;
  if (v.threads !== undefined) {
    threads = Number(v.threads);
    if (!Number.isInteger(threads) || threads < 0 || threads > 256) {
      throw createError('DRIFTGAUGE_ERR_USAGE', `--threads must be an integer from 0 (no worker threads) to 256 (got '${v.threads}')`);
    }
  }
  return { reference: v.reference, current: v.current, spec: v.spec, format: v.format, out: v.out, threads, multivariate: !noMultivariate };
}

function readSpec(path: string | undefined): ModelSpec {
  if (path === undefined) return defaultSpec();
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') throw createError('DRIFTGAUGE_ERR_FILE_NOT_FOUND', path);
    throw createError('DRIFTGAUGE_ERR_FILE_READ', path, e.message);
  }
  return parseSpec(text, path, DRIFT_METHOD_NAMES);
}


/** TF.js for multivariate drift, loaded only when it is on (DRIFTGAUGE_TF_BACKEND chooses; a forced backend that fails stops the run). */
async function multivariateOptions(spec: ModelSpec): Promise<MultivariateOptions> {
  const { loadTfBackend } = await import('../../native-bindings/load-backend.js');
  const loaded = await loadTfBackend();
  return { tf: loaded.tf, seed: spec.multivariate.seed, maxRows: spec.multivariate.max_rows };
}

export async function runCompare(argv: string[], stdout: NodeJS.WritableStream = process.stdout): Promise<void> {
  const args = parseCompareArgs(argv);
  const spec = readSpec(args.spec);
  const progress = new Progress();
  const started = startComparePool([args.reference, args.current], args.threads);
  let handedOver = false;
  try {
    progress.stage(`reading ${args.reference}`);
    const refBytes = readFileBytes(args.reference, { shared: true });
    const curBytes = readFileBytes(args.current, { shared: true });
    // Awaited in order below; until then a failed read must not count as unhandled.
    refBytes.catch(() => {});
    curBytes.catch(() => {});
    const [{ readTable }, { compareTables }] = await Promise.all([import('../arrow/read-table.js'), import('../engine/compare.js')]);
    const ref = readTable(await refBytes, args.reference);
    progress.stage(`reading ${args.current}`);
    const cur = readTable(await curBytes, args.current);
    handedOver = true;
    const runner = await poolRunnerFor(ref, cur, args.threads, started);
    try {
      progress.stage('comparing columns', 1);
      const multivariate = args.multivariate && spec.multivariate.enabled ? await multivariateOptions(spec) : undefined;
      const report = await compareTables(ref, cur, spec, {
        runner: runner?.runner,
        multivariate,
        onProgress: (done, total) => progress.update(done, total),
      });
      progress.stop();
      const text = args.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatText(report);
      if (args.out) {
        try {
          writeFileSync(args.out, text);
        } catch (err) {
          throw createError('DRIFTGAUGE_ERR_OUTPUT_WRITE', args.out, (err as Error).message);
        }
      } else {
        stdout.write(text);
      }
    } finally {
      await runner?.close();
    }
  } finally {
    progress.stop();
    if (!handedOver) await started?.destroy();
  }
}
