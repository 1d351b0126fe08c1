import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { logger } from '../logger';

// Logs each request the way pino-http does: one line when it arrives, one when it completes or the client goes away.
export function requestLogging(req: Request, res: Response, next: NextFunction): void {
  const started = process.hrtime.bigint();
  const reqId = req.get('x-request-id') ?? randomUUID();
  const log = logger.child({ reqId });
  res.locals.log = log;
  res.setHeader('x-request-id', reqId);

  const request = { id: reqId, method: req.method, url: req.originalUrl, remoteAddress: req.socket.remoteAddress };
  log.info({ req: request }, 'incoming request');

  const elapsedMs = (): number => Number(process.hrtime.bigint() - started) / 1e6;
  res.on('finish', () => {
    log.info({ req: request, res: { statusCode: res.statusCode }, responseTime: Math.round(elapsedMs()) }, 'request completed');
  });
  res.on('close', () => {
    if (!res.writableFinished) log.warn({ req: request, responseTime: Math.round(elapsedMs()) }, 'request aborted');
  });
  next();
}
