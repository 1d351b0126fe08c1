import type { NextFunction, Request, Response } from 'express';
import { HttpError } from '../lib/errors';
import { logger } from '../logger';

export function errorHandler(error: unknown, _req: Request, res: Response, _next: NextFunction): void {
  if (error instanceof HttpError) {
    res.status(error.status).json({ error: error.code, message: error.message });
    return;
  }
  logger.error({ err: error }, 'unhandled error');
  res.status(500).json({ error: 'internal', message: 'something went wrong' });
}
