import { database } from '../data/database';
import type { Customer, Session } from '../data/seed';

export const customerRepository = {
  findByEmail(email: string): Promise<Customer | undefined> {
    return database.query('SELECT', 'customers', 'SELECT * FROM customers WHERE email = $1', (t) => t.customers.find((c) => c.email === email));
  },

  findSession(token: string): Promise<Session | undefined> {
    return database.query('SELECT', 'sessions', 'SELECT * FROM sessions WHERE token = $1 AND expires_at > now()', (t) =>
      t.sessions.find((s) => s.token === token && s.expiresAt > Date.now()),
    );
  },

  createSession(session: Session): Promise<void> {
    return database.query('INSERT', 'sessions', 'INSERT INTO sessions (token, customer_id, expires_at) VALUES ($1, $2, $3)', (t) => {
      t.sessions.push(session);
    });
  },
};
