import { config } from '../config';
import { catalogStore } from '../store/catalog-store';
import type { Item } from '../store/documents';

// Scans the catalog in batches until enough matches are found or the catalog is exhausted.
export async function searchItems(query: string): Promise<Item[]> {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matches: Item[] = [];
  let offset = 0;
  let exhausted = false;
  while (!exhausted && matches.length < config.search.maxResults) {
    const batch = await catalogStore.itemsBatch(offset, config.search.scanBatch);
    for (const item of batch) {
      if (terms.every((term) => item.tags.some((tag) => tag.startsWith(term)))) matches.push(item);
    }
    offset += batch.length;
    exhausted = batch.length < config.search.scanBatch;
  }
  return matches.slice(0, config.search.maxResults);
}
