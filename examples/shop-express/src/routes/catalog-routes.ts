import { Router } from 'express';
import { asyncHandler } from '../lib/async-handler';
import { listProducts, productDetails, searchProducts } from '../services/catalog-service';

export const catalogRoutes = Router();

catalogRoutes.get(
  '/products',
  asyncHandler(async (req, res) => {
    const category = typeof req.query.category === 'string' ? req.query.category : undefined;
    const limit = Math.min(Number(req.query.limit) || 24, 48);
    res.json({ products: await listProducts(category, limit) });
  }),
);

catalogRoutes.get(
  '/products/:productId',
  asyncHandler(async (req, res) => {
    res.json(await productDetails(req.params.productId!));
  }),
);

catalogRoutes.get(
  '/search',
  asyncHandler(async (req, res) => {
    const term = typeof req.query.q === 'string' ? req.query.q : '';
    res.json({ results: await searchProducts(term) });
  }),
);
