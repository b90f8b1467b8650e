#!/usr/bin/env -S node --initial-old-space-size=128 --max-semi-space-size=8
/**
 * The `driftgauge` command. Exit 0 with the result; exit 1 on bad input
 * with one line on stderr: the error code and a message naming the file,
 * the column and the problem.
 */
import { DriftgaugeError, toWire } from '../errors.js';
import { COMMAND_HELP, COMPARE_USAGE } from './usage.js';

const USAGE = `driftgauge: data drift and model metrics

commands:
  ${COMPARE_USAGE.replace('usage: ', '')}
  driftgauge serve      run the drift service (configuration from the environment: DRIFTGAUGE_PORT, DRIFTGAUGE_DATA_DIR, ...)
  driftgauge doctor     print the runtime, cores, pool size and the TF.js backend chosen (and why others were skipped)
  driftgauge demo       start the service, stream drifting batches to it, print the monitor's reports
  driftgauge help       this text; \`driftgauge <command> --help\` for one command
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== undefined && COMMAND_HELP[command] && (rest.includes('--help') || rest.includes('-h'))) {
    process.stdout.write(COMMAND_HELP[command]);
    return 0;
  }
  switch (command) {
    case 'compare': {
      const { runCompare } = await import('./compare-command.js');
      await runCompare(rest);
      return 0;
    }
    case 'doctor': {
      const { runDoctor } = await import('./doctor-command.js');
      await runDoctor();
      return 0;
    }
    case 'demo': {
      const { runDemo } = await import('../demo/run-demo.js');
      await runDemo();
      return 0;
    }
    case 'serve': {
      const { serve } = await import('../http/server.js');
      await serve();
      return -1;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return 0;
    default:
      process.stderr.write(`driftgauge: DRIFTGAUGE_ERR_USAGE: unknown command '${command}'\n${USAGE}`);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err: unknown) => {
    const wire = toWire(err);
    const message = wire.message.split('\n')[0];
    process.stderr.write(`driftgauge: ${wire.code}: ${message}\n`);
    if (!(err instanceof DriftgaugeError) && process.env.DRIFTGAUGE_DEBUG) console.error(err);
    process.exitCode = 1;
  },
);
