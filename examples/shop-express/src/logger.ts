import pino from 'pino';
import { config } from './config';

// Synchronous writes: the demo's volume is small and every line must be on disk when the process is stopped.
export const logger = pino(
  { level: config.logLevel, base: { service: config.serviceName }, timestamp: pino.stdTimeFunctions.epochTime },
  pino.destination({ dest: config.logFile, sync: true, mkdir: true }),
);
