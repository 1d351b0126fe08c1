import { database } from '../data/database';
import type { Order, OrderEvent } from '../data/seed';

let nextOrderNumber = 9000;

export const orderRepository = {
  findById(id: string): Promise<Order | undefined> {
    return database.query('SELECT', 'orders', 'SELECT * FROM orders WHERE id = $1', (t) => t.orders.find((o) => o.id === id));
  },

  findByCustomer(customerId: string): Promise<Order[]> {
    return database.query('SELECT', 'orders', 'SELECT * FROM orders WHERE customer_id = $1 ORDER BY id DESC LIMIT 20', (t) =>
      t.orders.filter((o) => o.customerId === customerId).slice(-20).reverse(),
    );
  },

  create(order: Omit<Order, 'id' | 'lastEventId'>): Promise<Order> {
    return database.query('INSERT', 'orders', 'INSERT INTO orders (customer_id, items, total_cents, status) VALUES ($1, $2, $3, $4) RETURNING *', (t) => {
      const id = `o-${nextOrderNumber++}`;
      const event: OrderEvent = { id: `${id}-e0`, orderId: id, type: 'created', at: new Date().toISOString(), previousId: null };
      const created: Order = { ...order, id, lastEventId: event.id };
      t.orders.push(created);
      t.order_events.push(event);
      return created;
    });
  },

  recordPayment(orderId: string, amountCents: number, source: string): Promise<void> {
    return database.query('UPDATE', 'orders', 'UPDATE orders SET balance_due_cents = balance_due_cents - $2 WHERE id = $1', (t) => {
      const order = t.orders.find((o) => o.id === orderId);
      if (!order) return;
      order.balanceDueCents = Math.max(0, order.balanceDueCents - amountCents);
      if (order.balanceDueCents === 0) order.status = 'paid';
      const event: OrderEvent = { id: `${orderId}-e${Date.now()}`, orderId, type: `paid_by_${source}`, at: new Date().toISOString(), previousId: order.lastEventId };
      t.order_events.push(event);
      order.lastEventId = event.id;
    });
  },

  findEvent(eventId: string): Promise<OrderEvent | undefined> {
    return database.query('SELECT', 'order_events', 'SELECT * FROM order_events WHERE id = $1', (t) => t.order_events.find((e) => e.id === eventId));
  },
};
