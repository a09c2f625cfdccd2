import type { ConnectOptions, DiscoveredMember, Lock, ReadQueryOptions, ReadQueryResult, SchemaSnapshot, Session, Target } from '../../src/engine.js';
import { targetWhere } from '../../src/engine.js';
import { BbError, causeMessage } from '../../src/errors.js';
import { passwordOf, redactText } from '../../src/config/redact.js';
import { openDriver, type Driver } from './driver.js';
import { SnowflakeHistory } from './history.js';
import { lockUnreadable } from '../../src/run/lock.js';
import { forceUnlockRow, lockRowHolder, lockTableDdl, tryLockRow } from './lock.js';
import { introspect } from './introspect.js';
import { dump } from './dump.js';
import { parseSnowflakeUrl, sqlIdent, storedIdent, type SnowflakeUrl } from './url.js';

export async function connect(target: Target, options: ConnectOptions): Promise<Session> {
  const url = parseSnowflakeUrl(target.url, target);
  const secrets = [passwordOf(target.url), url.privateKeyPassphrase, url.token].filter((s): s is string => !!s);
  options.signal?.throwIfAborted();
  let driver: Driver;
  try {
    driver = await openDriver(url);
  } catch (error) {
    throw connectError(target, url, error, secrets);
  }
  const safe = wrap(driver, secrets);
  try {
    for (const [key, value] of Object.entries(target.session)) {
      await safe.query(`ALTER SESSION SET ${sqlIdent(key)} = ${typeof value === 'string' ? `'${value.replace(/'/g, "''")}'` : String(value).toUpperCase()}`);
    }
  } catch (error) {
    await safe.close();
    throw new BbError('config', `Session setting on ${target.ref.id} failed: ${causeMessage(error)}.`, {
      hint: `Fix the session: block of ${target.ref.id} in the config (keys are Snowflake session parameters such as QUERY_TAG, LOCK_TIMEOUT, STATEMENT_TIMEOUT_IN_SECONDS).`,
      cause: error,
    });
  }
  let at: { database?: string; schema?: string };
  try {
    // Where bb's tables live: the database and schema as the session opens (the URL's, after the
    // session: block), resolved once, so that a migration's USE never moves them.
    const row = (await safe.query<{ D: string | null; S: string | null }>('SELECT CURRENT_DATABASE() AS D, CURRENT_SCHEMA() AS S'))[0];
    at = { ...(row?.D ? { database: row.D } : {}), ...(row?.S ? { schema: row.S } : {}) };
  } catch (error) {
    await safe.close();
    throw error;
  }
  return new SnowflakeSession(target, url, safe, at);
}

/** Driver errors never carry a secret of the URL (the SDK sometimes echoes login parameters). */
function wrap(driver: Driver, secrets: readonly string[]): Driver {
  const clean = (error: unknown): unknown => {
    if (error instanceof Error && secrets.length > 0) error.message = redactText(error.message, secrets);
    return error;
  };
  return {
    serverVersion: driver.serverVersion,
    async query<R>(sql: string, params?: readonly unknown[], options?: { signal?: AbortSignal }) {
      try {
        return await driver.query<R>(sql, params, options);
      } catch (error) {
        throw clean(error);
      }
    },
    async stream(sql: string) {
      try {
        return await driver.stream!(sql);
      } catch (error) {
        throw clean(error);
      }
    },
    close: () => driver.close(),
  };
}

function connectError(target: Target, url: SnowflakeUrl, error: unknown, secrets: readonly string[]): BbError {
  const code = String((error as { code?: unknown }).code ?? '');
  const message = redactText(causeMessage(error), secrets);
  let hint = `Check the account identifier and network access for ${target.ref.id} (account "${url.account}").`;
  if (code === '390100' || code === '390144' || /password|JWT/i.test(message)) hint = `Check the user and password (or key pair) for ${target.ref.id}.`;
  else if (code === '390201' || /database/i.test(message)) hint = `Check the database name in the URL for ${target.ref.id}, and that role ${url.role ?? '(default)'} may use it.`;
  else if (/private key/i.test(message)) hint = `Check privateKeyPath and the passphrase variable for ${target.ref.id}.`;
  return new BbError('connect', `Cannot connect to ${targetWhere(target)}: ${message}.`, { hint, code: 'connect.failed', cause: error });
}

class SnowflakeSession implements Session {
  readonly history: SnowflakeHistory;
  readonly target;
  readonly serverVersion: string;
  private inTransaction = false;
  private readonly locks = new Map<string, Lock>();

  constructor(private readonly t: Target, private readonly url: SnowflakeUrl, private readonly driver: Driver, private readonly at: { readonly database?: string; readonly schema?: string }) {
    this.target = t.ref;
    this.serverVersion = driver.serverVersion;
    this.history = new SnowflakeHistory(t.history, driver, at);
  }

  async restoreDefaultSchema(): Promise<void> {
    const { database, schema } = this.at;
    if (database !== undefined && schema !== undefined) await this.driver.query(`USE SCHEMA ${storedIdent(database)}.${storedIdent(schema)}`);
    else if (database !== undefined) await this.driver.query(`USE DATABASE ${storedIdent(database)}`);
  }

  async execute(sql: string, options?: { signal?: AbortSignal }): Promise<void> {
    await this.driver.query(sql, [], options?.signal ? { signal: options.signal } : {});
  }

  query<R>(sql: string, params?: readonly unknown[]): Promise<readonly R[]> {
    return this.driver.query<R>(sql, params);
  }

  /**
   * BEGIN … COMMIT on the session. Snowflake commits the open transaction before any DDL statement
   * and runs the DDL in a transaction of its own, so only DML is rolled back; the engine reports
   * transactionalDdl: false and bb records progress per statement instead.
   */
  async transaction<T>(fn: (tx: Session) => Promise<T>): Promise<T> {
    if (this.inTransaction) throw new BbError('internal', 'Nested transactions are not supported.');
    await this.driver.query('BEGIN TRANSACTION');
    this.inTransaction = true;
    try {
      const result = await fn(this);
      await this.driver.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await this.driver.query('ROLLBACK');
      } catch {
        /* the session is gone; Snowflake rolls back an abandoned transaction */
      }
      throw error;
    } finally {
      this.inTransaction = false;
    }
  }

  /** bb query: engines/snowflake/read.ts (BEGIN … ROLLBACK, STATEMENT_TIMEOUT_IN_SECONDS, streamed rows). */
  async readQuery(sql: string, options: ReadQueryOptions): Promise<ReadQueryResult> {
    const { openReadQuery } = await import('./read.js');
    return openReadQuery(this.driver, sql, options);
  }

  async tryLock(key: string): Promise<Lock | undefined> {
    // The lock table must exist before anyone can hold the lock; CREATE … IF NOT EXISTS is safe to race.
    if (this.history.createSchema) await this.driver.query(this.history.createSchema);
    await this.driver.query(lockTableDdl(this.history.locks));
    const lock = await tryLockRow(this.driver, this.history.locks, key, this.url.lockTtlSeconds, () => this.locks.delete(key));
    if (lock) this.locks.set(key, lock);
    return lock;
  }

  async lockHolder(key: string): Promise<string | undefined> {
    try {
      return await lockRowHolder(this.driver, this.history.locks, key);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const note = code === '002003' ? `Snowflake says "does not exist or not authorized" alike; bb migrate creates it before it writes a pending row, and bb unlock --env ${this.t.ref.environment} recreates it if it was dropped` : undefined;
      throw lockUnreadable(this.t.ref, `the lock table ${this.history.locks}`, error, note);
    }
  }

  forceUnlock(key: string): Promise<boolean> {
    return forceUnlockRow(this.driver, this.history.locks, key);
  }

  introspect(options?: { schemas?: readonly string[] }): Promise<SchemaSnapshot> {
    // A schema member of a discovered group is that schema only.
    return introspect(this.driver, this.history.ident, options?.schemas ?? this.t.schemas);
  }

  /**
   * discover: groups. Databases from INFORMATION_SCHEMA.DATABASES (the account's shared SNOWFLAKE
   * databases left out), the member URL's path naming the database; or, with schemas, the current
   * database's schemas, each member's URL naming DATABASE/SCHEMA and bb's history inside that schema.
   */
  async listDatabases(options: { readonly schemas: boolean }): Promise<readonly DiscoveredMember[]> {
    const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    const pathName = (name: string): string => encodeURIComponent(/^[A-Z_][A-Z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`);
    const sqlName = (name: string): string => (/^[A-Z_][A-Z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`);
    const withPath = (path: string): string => {
      const u = new URL(this.t.url);
      u.pathname = path;
      return u.toString();
    };
    if (options.schemas) {
      const [db] = await this.driver.query<{ D: string | null }>('SELECT CURRENT_DATABASE() AS D');
      if (!db?.D) return [];
      const rows = await this.driver.query<{ SCHEMA_NAME: string }>("SELECT SCHEMA_NAME FROM INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME <> 'INFORMATION_SCHEMA'");
      return rows.map((r) => ({ name: r.SCHEMA_NAME })).sort(byName).map(({ name }) => ({ name, url: withPath(`/${pathName(db.D!)}/${pathName(name)}`), schema: sqlName(name) }));
    }
    const schema = this.url.schema;
    const rows = await this.driver.query<{ DATABASE_NAME: string }>('SELECT DATABASE_NAME FROM INFORMATION_SCHEMA.DATABASES');
    return rows
      .map((r) => ({ name: r.DATABASE_NAME }))
      .filter((r) => r.name !== 'SNOWFLAKE' && r.name !== 'SNOWFLAKE_SAMPLE_DATA')
      .sort(byName)
      .map(({ name }) => ({ name, url: withPath(`/${pathName(name)}${schema ? `/${encodeURIComponent(schema)}` : ''}`) }));
  }

  dump(snapshot: SchemaSnapshot): string {
    return dump(snapshot);
  }

  async close(): Promise<void> {
    for (const lock of [...this.locks.values()]) {
      try {
        await lock.release();
      } catch {
        /* the row expires on its own */
      }
    }
    await this.driver.close();
  }
}
