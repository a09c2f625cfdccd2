/** A PostgreSQL test database for the live rules' tests (skipped when the server is unreachable, an error with CI=true). */
import pg from 'pg';
import { afterAll } from 'vitest';
import type { LiveDb } from '../../src/lint/types.js';
import { postgresAvailable, PostgresDatabases } from './servers.js';

export function liveTestDb(name: string, setup: string): () => Promise<LiveDb | undefined> {
  const dbs = new PostgresDatabases('bbt_lint');
  let client: pg.Client | undefined;
  afterAll(async () => {
    await client?.end().catch(() => undefined);
    await dbs.dropAll();
  });
  return async () => {
    if (!(await postgresAvailable())) return undefined;
    const url = await dbs.create(name);
    client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(setup);
    const c = client;
    return { query: async (sql: string, params?: readonly unknown[]) => (await c.query(sql, params as unknown[])).rows };
  };
}
