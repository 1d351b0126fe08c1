import { config } from '../config';
import { notFound, unavailable } from '../lib/errors';
import { sleep } from '../lib/sleep';
import { logger } from '../logger';
import { catalogStore } from '../store/catalog-store';
import { fetchPrice, type Price } from '../upstream/pricing-api';

export async function priceFor(sku: string, currency: string): Promise<Price> {
  const item = await catalogStore.item(sku);
  if (!item) throw notFound(`item ${sku}`);
  for (let attempt = 1; attempt <= config.pricing.maxAttempts; attempt++) {
    const { status, body } = await fetchPrice(sku, currency);
    if (status === 200 && 'amountCents' in body) return body;
    logger.info({ sku, attempt, status }, 'pricing partner throttled, backing off');
    await sleep(config.pricing.backoffMs * 2 ** (attempt - 1));
  }
  throw unavailable('pricing partner did not answer');
}

export async function availability(sku: string, region: string): Promise<{ sku: string; region: string; available: boolean; quantity: number }> {
  const item = await catalogStore.item(sku);
  if (!item) throw notFound(`item ${sku}`);
  const quantity = item.stockByRegion[region] ?? 0;
  return { sku, region, available: quantity > 0, quantity };
}
