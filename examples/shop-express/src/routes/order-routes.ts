import { Router } from 'express';
import { asyncHandler } from '../lib/async-handler';
import { badRequest } from '../lib/errors';
import { authenticate } from '../middleware/authenticate';
import { redeemGiftCard } from '../services/gift-card-service';
import { orderStatus, ordersFor } from '../services/order-service';

export const orderRoutes = Router();

orderRoutes.get(
  '/orders',
  authenticate,
  asyncHandler(async (_req, res) => {
    res.json({ orders: await ordersFor(res.locals.customerId) });
  }),
);

orderRoutes.get(
  '/orders/:orderId',
  authenticate,
  asyncHandler(async (req, res) => {
    res.json(await orderStatus(req.params.orderId!, res.locals.customerId));
  }),
);

orderRoutes.post(
  '/orders/:orderId/gift-card/redeem',
  authenticate,
  asyncHandler(async (req, res) => {
    const code = req.body?.code;
    if (typeof code !== 'string') throw badRequest('gift card code is required');
    res.json(await redeemGiftCard(req.params.orderId!, code.trim().toUpperCase()));
  }),
);
