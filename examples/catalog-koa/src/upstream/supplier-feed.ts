import { partnerApi } from './partner-api';

export interface CatalogChange {
  sequence: number;
  sku: string;
  kind: 'created' | 'updated' | 'discontinued';
}

export interface ChangePage {
  changes: CatalogChange[];
  nextCursor: string;
  caughtUp: boolean;
}

const request = partnerApi('feeds.supplier.example', [120, 180], 5);
const feedLength = (supplierId: string): number => 40 + ([...supplierId].reduce((s, ch) => s + ch.charCodeAt(0), 0) % 5) * 20;
const kinds: CatalogChange['kind'][] = ['created', 'updated', 'updated', 'discontinued'];

// The supplier's change feed. Like most change feeds, once a reader has caught up it keeps handing back the
// position it was given, so a reader can come back later and continue from there.
export function fetchChanges(supplierId: string, cursor: string, limit: number) {
  return request<ChangePage>('GET', '/v1/suppliers/{supplierId}/changes', { supplierId }, () => {
    const after = Number(/^seq-(\d+)$/.exec(cursor)?.[1] ?? 0);
    const last = Math.min(feedLength(supplierId), after + limit);
    const changes: CatalogChange[] = [];
    for (let sequence = after + 1; sequence <= last; sequence++) {
      changes.push({ sequence, sku: `SKU-${String(sequence * 37).padStart(6, '0')}`, kind: kinds[sequence % kinds.length]! });
    }
    return { status: 200, body: { changes, nextCursor: `seq-${Math.max(after, last)}`, caughtUp: last >= feedLength(supplierId) } };
  });
}
