import { createUpstream, randomFor } from './upstream-call';

export interface Authorization {
  id: string;
  state: 'authorized' | 'declined';
}

export interface Settlement {
  authorizationId: string;
  state: 'pending' | 'settled';
}

const call = createUpstream({ host: 'api.payments.example', minLatencyMs: 15, maxLatencyMs: 45 }, 11);
const outcomes = randomFor(11);
const settlementChecks = new Map<string, number>();
let authorizationCounter = 0;

export const paymentGateway = {
  authorize(customerId: string, amountCents: number) {
    return call<Authorization | { error: string }>('POST', '/v2/authorizations', {}, () => {
      if (outcomes.chance(0.12)) return { status: 503, body: { error: 'temporarily unavailable' } };
      const id = `auth_${(++authorizationCounter).toString(16).padStart(10, '0')}`;
      const declined = amountCents > 40_000 && customerId.endsWith('7');
      return { status: 201, body: { id, state: declined ? 'declined' : 'authorized' } };
    });
  },

  settlement(authorizationId: string) {
    return call<Settlement>('GET', '/v2/authorizations/{authorizationId}/settlement', { authorizationId }, () => {
      const checks = (settlementChecks.get(authorizationId) ?? 0) + 1;
      settlementChecks.set(authorizationId, checks);
      return { status: 200, body: { authorizationId, state: checks >= 2 ? 'settled' : 'pending' } };
    });
  },
};
