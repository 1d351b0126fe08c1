import { config } from '../config';
import { invalid, notFound } from '../lib/errors';
import { logger } from '../logger';
import { catalogStore } from '../store/catalog-store';
import { fetchChanges, type CatalogChange } from '../upstream/supplier-feed';

export interface BrandChanges {
  brandId: string;
  since: string;
  changes: CatalogChange[];
}

export async function changesForBrand(brandId: string, since: string): Promise<BrandChanges> {
  if (!/^seq-\d+$/.test(since)) throw invalid('since must look like seq-<number>');
  const brand = await catalogStore.brand(brandId);
  if (!brand) throw notFound(`brand ${brandId}`);

  const changes: CatalogChange[] = [];
  let cursor: string | null = since;
  while (cursor !== null) {
    const { body: page } = await fetchChanges(brand.supplierId, cursor, config.supplierFeed.pageSize);
    changes.push(...page.changes);
    logger.debug({ supplierId: brand.supplierId, cursor, received: page.changes.length }, 'supplier feed page received');
    cursor = page.nextCursor;
  }
  return { brandId, since, changes };
}
