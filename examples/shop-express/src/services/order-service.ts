import { config } from '../config';
import type { Order, OrderEvent } from '../data/seed';
import { notFound } from '../lib/errors';
import { orderRepository } from '../repositories/order-repository';

export interface OrderStatus {
  order: Order;
  history: OrderEvent[];
}

export async function orderStatus(orderId: string, customerId: string): Promise<OrderStatus> {
  const order = await orderRepository.findById(orderId);
  if (!order || order.customerId !== customerId) throw notFound(`order ${orderId}`);

  const history: OrderEvent[] = [];
  let eventId: string | null = order.lastEventId;
  while (eventId && history.length < config.orders.maxHistoryDepth) {
    const event = await orderRepository.findEvent(eventId);
    if (!event) break;
    history.push(event);
    eventId = event.previousId;
  }
  return { order, history: history.reverse() };
}

export function ordersFor(customerId: string): Promise<Order[]> {
  return orderRepository.findByCustomer(customerId);
}
