/**
 * Runs the service: configuration from the environment, the runtime, listen,
 * and graceful shutdown on SIGTERM / SIGINT (stop accepting, finish
 * in-flight batches, close the pool and the store).
 */
import { describeTfBackend } from '../../native-bindings/describe-backend.js';
import { loadTfBackend } from '../../native-bindings/load-backend.js';
import { type Env, loadConfig } from '../config.js';
import { createRuntime, type Runtime } from '../service/runtime.js';
import { traceFields } from '../telemetry/log-fields.js';

export async function serve(env: Env = process.env): Promise<Runtime> {
  const config = loadConfig(env);
  // The TF.js backend (multivariate drift, sketch kernels): a forced one that cannot load stops the start.
  const loaded = await loadTfBackend(config.tfBackend);
  const backend = describeTfBackend(loaded);
  // Every log line written in a request, a scheduled evaluation or a span carries its trace.
  const runtime = await createRuntime(config, { logger: { level: config.logLevel, mixin: traceFields }, backend: () => backend });
  const log = runtime.app.log;
  let closing: Promise<void> | null = null;
  const shutdown = (signal: string) => {
    if (closing) return;
    log.info({ signal }, 'shutting down: finishing in-flight work');
    closing = runtime.close().then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (err) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  await runtime.app.listen({ port: config.port, host: config.host });
  log.info(
    { dataDir: config.dataDir, poolSize: config.poolSize, bodyLimit: config.bodyLimit, port: config.port, host: config.host },
    'driftgauge is serving',
  );
  log.info({ tf: backend }, `TF.js backend: ${backend.backend ?? 'none'}`
  );
  return runtime;
}
