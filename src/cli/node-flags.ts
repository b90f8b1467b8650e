/**
 * The V8 flags the service runs with: `npm start`, the `driftgauge` command
 * (its shebang line) and the benchmarks pass them to node. V8 reads them
 * when it creates an isolate and node refuses them in NODE_OPTIONS, so they
 * must be on node's command line (test/cli/node-flags.test.ts holds the
 * three places together).
 *
 * `--initial-old-space-size=128`: V8 sizes an isolate's old-generation
 * limit from the live heap, ~20 MB here, and under ingest load it then starts
 * a full mark-compact every few batches though the heap does not grow (the
 * main thread: 86 in 15 s). A 128 MB starting limit stops that: +15%
 * throughput and half the p99 at max load in alternated runs, RSS flat
 * over 2,300 batches (bench/RESULTS.md). It is a starting limit, not a cap:
 * memory-heavy work still grows the heap as before.
 */
export const NODE_FLAGS = ['--initial-old-space-size=128'] as const;
