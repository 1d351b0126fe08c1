import { database } from '../data/database';
import type { Product, StockLevel } from '../data/seed';

export interface ProductPageQuery {
  category?: string;
  offset: number;
  limit: number;
}

export const productRepository = {
  findPage(query: ProductPageQuery): Promise<Product[]> {
    return database.query('SELECT', 'products', 'SELECT * FROM products WHERE category = coalesce($1, category) ORDER BY id OFFSET $2 LIMIT $3', (t) =>
      t.products.filter((p) => !query.category || p.category === query.category).slice(query.offset, query.offset + query.limit),
    );
  },

  findById(id: string): Promise<Product | undefined> {
    return database.query('SELECT', 'products', 'SELECT * FROM products WHERE id = $1', (t) => t.products.find((p) => p.id === id));
  },

  search(term: string, limit: number): Promise<Product[]> {
    const needle = term.toLowerCase();
    return database.query('SELECT', 'products', 'SELECT * FROM products WHERE lower(name) LIKE $1 LIMIT $2', (t) =>
      t.products.filter((p) => p.name.toLowerCase().includes(needle) || p.category.includes(needle)).slice(0, limit),
    );
  },

  stockFor(productId: string): Promise<StockLevel[]> {
    return database.query('SELECT', 'stock', 'SELECT * FROM stock WHERE product_id = $1 ORDER BY quantity DESC', (t) =>
      t.stock.filter((s) => s.productId === productId).sort((a, b) => b.quantity - a.quantity),
    );
  },

  decrementStock(productId: string, warehouse: string, quantity: number): Promise<void> {
    return database.query('UPDATE', 'stock', 'UPDATE stock SET quantity = quantity - $3 WHERE product_id = $1 AND warehouse = $2', (t) => {
      const level = t.stock.find((s) => s.productId === productId && s.warehouse === warehouse);
      if (level) level.quantity -= quantity;
    });
  },
};
