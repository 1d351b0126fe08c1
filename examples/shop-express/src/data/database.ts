import { config } from '../config';
import { SeededRandom } from '../lib/random';
import { sleep } from '../lib/sleep';
import { withClientSpan } from '../lib/tracing';
import { seedData, type Tables } from './seed';

type Operation = 'SELECT' | 'INSERT' | 'UPDATE';

// An in-memory stand-in for the shop's PostgreSQL database, with query latency and client spans like `pg` would produce.
export class Database {
  private readonly latency = new SeededRandom(config.latencySeed);

  constructor(readonly tables: Tables) {}

  async query<T>(operation: Operation, table: keyof Tables, statement: string, run: (tables: Tables) => T): Promise<T> {
    return withClientSpan(
      `${operation} shop.${table}`,
      {
        'db.system.name': 'postgresql',
        'db.namespace': 'shop',
        'db.collection.name': table,
        'db.operation.name': operation,
        'db.query.text': statement,
        'server.address': 'db.shop.internal',
        'server.port': 5432,
      },
      async (span) => {
        await sleep(this.latency.between(config.database.minLatencyMs, config.database.maxLatencyMs));
        const result = run(this.tables);
        if (Array.isArray(result)) span.setAttribute('db.response.returned_rows', result.length);
        return result;
      },
    );
  }
}

export const database = new Database(seedData());
