// The traffic mix the load generator sends to catalog-koa. SKUs, brands and tenants follow the service's
// seed data (src/store/documents.ts, src/middleware/tenant.ts).
const tenants = ['acme-eu', 'globex-de', 'initech-us', 'umbrella-pt'];
const words = ['classic', 'eco backpack', 'pro', 'travel kettle', 'urban watch', 'vintage', 'desk lamp', 'compact'];
const sku = (rng) => `SKU-${String(rng.int(1, 410) * 37).padStart(6, '0')}`;
const brandId = (rng) => `b-${100 + rng.int(1, 12)}`;
const get = (path) => (rng) => ({ method: 'GET', path: typeof path === 'function' ? path(rng) : path, headers: { 'x-tenant-id': rng.pick(tenants) } });

export default {
  service: 'catalog-koa',
  stuckFlow: 'GET /brands/:brandId/changes',
  defaults: { duration: 40, rate: 20, seed: 7, timeout: 2000, warmup: 3 },
  flows: [
    { flow: 'GET /items', weight: 24, request: get((rng) => (rng.chance(0.5) ? `/items?limit=${rng.pick([10, 25, 60])}` : `/items?after=${sku(rng)}`)) },
    { flow: 'GET /items/:sku', weight: 26, request: get((rng) => `/items/${sku(rng)}`) },
    { flow: 'GET /items/:sku/price', weight: 12, request: get((rng) => `/items/${sku(rng)}/price`) },
    { flow: 'GET /items/:sku/availability', weight: 6, request: get((rng) => `/items/${sku(rng)}/availability`) },
    { flow: 'GET /search', weight: 14, request: get((rng) => `/search?q=${encodeURIComponent(rng.pick(words))}`) },
    { flow: 'GET /brands', weight: 5, request: get('/brands') },
    { flow: 'GET /brands/:brandId', weight: 11, request: get((rng) => `/brands/${brandId(rng)}`) },
    { flow: 'GET /brands/:brandId/changes', weight: 2, request: get((rng) => `/brands/${brandId(rng)}/changes?since=seq-${rng.int(0, 30)}`) },
  ],
};
