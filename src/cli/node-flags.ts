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
 *
 * `--max-semi-space-size=8` (MB; node 20's V8 grows each isolate's young
 * generation up to 16): under ingest load every isolate (the main thread and
 * each pool worker) grew its young generation to the maximum within the
 * first ~1,000 batches, ~16 MB each, which was most of the service's RSS
 * growth (+25–31% over 4,800 batches, +12–16% at 1,000). Capped at 8: +15–17%
 * and +4–7%, ~50 MB less in steady state, GC time per batch unchanged
 * (0.24 against 0.26 ms, `--trace-gc`) and max-load throughput within the
 * noise or better (57.6 / 52.7 / 57.4 against 54.0 / 49.3 / 54.9 M values/s,
 * alternated); `driftgauge compare` of 1M × 20 columns no slower (large
 * typed arrays live outside the young generation). bench/RESULTS.md, twelfth session.
 */
export const NODE_FLAGS = ['--initial-old-space-size=128', '--max-semi-space-size=8'] as const;
