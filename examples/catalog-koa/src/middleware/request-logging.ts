import { randomUUID } from 'node:crypto';
import type { Context, Next } from 'koa';
import { logger } from '../logger';

export async function requestLogging(ctx: Context, next: Next): Promise<void> {
  const started = performance.now();
  const reqId = ctx.get('x-request-id') || randomUUID();
  const log = logger.child({ reqId });
  ctx.state.log = log;
  ctx.set('x-request-id', reqId);

  const req = { id: reqId, method: ctx.method, url: ctx.originalUrl, tenant: ctx.get('x-tenant-id') || undefined };
  log.info({ req }, 'incoming request');
  await next();
  log.info({ req, res: { statusCode: ctx.status }, responseTime: Math.round(performance.now() - started) }, 'request completed');
}
