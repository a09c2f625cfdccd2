/**
 * The real servers the tests use. A server that cannot be reached makes its tests skip (listed by
 * name by the skip reporter); with CI=true it is an error, so CI never passes by skipping.
 */
import pg from 'pg';

export const POSTGRES_URL = process.env.BB_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const MYSQL_URL = process.env.BB_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';

const inCi = (): boolean => process.env.CI === 'true' || process.env.CI === '1';

async function reachable(kind: string, url: string, probe: () => Promise<void>): Promise<boolean> {
  try {
    await probe();
    return true;
  } catch (error) {
    if (inCi()) throw new Error(`${kind} at ${url.replace(/:[^:@/]*@/, ':***@')} is not reachable and CI=true: ${(error as Error).message}`);
    return false;
  }
}

let postgresUp: Promise<boolean> | undefined;
/** True when the PostgreSQL test server answers. */
export function postgresAvailable(): Promise<boolean> {
  postgresUp ??= reachable('PostgreSQL', POSTGRES_URL, async () => {
    const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
    await client.connect();
    await client.end();
  });
  return postgresUp;
}

/** A PostgreSQL admin helper: creates fresh databases for a test and drops them afterwards. */
export class PostgresDatabases {
  private readonly created: string[] = [];
  constructor(private readonly prefix: string) {}

  /** Creates (dropping first) a database named `<prefix>_<name>` and returns its URL. */
  async create(name: string): Promise<string> {
    const db = `${this.prefix}_${name}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
    await this.admin(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
    await this.admin(`CREATE DATABASE "${db}"`);
    this.created.push(db);
    const url = new URL(POSTGRES_URL);
    url.pathname = `/${db}`;
    return url.toString();
  }

  async dropAll(): Promise<void> {
    for (const db of this.created.splice(0)) await this.admin(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
  }

  async admin(sql: string): Promise<void> {
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  /** Runs one query against a database URL and returns its rows. */
  static async query<R = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<R[]> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as R[];
    } finally {
      await client.end();
    }
  }
}

let mysqlUp: Promise<boolean> | undefined;
/** True when the MySQL/MariaDB test server answers. */
export function mysqlAvailable(): Promise<boolean> {
  mysqlUp ??= reachable('MySQL', MYSQL_URL, async () => {
    const mysql = await import('mysql2/promise');
    const conn = await mysql.createConnection({ uri: MYSQL_URL, connectTimeout: 3000 });
    await conn.end();
  });
  return mysqlUp;
}

/** A MySQL admin helper: creates fresh databases for a test and drops them afterwards. */
export class MysqlDatabases {
  private readonly created: string[] = [];
  constructor(private readonly prefix: string) {}

  /** Creates (dropping first) a database named `<prefix>_<name>` and returns its URL. */
  async create(name: string): Promise<string> {
    const db = `${this.prefix}_${name}`.toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 64);
    await this.admin(`DROP DATABASE IF EXISTS \`${db}\``);
    await this.admin(`CREATE DATABASE \`${db}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci`);
    this.created.push(db);
    return MysqlDatabases.urlFor(db);
  }

  static urlFor(db: string): string {
    const url = new URL(MYSQL_URL);
    url.pathname = `/${db}`;
    return url.toString();
  }

  async dropAll(): Promise<void> {
    for (const db of this.created.splice(0)) await this.admin(`DROP DATABASE IF EXISTS \`${db}\``);
  }

  async admin(sql: string): Promise<void> {
    await MysqlDatabases.query(MYSQL_URL, sql);
  }

  /** Runs one query against a database URL and returns its rows. */
  static async query<R = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<R[]> {
    const mysql = await import('mysql2/promise');
    const conn = await mysql.createConnection({ uri: url, dateStrings: true });
    try {
      const [rows] = await conn.query(sql, params);
      return (Array.isArray(rows) ? rows : []) as R[];
    } finally {
      await conn.end();
    }
  }
}
