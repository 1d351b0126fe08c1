// The traffic mix the load generator sends to shop-express. Customer, order and gift card identifiers
// follow the service's seed data (src/data/seed.ts).
const categories = ['books', 'games', 'kitchen', 'garden', 'toys', 'audio'];
const searchTerms = ['product 1', 'product 4', 'kitchen', 'toys', 'product 77', 'audio', 'garden'];
const sessionFor = (customerIndex) => `sess-${(customerIndex + 1) * 104729}`;
const bearer = (customerIndex) => ({ authorization: `Bearer ${sessionFor(customerIndex)}` });
const productId = (rng) => `p-${1000 + rng.int(1, 125)}`;
const giftCardCode = (n) => `GIFT-${(n * 7919).toString(36).toUpperCase().padStart(6, '0')}`;
// Orders o-5001…o-5060 belong to customer index n % 40; every fourth one still awaits payment.
const anyOrder = (rng) => rng.int(1, 60);
const unpaidOrder = (rng) => 4 * rng.int(1, 15);

export default {
  service: 'shop-express',
  stuckFlow: 'POST /orders/:orderId/gift-card/redeem',
  defaults: { duration: 40, rate: 20, seed: 42, timeout: 2000, warmup: 3 },
  flows: [
    { flow: 'GET /products', weight: 24, request: (rng) => ({ method: 'GET', path: rng.chance(0.6) ? `/products?category=${rng.pick(categories)}&limit=${rng.pick([12, 24, 48])}` : '/products' }) },
    { flow: 'GET /products/:productId', weight: 24, request: (rng) => ({ method: 'GET', path: `/products/${productId(rng)}` }) },
    { flow: 'GET /search', weight: 8, request: (rng) => ({ method: 'GET', path: `/search?q=${encodeURIComponent(rng.pick(searchTerms))}` }) },
    {
      flow: 'POST /login',
      weight: 5,
      request: (rng) => ({ method: 'POST', path: '/login', body: { email: `customer${rng.int(1, 40)}@example.test`, password: rng.chance(0.9) ? 'correct horse battery staple' : 'hunter2' } }),
    },
    { flow: 'GET /cart', weight: 10, request: (rng) => ({ method: 'GET', path: '/cart', headers: bearer(rng.int(0, 11)) }) },
    { flow: 'POST /cart/items', weight: 12, request: (rng) => ({ method: 'POST', path: '/cart/items', headers: bearer(rng.int(0, 11)), body: { productId: productId(rng), quantity: rng.int(1, 3) } }) },
    { flow: 'POST /checkout', weight: 5, request: (rng) => ({ method: 'POST', path: '/checkout', headers: bearer(rng.int(0, 11)) }) },
    { flow: 'GET /orders', weight: 4, request: (rng) => ({ method: 'GET', path: '/orders', headers: bearer(rng.int(0, 39)) }) },
    {
      flow: 'GET /orders/:orderId',
      weight: 6,
      request: (rng) => {
        const n = anyOrder(rng);
        return { method: 'GET', path: `/orders/o-${5000 + n}`, headers: bearer(n % 40) };
      },
    },
    {
      flow: 'POST /orders/:orderId/gift-card/redeem',
      weight: 2,
      request: (rng) => {
        const n = unpaidOrder(rng);
        return { method: 'POST', path: `/orders/o-${5000 + n}/gift-card/redeem`, headers: bearer(n % 40), body: { code: giftCardCode(rng.int(1, 20)) } };
      },
    },
  ],
};
