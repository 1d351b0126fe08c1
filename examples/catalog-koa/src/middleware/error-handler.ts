import type { Context, Next } from 'koa';
import { ApiError } from '../lib/errors';
import { logger } from '../logger';

export async function errorHandler(ctx: Context, next: Next): Promise<void> {
  try {
    await next();
  } catch (error) {
    if (error instanceof ApiError) {
      ctx.status = error.status;
      ctx.body = { error: error.code, message: error.message };
      return;
    }
    logger.error({ err: error }, 'unhandled error');
    ctx.status = 500;
    ctx.body = { error: 'internal', message: 'something went wrong' };
  }
}
