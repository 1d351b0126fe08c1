export interface Product {
  id: string;
  name: string;
  category: string;
  priceCents: number;
}

export interface StockLevel {
  productId: string;
  warehouse: string;
  quantity: number;
}

export interface Customer {
  id: string;
  email: string;
  passwordSalt: string;
  passwordHash: string;
  tier: 'standard' | 'plus';
}

export interface CartItem {
  productId: string;
  quantity: number;
}

export interface Order {
  id: string;
  customerId: string;
  items: CartItem[];
  totalCents: number;
  balanceDueCents: number;
  status: 'awaiting_payment' | 'paid' | 'shipped';
  lastEventId: string;
}

export interface OrderEvent {
  id: string;
  orderId: string;
  type: string;
  at: string;
  previousId: string | null;
}

export interface GiftCard {
  code: string;
  cardNumber: string;
  balanceCents: number;
}

export interface Session {
  token: string;
  customerId: string;
  expiresAt: number;
}

export interface Tables {
  products: Product[];
  stock: StockLevel[];
  customers: Customer[];
  carts: Map<string, CartItem[]>;
  orders: Order[];
  order_events: OrderEvent[];
  gift_cards: GiftCard[];
  sessions: Session[];
}

const categories = ['books', 'games', 'kitchen', 'garden', 'toys', 'audio'];
const warehouses = ['ams-1', 'fra-2', 'lis-1'];

export const demoPassword = 'correct horse battery staple';

export function seedData(): Tables {
  const products: Product[] = [];
  const stock: StockLevel[] = [];
  for (let n = 1; n <= 120; n++) {
    const id = `p-${1000 + n}`;
    products.push({ id, name: `Product ${n}`, category: categories[n % categories.length]!, priceCents: 499 + ((n * 737) % 9000) });
    warehouses.forEach((warehouse, index) => stock.push({ productId: id, warehouse, quantity: (n * (index + 3)) % 7 }));
  }

  const customers: Customer[] = [];
  for (let n = 1; n <= 40; n++) {
    customers.push({ id: `c-${n}`, email: `customer${n}@example.test`, passwordSalt: `salt-${n}`, passwordHash: '', tier: n % 5 === 0 ? 'plus' : 'standard' });
  }

  const orders: Order[] = [];
  const orderEvents: OrderEvent[] = [];
  for (let n = 1; n <= 60; n++) {
    const id = `o-${5000 + n}`;
    const items = [
      { productId: products[n % products.length]!.id, quantity: 1 + (n % 3) },
      { productId: products[(n * 7) % products.length]!.id, quantity: 1 },
    ];
    const totalCents = items.reduce((sum, item) => sum + item.quantity * products.find((p) => p.id === item.productId)!.priceCents, 0);
    let previousId: string | null = null;
    const eventTypes = ['created', 'payment_pending', ...(n % 4 === 0 ? [] : ['paid', 'packed', 'shipped'])];
    eventTypes.forEach((type, index) => {
      const eventId = `${id}-e${index}`;
      orderEvents.push({ id: eventId, orderId: id, type, at: new Date(Date.UTC(2026, 10, n % 28, 8 + index)).toISOString(), previousId });
      previousId = eventId;
    });
    orders.push({
      id,
      customerId: customers[n % customers.length]!.id,
      items,
      totalCents,
      balanceDueCents: n % 4 === 0 ? totalCents : 0,
      status: n % 4 === 0 ? 'awaiting_payment' : 'shipped',
      lastEventId: previousId!,
    });
  }

  const giftCards: GiftCard[] = [];
  for (let n = 1; n <= 20; n++) {
    giftCards.push({ code: `GIFT-${(n * 7919).toString(36).toUpperCase().padStart(6, '0')}`, cardNumber: `6006${String(n).padStart(12, '0')}`, balanceCents: 500 + n * 50 });
  }

  const sessions: Session[] = customers.map((c, index) => ({ token: `sess-${(index + 1) * 104729}`, customerId: c.id, expiresAt: Number.MAX_SAFE_INTEGER }));

  return { products, stock, customers, carts: new Map(), orders, order_events: orderEvents, gift_cards: giftCards, sessions };
}
