import { config } from '../config';
import { badRequest, conflict, notFound } from '../lib/errors';
import { sleep } from '../lib/sleep';
import { logger } from '../logger';
import { giftCardRepository } from '../repositories/gift-card-repository';
import { orderRepository } from '../repositories/order-repository';
import { giftCardProvider } from '../upstream/gift-card-provider';

export interface Redemption {
  orderId: string;
  holdId: string;
  appliedCents: number;
  balanceDueCents: number;
}

export async function redeemGiftCard(orderId: string, code: string): Promise<Redemption> {
  if (!/^GIFT-[A-Z0-9]{6}$/.test(code)) throw badRequest('malformed gift card code');
  const order = await orderRepository.findById(orderId);
  if (!order) throw notFound(`order ${orderId}`);
  if (order.status !== 'awaiting_payment') throw conflict(`order ${orderId} is already paid`);
  const card = await giftCardRepository.findByCode(code);
  if (!card) throw notFound('gift card');

  const amountDue = order.balanceDueCents;
  let hold = await giftCardProvider.placeHold(card.cardNumber, amountDue);
  while (hold.capturedCents < amountDue) {
    await sleep(config.giftCards.holdPollIntervalMs);
    hold = await giftCardProvider.getHold(hold.id);
    logger.debug({ holdId: hold.id, state: hold.state, capturedCents: hold.capturedCents }, 'gift card hold checked');
  }

  await orderRepository.recordPayment(orderId, hold.capturedCents, 'gift_card');
  logger.info({ orderId, holdId: hold.id, appliedCents: hold.capturedCents }, 'gift card redeemed');
  return { orderId, holdId: hold.id, appliedCents: hold.capturedCents, balanceDueCents: amountDue - hold.capturedCents };
}
