import type { Order } from '../data/seed';
import { badRequest, conflict } from '../lib/errors';
import { logger } from '../logger';
import { cartRepository } from '../repositories/cart-repository';
import { orderRepository } from '../repositories/order-repository';
import { productRepository } from '../repositories/product-repository';
import { priceCart } from './cart-service';
import { authorizePayment, waitForSettlement } from './payment-service';

async function reserveStock(productId: string, quantity: number): Promise<void> {
  const levels = await productRepository.stockFor(productId);
  let remaining = quantity;
  let index = 0;
  while (remaining > 0 && index < levels.length) {
    const level = levels[index]!;
    const taken = Math.min(level.quantity, remaining);
    if (taken > 0) await productRepository.decrementStock(productId, level.warehouse, taken);
    remaining -= taken;
    index++;
  }
  if (remaining > 0) logger.info({ productId, backordered: remaining }, 'item partially backordered');
}

export async function checkout(customerId: string): Promise<Order> {
  const cart = await priceCart(customerId);
  if (cart.items.length === 0) throw badRequest('cart is empty');

  const authorization = await authorizePayment(customerId, cart.totalCents);
  for (const item of cart.items) await reserveStock(item.productId, item.quantity);

  const settled = await waitForSettlement(authorization.id);
  const order = await orderRepository.create({
    customerId,
    items: cart.items.map(({ productId, quantity }) => ({ productId, quantity })),
    totalCents: cart.totalCents,
    balanceDueCents: settled ? 0 : cart.totalCents,
    status: settled ? 'paid' : 'awaiting_payment',
  });
  if (!settled) throw conflict(`order ${order.id} created, payment still settling`);
  await cartRepository.clear(customerId);
  logger.info({ orderId: order.id, totalCents: order.totalCents }, 'order placed');
  return order;
}
