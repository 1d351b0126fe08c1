import { config } from '../config';
import { SeededRandom } from '../lib/random';
import { sleep } from '../lib/sleep';
import { inClientSpan } from '../lib/tracing';
import { seedDocuments, type Brand, type Item } from './documents';

const documents = seedDocuments();
const latency = new SeededRandom(config.latencySeed);

// An in-memory stand-in for the catalog's MongoDB collections, with latency and client spans like the driver's.
async function find<T>(collection: 'brands' | 'items', operation: 'find' | 'findOne' | 'aggregate', filter: string, run: () => T): Promise<T> {
  return inClientSpan(
    `${operation} catalog.${collection}`,
    {
      'db.system.name': 'mongodb',
      'db.namespace': 'catalog',
      'db.collection.name': collection,
      'db.operation.name': operation,
      'db.query.summary': `${operation} ${collection} ${filter}`,
      'server.address': 'mongo.catalog.internal',
      'server.port': 27017,
    },
    async () => {
      await sleep(latency.between(config.store.minLatencyMs, config.store.maxLatencyMs));
      return run();
    },
  );
}

export interface ItemPage {
  items: Item[];
  nextCursor: string | null;
}

export const catalogStore = {
  brands(): Promise<Brand[]> {
    return find('brands', 'find', '{}', () => [...documents.brands]);
  },

  brand(brandId: string): Promise<Brand | undefined> {
    return find('brands', 'findOne', '{ _id }', () => documents.brands.find((b) => b.id === brandId));
  },

  item(sku: string): Promise<Item | undefined> {
    return find('items', 'findOne', '{ sku }', () => documents.items.find((i) => i.sku === sku));
  },

  // Keyset pagination: the cursor is the last SKU of the previous page; null when there is nothing after it.
  itemsAfter(cursor: string | null, limit: number, brandId?: string): Promise<ItemPage> {
    return find('items', 'find', '{ sku: { $gt: cursor }, brandId }', () => {
      const matching = documents.items.filter((i) => (!brandId || i.brandId === brandId) && (cursor === null || i.sku > cursor)).sort((a, b) => a.sku.localeCompare(b.sku));
      const items = matching.slice(0, limit);
      return { items, nextCursor: matching.length > limit ? items[items.length - 1]!.sku : null };
    });
  },

  itemsBatch(offset: number, limit: number): Promise<Item[]> {
    return find('items', 'find', '{} skip limit', () => documents.items.slice(offset, offset + limit));
  },

  countItems(brandId: string): Promise<number> {
    return find('items', 'aggregate', '[{ $match: { brandId } }, { $count }]', () => documents.items.filter((i) => i.brandId === brandId).length);
  },
};
