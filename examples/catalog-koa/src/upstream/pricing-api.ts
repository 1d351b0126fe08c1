import { SeededRandom } from '../lib/random';
import { partnerApi } from './partner-api';

export interface Price {
  sku: string;
  currency: string;
  amountCents: number;
}

const request = partnerApi('pricing.partner.example', [8, 30], 3);
const throttling = new SeededRandom(97);

export function fetchPrice(sku: string, currency: string) {
  return request<Price | { error: string }>('GET', '/v3/prices/{sku}', { sku }, () => {
    if (throttling.chance(0.15)) return { status: 429, body: { error: 'rate limited' } };
    const base = [...sku].reduce((sum, ch) => sum + ch.charCodeAt(0), 0) * 13;
    return { status: 200, body: { sku, currency, amountCents: currency === 'USD' ? Math.round(base * 1.08) : base } };
  });
}
