// Telemetry starts first so the instrumentations can patch http, koa and pino as they load.
import { telemetry } from './telemetry';
import { createApp } from './app';
import { config } from './config';
import { logger } from './logger';

const server = createApp().listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ port }, 'catalog-koa listening');
  process.stdout.write(`listening on ${config.host}:${port}\n`);
});

async function shutdown(signal: string): Promise<void> {
  logger.info({ signal }, 'shutting down');
  server.close();
  // Flush what has ended, but do not let an unreachable collector keep the process alive.
  const flushed = telemetry.shutdown().catch((error: unknown) => logger.error({ err: error }, 'telemetry shutdown failed'));
  await Promise.race([flushed, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
  process.exit(0);
}

process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
