import { config } from '../config';
import { notFound } from '../lib/errors';
import { catalogStore } from '../store/catalog-store';
import type { Brand, Item } from '../store/documents';

export interface Listing {
  items: Item[];
  nextCursor: string | null;
}

export async function listItems(startAfter: string | null, wanted: number, brandId?: string): Promise<Listing> {
  const items: Item[] = [];
  let cursor = startAfter;
  let pages = 0;
  do {
    const page = await catalogStore.itemsAfter(cursor, config.listing.pageSize, brandId);
    items.push(...page.items);
    cursor = page.nextCursor;
    pages++;
  } while (cursor !== null && items.length < wanted && pages < config.listing.maxPages);
  return { items: items.slice(0, wanted), nextCursor: items.length > wanted ? items[wanted - 1]!.sku : cursor };
}

export async function itemDetails(sku: string): Promise<Item & { totalStock: number }> {
  const item = await catalogStore.item(sku);
  if (!item) throw notFound(`item ${sku}`);
  let totalStock = 0;
  for (const quantity of Object.values(item.stockByRegion)) totalStock += quantity;
  return { ...item, totalStock };
}

export async function brandOverview(brandId: string): Promise<Brand & { itemCount: number }> {
  const brand = await catalogStore.brand(brandId);
  if (!brand) throw notFound(`brand ${brandId}`);
  return { ...brand, itemCount: await catalogStore.countItems(brandId) };
}

export function allBrands(): Promise<Brand[]> {
  return catalogStore.brands();
}
