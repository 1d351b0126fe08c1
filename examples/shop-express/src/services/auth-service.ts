import { createHash, randomBytes } from 'node:crypto';
import { config } from '../config';
import { customerRepository } from '../repositories/customer-repository';
import { unauthorized } from '../lib/errors';
import { database } from '../data/database';
import { demoPassword } from '../data/seed';

export function hashPassword(password: string, salt: string): string {
  let digest = `${salt}:${password}`;
  for (let round = 0; round < config.auth.hashRounds; round++) {
    digest = createHash('sha256').update(digest).update(salt).digest('hex');
  }
  return digest;
}

for (const customer of database.tables.customers) customer.passwordHash = hashPassword(demoPassword, customer.passwordSalt);

export async function login(email: string, password: string): Promise<{ token: string; customerId: string }> {
  const customer = await customerRepository.findByEmail(email);
  if (!customer || hashPassword(password, customer.passwordSalt) !== customer.passwordHash) throw unauthorized();
  const token = `sess-${randomBytes(12).toString('hex')}`;
  await customerRepository.createSession({ token, customerId: customer.id, expiresAt: Date.now() + config.auth.sessionTtlMs });
  return { token, customerId: customer.id };
}

export async function customerForToken(token: string): Promise<string | undefined> {
  const session = await customerRepository.findSession(token);
  return session?.customerId;
}
