import { database } from '../data/database';
import type { CartItem } from '../data/seed';

export const cartRepository = {
  itemsFor(customerId: string): Promise<CartItem[]> {
    return database.query('SELECT', 'carts', 'SELECT * FROM cart_items WHERE customer_id = $1', (t) => [...(t.carts.get(customerId) ?? [])]);
  },

  addItem(customerId: string, item: CartItem): Promise<CartItem[]> {
    return database.query('INSERT', 'carts', 'INSERT INTO cart_items (customer_id, product_id, quantity) VALUES ($1, $2, $3) ON CONFLICT DO UPDATE', (t) => {
      const items = t.carts.get(customerId) ?? [];
      const existing = items.find((i) => i.productId === item.productId);
      if (existing) existing.quantity += item.quantity;
      else items.push({ ...item });
      t.carts.set(customerId, items);
      return [...items];
    });
  },

  clear(customerId: string): Promise<void> {
    return database.query('UPDATE', 'carts', 'DELETE FROM cart_items WHERE customer_id = $1', (t) => {
      t.carts.delete(customerId);
    });
  },
};
