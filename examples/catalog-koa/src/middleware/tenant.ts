import type { Context, Next } from 'koa';
import { ApiError } from '../lib/errors';

const tenants: Record<string, { currency: string; region: string }> = {
  'acme-eu': { currency: 'EUR', region: 'eu-west' },
  'globex-de': { currency: 'EUR', region: 'eu-central' },
  'initech-us': { currency: 'USD', region: 'us-east' },
  'umbrella-pt': { currency: 'EUR', region: 'eu-west' },
};

export async function resolveTenant(ctx: Context, next: Next): Promise<void> {
  const tenantId = ctx.get('x-tenant-id');
  const tenant = tenants[tenantId];
  if (!tenant) throw new ApiError(403, 'unknown_tenant', 'x-tenant-id is missing or unknown');
  ctx.state.tenant = { id: tenantId, ...tenant };
  await next();
}
