/** A MySQL/MariaDB test database for the live rules' tests (skipped when the server is unreachable, an error with CI=true). */
import { afterAll } from 'vitest';
import type { LiveDb } from '../../src/lint/types.js';
import { mysqlAvailable, MysqlDatabases } from './servers.js';

export function liveMysqlTestDb(name: string, setup: string): () => Promise<LiveDb | undefined> {
  const dbs = new MysqlDatabases('bbt_lint_mysql');
  let conn: { end(): Promise<void> } | undefined;
  afterAll(async () => {
    await conn?.end().catch(() => undefined);
    await dbs.dropAll();
  });
  return async () => {
    if (!(await mysqlAvailable())) return undefined;
    const url = await dbs.create(name);
    const mysql = await import('mysql2/promise');
    const c = await mysql.createConnection({ uri: url, multipleStatements: true, dateStrings: true });
    conn = c;
    await c.query(setup);
    return {
      query: async <R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<readonly R[]> => {
        const [rows] = await c.query(sql, params as unknown[] | undefined);
        return (Array.isArray(rows) ? rows : []) as R[];
      },
    };
  };
}
