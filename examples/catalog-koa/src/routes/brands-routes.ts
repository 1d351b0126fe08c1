import Router from '@koa/router';
import { changesForBrand } from '../services/brand-changes-service';
import { allBrands, brandOverview, listItems } from '../services/listing-service';

export const brandsRouter = new Router({ prefix: '/brands' });

brandsRouter.get('/', async (ctx) => {
  ctx.body = { brands: await allBrands() };
});

brandsRouter.get('/:brandId', async (ctx) => {
  const overview = await brandOverview(ctx.params.brandId!);
  ctx.body = { ...overview, firstItems: (await listItems(null, 10, overview.id)).items };
});

brandsRouter.get('/:brandId/changes', async (ctx) => {
  const since = typeof ctx.query.since === 'string' ? ctx.query.since : 'seq-0';
  ctx.body = await changesForBrand(ctx.params.brandId!, since);
});
