import { Router } from 'express';
import { asyncHandler } from '../lib/async-handler';
import { authenticate } from '../middleware/authenticate';
import { addToCart, priceCart } from '../services/cart-service';
import { checkout } from '../services/checkout-service';

export const cartRoutes = Router();

cartRoutes.get(
  '/cart',
  authenticate,
  asyncHandler(async (_req, res) => {
    res.json(await priceCart(res.locals.customerId));
  }),
);

cartRoutes.post(
  '/cart/items',
  authenticate,
  asyncHandler(async (req, res) => {
    const { productId, quantity } = req.body ?? {};
    res.status(201).json({ items: await addToCart(res.locals.customerId, String(productId), Number(quantity ?? 1)) });
  }),
);

cartRoutes.post(
  '/checkout',
  authenticate,
  asyncHandler(async (_req, res) => {
    res.status(201).json(await checkout(res.locals.customerId));
  }),
);
