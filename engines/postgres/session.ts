import { hostname, userInfo } from 'node:os';
import type { ConnectOptions, DiscoveredMember, Lock, ReadQueryOptions, ReadQueryResult, SchemaSnapshot, Session, Target, TransactionalBatchResult, TransactionalMigration } from '../../src/engine.js';
import { targetWhere } from '../../src/engine.js';
import { whileAbortable } from '../../src/util/abort.js';
import { BbError, causeMessage } from '../../src/errors.js';
import { passwordOf, redactText } from '../../src/config/redact.js';
import type { Driver } from './driver.js';
import { clientConfig, importPg } from './pg-module.js';
import { PostgresHistory, literal, quote } from './history.js';
import { lockUnreadable } from '../../src/run/lock.js';
import { advisoryKey } from './lock.js';
import { openPglite } from './pglite.js';
import { introspect } from './introspect.js';
import { dump } from './dump.js';
import { CopyOut } from './copy.js';

const APPLICATION = (): string => `bb (${safeUser()}@${hostname()} pid ${process.pid})`;

export async function connect(target: Target, options: ConnectOptions): Promise<Session> {
  const driver = target.url.startsWith('pglite:') ? await openPglite(target, options) : await openPg(target);
  try {
    for (const [key, value] of Object.entries(target.session)) {
      await driver.query('SELECT set_config($1, $2, false)', [key, String(value)]);
    }
  } catch (error) {
    await driver.close();
    throw new BbError('config', `Session setting on ${target.ref.id} failed: ${causeMessage(error)}.`, {
      hint: `Fix the session: block of ${target.ref.id} in the config (keys are PostgreSQL settings such as search_path, lock_timeout, statement_timeout).`,
      cause: error,
    });
  }
  let opened: { schema: string | null; path: string; existing: string | null } | undefined;
  try {
    // `existing`: the schema of the history table the search_path finds, if there is one.
    opened = (await driver.query<{ schema: string | null; path: string; existing: string | null }>(
      `SELECT current_schema() AS schema, current_setting('search_path') AS path,
        (SELECT n.nspname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = pg_catalog.to_regclass($1)) AS existing`,
      [quote(target.history.table)],
    ))[0];
  } catch (error) {
    await driver.close();
    throw error;
  }
  // bb's tables live in history.schema, else in the schema of the history table the search_path finds,
  // else where unqualified names resolve as the session opens (its search_path after the session:
  // block), as Flyway's default schema; resolved once, so that a migration's SET search_path never moves
  // them. An existing table wins over current_schema(): with the default search_path ("$user", public),
  // a migration that creates a schema named after the user moves current_schema() there, and bb would
  // otherwise start an empty history in it and apply every migration again. No schema on the path
  // exists: left unqualified (bb's CREATE TABLE then says no schema has been selected to create in).
  const historySchema = target.history.schema ?? opened?.existing ?? opened?.schema ?? undefined;
  return new PostgresSession(target, driver, historySchema, opened?.path ?? '');
}

class PostgresSession implements Session {
  readonly history: PostgresHistory;
  readonly target;
  readonly serverVersion: string;
  private depth = 0;
  private locks = new Map<string, Lock>();

  /** Puts search_path back to its value when the session opened (restoreDefaultSchema). */
  private readonly restoreSearchPath: string;

  constructor(private readonly t: Target, private readonly driver: Driver, historySchema: string | undefined, searchPath: string) {
    this.restoreSearchPath = `SELECT set_config('search_path', ${literal(searchPath)}, false)`;
    this.target = t.ref;
    this.serverVersion = driver.serverVersion;
    this.history = new PostgresHistory(t.history, driver, historySchema);
  }

  async execute(sql: string, options?: { signal?: AbortSignal }): Promise<void> {
    // pg_cancel_backend from a second connection stops the statement on the server, not just in the client.
    await whileAbortable(options?.signal, () => this.driver.cancel(), () => this.driver.exec(sql));
  }

  query<R>(sql: string, params?: readonly unknown[]): Promise<readonly R[]> {
    return this.driver.query<R>(sql, params);
  }

  async transaction<T>(fn: (tx: Session) => Promise<T>): Promise<T> {
    if (this.depth > 0) throw new BbError('internal', 'Nested transactions are not supported.');
    await this.driver.exec('BEGIN');
    this.depth++;
    try {
      const result = await fn(this);
      await this.driver.exec('COMMIT');
      return result;
    } catch (error) {
      try {
        await this.driver.exec('ROLLBACK');
      } catch {
        /* the connection is gone; the server rolls back on its own */
      }
      throw error;
    } finally {
      this.depth--;
    }
  }

  async applyTransactional(migrations: readonly TransactionalMigration[], options?: { signal?: AbortSignal }): Promise<TransactionalBatchResult> {
    if (this.depth > 0) throw new BbError('internal', 'Nested transactions are not supported.');
    // '\n;\n' between statements: a statement that ends in a -- comment must not swallow the separator
    const batch = migrations.flatMap((m) => [this.restoreSearchPath, 'BEGIN', this.history.batchStartSql(), ...m.statements, this.history.batchRecordSql(m.row), 'COMMIT']).join('\n;\n');
    let error: unknown;
    try {
      await this.execute(batch, options);
    } catch (failure) {
      error = failure;
      await this.driver.exec('ROLLBACK').catch(() => undefined);
    }
    const durationsMs = await this.history.committedDurations(migrations.map((m) => m.row));
    return { committed: durationsMs.length, durationsMs, ...(error === undefined ? {} : { error }) };
  }

  async restoreDefaultSchema(): Promise<void> {
    await this.driver.exec(this.restoreSearchPath);
  }

  async tryLock(key: string): Promise<Lock | undefined> {
    const id = advisoryKey(key);
    // Session-level and outside any transaction: CREATE INDEX CONCURRENTLY waits for open transactions,
    // so a lock held inside one would deadlock against the migration it protects.
    const rows = await this.driver.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS ok', [id]);
    if (!rows[0]?.ok) return undefined;
    const owner = APPLICATION();
    const lock: Lock = {
      key,
      owner,
      release: async () => {
        this.locks.delete(key);
        await this.driver.query('SELECT pg_advisory_unlock($1::bigint)', [id]);
      },
    };
    this.locks.set(key, lock);
    return lock;
  }

  async lockHolder(key: string): Promise<string | undefined> {
    if (this.driver.embedded) return undefined;
    const id = BigInt(advisoryKey(key));
    const classid = Number((id >> 32n) & 0xffffffffn);
    const objid = Number(id & 0xffffffffn);
    const rows = await this.driver.query<{ pid: number; application_name: string; client_addr: string | null; state_change: Date | null }>(
      `SELECT a.pid, a.application_name, a.client_addr::text, a.backend_start AS state_change
         FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = $1 AND l.objid::bigint = $2 AND l.objsubid = 1
          AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      [classid, objid],
    ).catch((error: unknown) => {
      throw lockUnreadable(this.t.ref, 'pg_locks', error);
    });
    const row = rows[0];
    if (!row) return undefined;
    return `${row.application_name || 'a session'} (server pid ${row.pid}${row.client_addr ? ` from ${row.client_addr}` : ''})`;
  }

  async prepare(statements: readonly string[]): Promise<void> {
    await this.driver.prepare?.(statements);
  }

  introspect(options?: { schemas?: readonly string[] }): Promise<SchemaSnapshot> {
    return introspect(this.driver, this.t.history, options?.schemas ?? this.t.schemas);
  }

  async listDatabases(options: { readonly schemas: boolean }): Promise<readonly DiscoveredMember[]> {
    const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    if (options.schemas) {
      const rows = await this.driver.query<{ name: string }>(
        "SELECT nspname AS name FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_%'",
      );
      // A schema member: same database, bb's history inside the schema, unqualified names resolve there.
      return rows.sort(byName).map((r) => ({ name: r.name, url: this.t.url, schema: r.name, session: { search_path: quoteIdent(r.name) } }));
    }
    if (this.driver.embedded) return []; // one PGlite folder is one database
    const rows = await this.driver.query<{ name: string }>('SELECT datname AS name FROM pg_database WHERE NOT datistemplate AND datallowconn');
    return rows.sort(byName).map((r) => {
      const url = new URL(this.t.url);
      url.pathname = `/${encodeURIComponent(r.name)}`;
      return { name: r.name, url: url.toString() };
    });
  }

  dump(snapshot: SchemaSnapshot): string {
    return dump(snapshot);
  }

  /** bb query: engines/postgres/query.ts (read-only transaction, cursor, column origins). */
  async readQuery(sql: string, options: ReadQueryOptions): Promise<ReadQueryResult> {
    const { openReadQuery } = await import('./query.js');
    return openReadQuery(this.driver, sql, options);
  }

  async close(): Promise<void> {
    for (const lock of [...this.locks.values()]) {
      try {
        await lock.release();
      } catch {
        /* closing the connection releases session locks anyway */
      }
    }
    await this.driver.close();
  }
}

async function openPg(target: Target): Promise<Driver> {
  const { default: pg } = await importPg();
  // Keep int8/numeric as strings (exact), timestamps as Date.
  const client = new pg.Client({ connectionTimeoutMillis: 10_000, application_name: APPLICATION(), ...clientConfig(target.url) });
  client.on('error', () => undefined); // a dropped connection surfaces as the next query's error
  try {
    await client.connect();
  } catch (error) {
    throw connectError(target, error);
  }
  const version = (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? '?';
  // PostgreSQL 14+: notice a vanished client (a killed bb) during a long statement, so its transaction
  // rolls back and its advisory lock is freed at once instead of when the statement ends.
  await client.query("SELECT set_config('client_connection_check_interval', '1000', false)").catch(() => undefined);
  const secrets = [passwordOf(target.url)].filter((s): s is string => !!s);
  const wrap = (error: unknown): unknown => {
    if (error instanceof Error && secrets.length > 0) error.message = redactText(error.message, secrets);
    return error;
  };
  return {
    serverVersion: `PostgreSQL ${version}`,
    embedded: false,
    async query<R>(sql: string, params?: readonly unknown[]) {
      try {
        return (await client.query(sql, params as unknown[] | undefined)).rows as R[];
      } catch (error) {
        throw wrap(error);
      }
    },
    async exec(sql: string) {
      try {
        await client.query(sql);
      } catch (error) {
        throw wrap(error);
      }
    },
    async arrayQuery(sql: string) {
      try {
        // Values as the server's text (exact, and what psql prints), rows as arrays.
        const r = await client.query({ text: sql, rowMode: 'array', types: { getTypeParser: () => (v: string) => v } as never });
        return { fields: r.fields.map((f) => ({ name: f.name, tableID: f.tableID, columnID: f.columnID, dataTypeID: f.dataTypeID })), rows: r.rows as unknown[][] };
      } catch (error) {
        throw wrap(error);
      }
    },
    copyOut(sql: string) {
      const copy = new CopyOut(sql);
      client.query(copy as never);
      return copy;
    },
    async cancel() {
      const pid = (client as unknown as { processID?: number }).processID;
      if (!pid) return;
      const other = new pg.Client({ connectionTimeoutMillis: 5_000, ...clientConfig(target.url) });
      try {
        await other.connect();
        await other.query('SELECT pg_cancel_backend($1)', [pid]);
      } catch {
        /* best effort */
      } finally {
        await other.end().catch(() => undefined);
      }
    },
    close: () => client.end().catch(() => undefined),
  };
}

function connectError(target: Target, error: unknown): BbError {
  const code = (error as { code?: string }).code;
  const secrets = [passwordOf(target.url)].filter((s): s is string => !!s);
  const message = redactText(causeMessage(error), secrets);
  let hint = `Check that the server is running and that the URL for ${target.ref.id} in the config is right.`;
  if (code === '28P01' || code === '28000') hint = `Check the user and password for ${target.ref.id} (the URL's password or the variable that provides it).`;
  else if (code === '3D000') hint = `Create the database, or fix the database name in the URL for ${target.ref.id}.`;
  else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') hint = `The host name in the URL for ${target.ref.id} does not resolve; check it.`;
  return new BbError('connect', `Cannot connect to ${targetWhere(target)}: ${message}.`, { hint, code: 'connect.failed' });
}

function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}
