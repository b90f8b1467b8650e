export const COMPARE_USAGE =
  'usage: driftgauge compare --reference REF --current CUR [--spec spec.json] [--format json|text] [--out FILE] [--threads N] [--no-multivariate]';

/** `driftgauge <command> --help`: what each command does and takes. */
export const COMMAND_HELP: Record<string, string> = {
  compare: `${COMPARE_USAGE}

Compares two Arrow IPC files (file or stream format) column by column and
prints the drift report (exact statistics; CONTRACT.md's report shape).

  --reference REF      the reference data (training or a known-good period)
  --current CUR        the data to judge against it
  --spec FILE          model spec JSON (column roles, drift methods, thresholds);
                       default: every column a feature, kinds from the Arrow types
  --format json|text   json (default): the report; text: a table for people
  --out FILE           write the report there instead of stdout
  --threads N          worker threads for the columns (default: the cores)
  --no-multivariate    skip the multivariate section (PCA reconstruction, domain classifier)

Exit 0 with the report; exit 1 with one line on stderr naming the file, the
column and the problem. A progress bar shows on a terminal for long runs.
`,
  serve: `usage: driftgauge serve

Runs the drift service (HTTP API, worker pool, SQLite store, monitors,
GET /metrics). Configured by the environment: DRIFTGAUGE_PORT (8080),
DRIFTGAUGE_HOST (0.0.0.0), DRIFTGAUGE_DATA_DIR (./data), DRIFTGAUGE_POOL_SIZE
(cores), DRIFTGAUGE_BODY_LIMIT (64 MiB), DRIFTGAUGE_TF_BACKEND (auto),
LOG_LEVEL (info) and the standard OTEL_* variables. SIGTERM finishes the
batches in flight, then exits.
`,
  doctor: `usage: driftgauge doctor

Prints the runtime, the cores, the pool size and the TF.js backend chosen on
this machine, with the reason each other backend was skipped.
`,
  demo: `usage: driftgauge demo

Starts the service on a free port with a temporary data directory, creates a
model, uploads a reference, streams batches that drift part-way through, runs
the monitor and prints its reports.
`,
};
