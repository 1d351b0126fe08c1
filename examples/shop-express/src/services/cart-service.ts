import type { CartItem } from '../data/seed';
import { badRequest, notFound } from '../lib/errors';
import { cartRepository } from '../repositories/cart-repository';
import { productRepository } from '../repositories/product-repository';

export interface PricedCart {
  items: Array<CartItem & { unitPriceCents: number }>;
  totalCents: number;
}

export async function priceCart(customerId: string): Promise<PricedCart> {
  const items = await cartRepository.itemsFor(customerId);
  const priced: PricedCart['items'] = [];
  let totalCents = 0;
  for (const item of items) {
    const product = await productRepository.findById(item.productId);
    if (!product) continue;
    priced.push({ ...item, unitPriceCents: product.priceCents });
    totalCents += product.priceCents * item.quantity;
  }
  return { items: priced, totalCents };
}

export async function addToCart(customerId: string, productId: string, quantity: number): Promise<CartItem[]> {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > 20) throw badRequest('quantity must be between 1 and 20');
  const product = await productRepository.findById(productId);
  if (!product) throw notFound(`product ${productId}`);
  return cartRepository.addItem(customerId, { productId, quantity });
}
