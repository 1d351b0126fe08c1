import { config } from '../config';
import { paymentFailed } from '../lib/errors';
import { logger } from '../logger';
import { sleep } from '../lib/sleep';
import { paymentGateway, type Authorization } from '../upstream/payment-gateway';

export async function authorizePayment(customerId: string, amountCents: number): Promise<Authorization> {
  for (let attempt = 1; attempt <= config.payments.maxAttempts; attempt++) {
    const response = await paymentGateway.authorize(customerId, amountCents);
    if (response.status === 201 && 'state' in response.body) {
      if (response.body.state === 'declined') throw paymentFailed('card declined');
      return response.body;
    }
    logger.warn({ attempt, status: response.status }, 'payment authorization failed, retrying');
    await sleep(config.payments.retryBackoffMs * attempt);
  }
  throw paymentFailed('payment provider unavailable');
}

export async function waitForSettlement(authorizationId: string): Promise<boolean> {
  const deadline = Date.now() + config.payments.settlementTimeoutMs;
  while (Date.now() < deadline) {
    const { body } = await paymentGateway.settlement(authorizationId);
    if (body.state === 'settled') return true;
    await sleep(config.payments.settlementPollIntervalMs);
  }
  logger.warn({ authorizationId }, 'settlement still pending, continuing asynchronously');
  return false;
}
