/**
 * Runs the service: configuration from the environment, the runtime, listen,
 * and graceful shutdown on SIGTERM / SIGINT (stop accepting, finish
 * in-flight batches, close the pool and the store).
 */
import { loadConfig, type Env } from '../config.js';
import { createRuntime, type Runtime } from '../service/runtime.js';

export async function serve(env: Env = process.env): Promise<Runtime> {
  const config = loadConfig(env);
  const runtime = await createRuntime(config, { logger: { level: config.logLevel } });
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
  return runtime;
}
