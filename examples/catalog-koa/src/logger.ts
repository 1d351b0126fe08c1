import pino from 'pino';
import { config } from './config';

export const logger = pino(
  { level: config.logLevel, base: { service: config.serviceName } },
  pino.destination({ dest: config.logFile, sync: true, mkdir: true }),
);
