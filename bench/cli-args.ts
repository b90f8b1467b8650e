/**
 * Command-line options of a benchmark script: node's `parseArgs`, plus
 * `--help` (the usage line and every option with its default, exit 0) and,
 * for an option it does not know or a missing value, one line saying so
 * with the usage (exit 2), where `parseArgs` alone ends in a stack trace.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses `process.argv` for a benchmark.
 *
 * @param usage the script's usage line (`node dist/bench/x.js [--a 1] ...`)
 * @param config `parseArgs`'s configuration (options with their defaults)
 * @returns what `parseArgs` returns
 * @throws never: prints and exits on `--help` and on a bad command line
 */
export function benchArgs<T extends { options: Options; allowPositionals?: boolean }>(usage: string, config: T): ReturnType<typeof parseArgs<T>> {
  if (process.argv.slice(2).some((a) => a === '--help' || a === '-h')) {
    process.stdout.write(helpText(usage, config.options));
    process.exit(0);
  }
  try {
    return parseArgs(config);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${helpText(usage, config.options)}`);
    process.exit(2);
  }
}

/**
 * Refuses an option value a script checks itself: the message and a pointer
 * to `--help` on stderr, exit 2 (no stack trace).
 *
 * @param message what is wrong, naming the option
 */
export function refuseArgs(message: string): never {
  process.stderr.write(`${message} (--help lists the options)\n`);
  process.exit(2);
}

/** The usage line, then one line per option: its name, and its default when it has one. */
export function helpText(usage: string, options: Options): string {
  const lines = Object.entries(options).map(([name, o]) => {
    const value = o.type === 'string' ? ' <value>' : '';
    const fallback = o.default === undefined || o.default === '' || o.default === false ? '' : `  (default ${String(o.default)})`;
    return `  --${name}${value}${fallback}`;
  });
  return `usage: ${usage}\n\noptions:\n${lines.join('\n')}\n  --help, -h\n`;
}
