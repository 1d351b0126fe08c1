import { database } from '../data/database';
import type { GiftCard } from '../data/seed';

export const giftCardRepository = {
  findByCode(code: string): Promise<GiftCard | undefined> {
    return database.query('SELECT', 'gift_cards', 'SELECT * FROM gift_cards WHERE code = $1', (t) => t.gift_cards.find((c) => c.code === code));
  },
};
