/**
 * Shared fixtures for the telemetry tests: known trace ids, a small report,
 * a free loopback port, and the rule for tests that need a binary
 * (promtool, prometheus): run when it is on PATH, fail under CI=true when
 * it is missing, skip otherwise.
 */
import { accessSync, constants } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import type { EvaluationReport } from '../../src/telemetry/types.js';

export const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
export const PARENT_SPAN_ID = '00f067aa0ba902b7';
/** A sampled incoming traceparent. */
export const SAMPLED_TRACEPARENT = `00-${TRACE_ID}-${PARENT_SPAN_ID}-01`;
/** The same trace, not sampled by the caller. */
export const UNSAMPLED_TRACEPARENT = `00-${TRACE_ID}-${PARENT_SPAN_ID}-00`;

/** A report in CONTRACT.md's shape with the fields telemetry reads. */
export function reportOf(
  features: { name: string; method?: string; score: number; detected: boolean }[],
  extra: Partial<EvaluationReport> = {},
): EvaluationReport {
  const drifted = features.filter((f) => f.detected).length;
  return {
    features: features.map((f) => ({ name: f.name, drift: { method: f.method ?? 'ks', score: f.score, detected: f.detected } })),
    dataset: { share: features.length ? drifted / features.length : 0, drift_share: 0.5 },
    model: { current: { rows: 100, accuracy: 0.91, f1: 0.88, confusion_matrix: [[1, 2], [3, 4]] } },
    ...extra,
  };
}

/** A free TCP port on 127.0.0.1 (closed again before returning). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** The absolute path of an executable on PATH, or null. */
export function which(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return null;
}

export const IN_CI = process.env.CI === 'true';

/**
 * The binary's path when tests needing it should run; null to skip. Under
 * CI=true a missing binary is not a skip: the test runs and fails with
 * `missingBinaryMessage`.
 */
export function binaryForTest(name: string): { run: boolean; path: string | null } {
  const path = which(name);
  return { run: path !== null || IN_CI, path };
}

export function missingBinaryMessage(name: string): string {
  return `${name} is not on PATH and CI=true: install it (Debian: apt-get install -y prometheus) so this test can run`;
}
