import { config } from '../config';
import type { Product } from '../data/seed';
import { notFound } from '../lib/errors';
import { productRepository } from '../repositories/product-repository';

export interface ProductDetails extends Product {
  inStock: number;
}

export async function listProducts(category: string | undefined, wanted: number): Promise<Product[]> {
  const { pageSize, maxPages } = config.catalog;
  const products: Product[] = [];
  for (let page = 0; page < maxPages && products.length < wanted; page++) {
    const batch = await productRepository.findPage({ category, offset: page * pageSize, limit: pageSize });
    products.push(...batch);
    if (batch.length < pageSize) break;
  }
  return products.slice(0, wanted);
}

export async function productDetails(productId: string): Promise<ProductDetails> {
  const product = await productRepository.findById(productId);
  if (!product) throw notFound(`product ${productId}`);
  const stock = await productRepository.stockFor(productId);
  let inStock = 0;
  for (const level of stock) inStock += level.quantity;
  return { ...product, inStock };
}

export function searchProducts(term: string): Promise<Product[]> {
  return productRepository.search(term, 24);
}
