import Router from '@koa/router';
import { invalid } from '../lib/errors';
import { itemDetails, listItems } from '../services/listing-service';
import { availability, priceFor } from '../services/pricing-service';
import { searchItems } from '../services/search-service';

export const itemsRouter = new Router();

itemsRouter.get('/items', async (ctx) => {
  const limit = Math.min(Number(ctx.query.limit) || 25, 100);
  const after = typeof ctx.query.after === 'string' ? ctx.query.after : null;
  ctx.body = await listItems(after, limit);
});

itemsRouter.get('/items/:sku', async (ctx) => {
  ctx.body = await itemDetails(ctx.params.sku!);
});

itemsRouter.get('/items/:sku/price', async (ctx) => {
  ctx.body = await priceFor(ctx.params.sku!, ctx.state.tenant.currency);
});

itemsRouter.get('/items/:sku/availability', async (ctx) => {
  ctx.body = await availability(ctx.params.sku!, ctx.state.tenant.region);
});

itemsRouter.get('/search', async (ctx) => {
  const query = typeof ctx.query.q === 'string' ? ctx.query.q.trim() : '';
  if (!query) throw invalid('q is required');
  ctx.body = { results: await searchItems(query) };
});
