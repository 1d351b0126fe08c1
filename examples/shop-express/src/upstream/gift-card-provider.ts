import { database } from '../data/database';
import { createUpstream } from './upstream-call';

export interface GiftCardHold {
  id: string;
  cardNumber: string;
  requestedCents: number;
  capturedCents: number;
  state: 'pending' | 'captured' | 'partially_captured';
}

const call = createUpstream({ host: 'api.giftcards.example', minLatencyMs: 20, maxLatencyMs: 40 }, 23);
const holds = new Map<string, GiftCardHold & { availableCents: number; checks: number }>();
let holdCounter = 0;

// The provider captures a hold in two steps and never captures more than the card holds.
export const giftCardProvider = {
  async placeHold(cardNumber: string, requestedCents: number): Promise<GiftCardHold> {
    const response = await call<GiftCardHold>('POST', '/v1/cards/{cardNumber}/holds', { cardNumber }, () => {
      const availableCents = database.tables.gift_cards.find((card) => card.cardNumber === cardNumber)?.balanceCents ?? 0;
      const id = `hold_${(++holdCounter).toString(16).padStart(10, '0')}`;
      const hold = { id, cardNumber, requestedCents, capturedCents: 0, state: 'pending' as const, availableCents, checks: 0 };
      holds.set(id, hold);
      return { status: 201, body: publicView(hold) };
    });
    return response.body;
  },

  async getHold(holdId: string): Promise<GiftCardHold> {
    const response = await call<GiftCardHold | { error: string }>('GET', '/v1/holds/{holdId}', { holdId }, () => {
      const hold = holds.get(holdId);
      if (!hold) return { status: 404, body: { error: 'hold not found' } };
      hold.checks += 1;
      if (hold.checks >= 2 && hold.state === 'pending') {
        hold.capturedCents = Math.min(hold.requestedCents, hold.availableCents);
        hold.state = hold.capturedCents === hold.requestedCents ? 'captured' : 'partially_captured';
      }
      return { status: 200, body: publicView(hold) };
    });
    if ('error' in response.body) throw new Error(`gift card provider answered ${response.status}: ${response.body.error}`);
    return response.body;
  },
};

function publicView(hold: GiftCardHold): GiftCardHold {
  return { id: hold.id, cardNumber: hold.cardNumber, requestedCents: hold.requestedCents, capturedCents: hold.capturedCents, state: hold.state };
}
