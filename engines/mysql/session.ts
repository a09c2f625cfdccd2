/**
 * The mysql2 adapter shared by the `mysql` and `tidb` engines.
 *
 * A session holds two connections: the migration connection (session settings applied, runs the
 * migrations) and, opened on first use, a control connection that holds the lock and writes the
 * history. Keeping them apart means a history write is durable the moment it returns, whatever the
 * migration connection is doing (an open transaction, LOCK TABLES, a long ALTER), and the lock is
 * never taken inside a transaction. Closing the session releases the lock and ends both.
 */
import type { ConnectOptions, DiscoveredMember, Lock, ReadQueryOptions, ReadQueryResult, SchemaSnapshot, Session, Target } from '../../src/engine.js';
import { readServerUrl, targetWhere, urlWhere } from '../../src/engine.js';
import { whileAbortable } from '../../src/util/abort.js';
import { BbError, causeMessage } from '../../src/errors.js';
import { didYouMean } from '../../src/util/closest.js';
import { passwordOf, redactText } from '../../src/config/redact.js';
import type { Driver, ServerInfo } from './driver.js';
import { MysqlHistory } from './history.js';
import { lockUnreadable } from '../../src/run/lock.js';
import { LockRows, advisoryHolder, lockName, lockStrategy, ownerName, quoteIdent, tryAdvisoryLock, type LockStrategy } from './lock.js';
import { introspect } from './introspect.js';
import { dump } from './dump.js';
import { serverInfo } from './server.js';

type Mysql2 = typeof import('mysql2/promise');
type Connection = Awaited<ReturnType<Mysql2['createConnection']>>;
type ConnectionOptions = Parameters<Mysql2['createConnection']>[0] & object;

export interface MysqlConnectOptions extends ConnectOptions {
  /** The tidb engine: ask tidb_version() as well, so a TiDB server is recognised by its own word. */
  readonly probeTidb?: boolean;
  /** Force a lock strategy (tests of the TiDB lock row against MariaDB); default: lockStrategy(server). */
  readonly lockStrategy?: LockStrategy['kind'];
}

/**
 * The mysql2 options for a mysql://, mariadb:// or tidb:// URL. A URL that cannot be read, most often a
 * password with `/`, `?`, `#`, `%` or a space written as is, is readServerUrl's BbError('config',
 * `config.bad-url`) naming where it is written (`target`; the redacted URL without it).
 */
export function connectionOptions(url: string, target?: Pick<Target, 'ref' | 'locateUrl'>): ConnectionOptions {
  const u = readServerUrl(url, target);
  const decode = decodeURIComponent;
  const q = u.searchParams;
  const options: Record<string, unknown> = {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 3306,
    user: decode(u.username || 'root'),
    ...(u.password ? { password: decode(u.password) } : {}),
    ...(u.pathname.length > 1 ? { database: decode(u.pathname.slice(1)) } : {}),
    charset: 'utf8mb4_general_ci',
    // Exact values: DATETIME as text (no local-time conversion), BIGINT/DECIMAL as strings when large.
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: false,
    multipleStatements: false,
    connectTimeout: 10_000,
    connectAttributes: { program_name: 'bb', bb_owner: ownerName() },
  };
  const socket = q.get('socket') ?? q.get('socketPath');
  if (socket) options.socketPath = socket;
  const ssl = (q.get('ssl') ?? q.get('ssl-mode') ?? q.get('sslmode') ?? '').toLowerCase();
  if (['true', '1', 'required', 'require', 'verify_ca', 'verify-ca', 'verify_identity', 'verify-full', 'verify_full'].includes(ssl)) {
    options.ssl = { rejectUnauthorized: /verify/.test(ssl) || ssl === 'true' || ssl === '1' };
  }
  return options as ConnectionOptions;
}

/** `server.mariadb` is set once SELECT VERSION() has told; error names depend on it (serverError). */
function wrapDriver(conn: Connection, secrets: readonly string[], server: { mariadb: boolean }): Driver {
  const wrap = (error: unknown): unknown => serverError(error, secrets, server.mariadb);
  return {
    threadId: conn.threadId ?? 0,
    async query<R>(sql: string, params?: readonly unknown[]) {
      try {
        const [rows] = await conn.query(sql, params as unknown[] | undefined);
        return (Array.isArray(rows) ? rows : []) as R[];
      } catch (error) {
        throw wrap(error);
      }
    },
    async exec(sql: string, params?: readonly unknown[]) {
      try {
        const [result] = await conn.query(sql, params as unknown[] | undefined);
        return Array.isArray(result) ? 0 : Number((result as { affectedRows?: number }).affectedRows ?? 0);
      } catch (error) {
        throw wrap(error);
      }
    },
    close: async () => {
      await conn.end().catch(() => conn.destroy());
    },
    // bb query (engines/mysql/query.ts): rows as arrays, pulled by the consumer. The socket is paused
    // while rows wait unread, so memory stays at about one batch; discard() resumes it and drops the rest.
    streamQuery(sql: string) {
      const raw = (conn as unknown as { connection: { pause(): void; resume(): void; query(options: object): NodeJS.EventEmitter } }).connection;
      const query = raw.query({ sql, rowsAsArray: true });
      const buffer: unknown[][] = [];
      let ended = false;
      let failure: unknown;
      let paused = false;
      let discarding = false;
      let wake: (() => void) | undefined;
      const notify = (): void => {
        wake?.();
        wake = undefined;
      };
      const fields = new Promise<readonly unknown[]>((resolve, reject) => {
        query.once('fields', (f: unknown[]) => resolve(f));
        query.once('error', (e: unknown) => reject(wrap(e)));
        query.once('end', () => resolve([]));
      });
      fields.catch(() => undefined);
      query.on('result', (row: unknown[]) => {
        if (discarding) return;
        buffer.push(row);
        if (buffer.length >= 1000 && !paused) {
          paused = true;
          raw.pause();
        }
        notify();
      });
      query.on('error', (e: unknown) => {
        failure = wrap(e);
        ended = true;
        notify();
      });
      query.on('end', () => {
        ended = true;
        notify();
      });
      const done = new Promise<void>((resolve) => {
        query.once('end', () => resolve());
        query.once('error', () => resolve());
      });
      const rows = (async function* () {
        for (;;) {
          if (buffer.length > 0) {
            const row = buffer.shift()!;
            if (paused && buffer.length < 250) {
              paused = false;
              raw.resume();
            }
            yield row;
            continue;
          }
          if (failure) throw failure;
          if (ended) return;
          await new Promise<void>((resolve) => (wake = resolve));
        }
      })();
      const discard = async (): Promise<void> => {
        discarding = true;
        buffer.length = 0;
        if (paused) {
          paused = false;
          raw.resume();
        }
        await done;
      };
      return { fields, rows, discard };
    },
  } as Driver;
}

/**
 * Server error numbers whose MariaDB name differs from the MySQL name mysql2 gives them (from MariaDB
 * 10.11's perror; most are MySQL's MASTER/SLAVE → SOURCE/REPLICA renames, some are different errors:
 * 1101 is ER_BLOB_CANT_HAVE_DEFAULT in MySQL and unused in MariaDB, 1726 ER_UNSUPPORTED_ENGINE vs
 * ER_VERS_NOT_ALLOWED). Only 1000–1899 and 3000–3060 are shared at all: 1900–1999 and 3061 up are each
 * server's own.
 */
const MARIADB_OTHER_NAME = new Set([
  1072, 1076, 1101, 1150, 1151, 1165, 1176, 1185, 1188, 1189, 1190, 1199, 1200, 1201, 1202, 1218, 1236, 1237, 1274, 1277, 1278,
  1487, 1506, 1507, 1547, 1548, 1557, 1561, 1593, 1608, 1610, 1617, 1624, 1625, 1650, 1669, 1678, 1703, 1704, 1720, 1721,
  1725, 1726, 1729, 1742, 1749, 1753, 1754, 1755, 1756, 1760, 1763, 1768, 1776, 1777, 1779, 1787, 1789, 1794, 1802, 1803,
  1804, 1806, 1807, 1826, 1834, 1837, 1852, 1858, 1864, 1871, 1872, 1875, 1876, 1880, 1881, 1882, 1883, 1884, 1885, 1886,
  1887, 3001, 3011, 3017, 3021, 3023, 3024, 3030, 3031, 3056,
]);

/** Whether mysql2's (MySQL's) name for a server error number is MariaDB's too. */
function mariadbNameAgrees(errno: number): boolean {
  if ((errno >= 1900 && errno < 2000) || errno > 3060) return false;
  return !MARIADB_OTHER_NAME.has(errno);
}

/**
 * The server's own words in the error message: "ER_PARSE_ERROR (1064): You have an error …" (or, for a
 * code mysql2 has no name for, "ERROR 1901 (HY000): …" as the mysql client prints it), so the history
 * row's `error` names the code a DBA searches for. Passwords are removed. `mariadb`: the error comes
 * from a MariaDB server, where mysql2's MySQL names are used only for the numbers both servers share
 * (MariaDB's 4161 "Unknown data type" is MySQL's ER_INSTALL_COMPONENT_SET_UNUSED_VALUE).
 */
export function serverError(error: unknown, secrets: readonly string[] = [], mariadb = false): unknown {
  if (!(error instanceof Error)) return error;
  const e = error as Error & { code?: string; errno?: number; sqlMessage?: string; bbFormatted?: boolean };
  if (!e.bbFormatted && typeof e.errno === 'number' && typeof e.sqlMessage === 'string') {
    // mysql2 names MySQL's codes; a MariaDB-only one (1901, …) is printed as the mysql client does.
    const named = typeof e.code === 'string' && e.code.startsWith('ER_') && (!mariadb || mariadbNameAgrees(e.errno));
    e.message = named ? `${e.code} (${e.errno}): ${e.sqlMessage}` : `ERROR ${e.errno} (${(e as { sqlState?: string }).sqlState ?? 'HY000'}): ${e.sqlMessage}`;
    e.bbFormatted = true;
  }
  if (secrets.length > 0) e.message = redactText(e.message, secrets);
  return e;
}

async function open(target: Target, options: ConnectionOptions): Promise<Connection> {
  const mysql = await import('mysql2/promise');
  try {
    return await mysql.createConnection(options);
  } catch (error) {
    throw connectError(target, error);
  }
}

export async function connect(target: Target, options: MysqlConnectOptions = {}): Promise<Session> {
  const connOptions = connectionOptions(target.url, target);
  const secrets = [passwordOf(target.url)].filter((s): s is string => !!s);
  const conn = await open(target, connOptions);
  conn.on('error', () => undefined); // a dropped connection surfaces as the next query's error
  const flavor = { mariadb: false };
  const driver = wrapDriver(conn, secrets, flavor);
  try {
    const version = (await driver.query<{ v: string }>('SELECT VERSION() AS v'))[0]?.v ?? '?';
    let tidb: string | undefined;
    if (options.probeTidb || /tidb/i.test(version)) {
      tidb = await driver.query<{ v: string }>('SELECT tidb_version() AS v').then((r) => r[0]?.v, () => undefined);
    }
    const server = serverInfo(version, tidb);
    flavor.mariadb = server.flavor === 'mariadb';
    await applySessionSettings(driver, target);
    const strategy: LockStrategy = options.lockStrategy && server.flavor !== 'tidb'
      ? { kind: options.lockStrategy, reason: `${server.display}: ${options.lockStrategy} chosen by the engine` }
      : lockStrategy(server);
    const hasDatabase = 'database' in connOptions && !!connOptions.database;
    // Where bb's tables and lock live when history.schema is not set: the database as the session
    // opens, resolved once, so that a migration's `USE other_db` moves neither (nor the lock name).
    const opened = (await driver.query<{ d: string | null }>('SELECT DATABASE() AS d'))[0]?.d ?? '';
    return new MysqlSession(target, driver, server, strategy, { database: target.history.schema ?? opened, opened }, async () => {
      // The history and the lock need a database; a URL without one only serves discovery (SHOW DATABASES).
      if (!hasDatabase && !target.history.schema) {
        throw new BbError('config', `${urlWhere(target)} names no database.`, {
          hint: 'Add the database to the URL (mysql://user@host:3306/<database>), or set history.schema.',
          code: 'config.url-database',
        });
      }
      const control = await open(target, { ...connOptions, keepAliveInitialDelay: 30_000 });
      control.on('error', () => undefined);
      const driver = wrapDriver(control, secrets, flavor);
      // It sits idle while a long ALTER runs on the other connection: a server wait_timeout (often
      // minutes on managed databases) would end it and silently drop the lock with it.
      await driver.exec('SET SESSION wait_timeout = 31536000').catch(() => undefined);
      return driver;
    });
  } catch (error) {
    await driver.close();
    throw error;
  }
}

/**
 * Target.session keys, applied with SET SESSION right after connecting, before any migration:
 * sql_mode, time_zone, foreign_key_checks, lock_wait_timeout, innodb_lock_wait_timeout, … (any session
 * variable). Keys are checked to be plain names; values are sent as parameters, booleans as ON/OFF.
 */
export async function applySessionSettings(driver: Driver, target: Target): Promise<void> {
  for (const [key, value] of Object.entries(target.session)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
      throw new BbError('config', `Session setting "${key}" on ${target.ref.id} is not a variable name.`, {
        hint: 'Keys under session: are MySQL session variables such as sql_mode, time_zone, foreign_key_checks, lock_wait_timeout.',
        code: 'config.session',
      });
    }
    const v = typeof value === 'boolean' ? (value ? 'ON' : 'OFF') : value;
    try {
      if (typeof v === 'string' && /^(ON|OFF|DEFAULT)$/i.test(v)) await driver.exec(`SET SESSION ${quoteIdent(key)} = ${v.toUpperCase()}`);
      else await driver.exec(`SET SESSION ${quoteIdent(key)} = ?`, [v]);
    } catch (error) {
      let suggestion = '';
      if ((error as { code?: string }).code === 'ER_UNKNOWN_SYSTEM_VARIABLE') {
        const names = await driver.query<{ n: string }>('SELECT LOWER(VARIABLE_NAME) AS n FROM information_schema.SESSION_VARIABLES').catch(() => []);
        suggestion = didYouMean(key.toLowerCase(), names.map((r) => r.n));
      }
      throw new BbError('config', `Session setting ${key}=${JSON.stringify(value)} on ${target.ref.id} failed: ${causeMessage(error)}${suggestion}.`, {
        hint: `Fix the session: block of ${target.ref.id} in the config (keys are MySQL session variables such as sql_mode, time_zone, foreign_key_checks, lock_wait_timeout).`,
        cause: error,
        code: 'config.session',
      });
    }
  }
}

class MysqlSession implements Session {
  readonly history: MysqlHistory;
  readonly target;
  readonly serverVersion: string;
  private control: Promise<Driver> | undefined;
  private readonly locks = new Map<string, Lock>();
  private depth = 0;
  private readonly database: string;
  private readonly opened: string;

  constructor(
    private readonly t: Target,
    private readonly driver: Driver,
    readonly server: ServerInfo,
    readonly lockStrategy: LockStrategy,
    /**
     * `database`: the one holding bb's tables and naming its lock: history.schema, else `opened`, the
     * session's database when it connected ('' = none), which restoreDefaultSchema goes back to.
     */
    databases: { readonly database: string; readonly opened: string },
    private readonly openControl: () => Promise<Driver>,
  ) {
    this.database = databases.database;
    this.opened = databases.opened;
    this.target = t.ref;
    this.serverVersion = server.display;
    this.history = new MysqlHistory(t.history, () => this.controlConnection(), this.database);
  }

  /** The control connection: autocommit, no session settings, never in a transaction. */
  private controlConnection(): Promise<Driver> {
    this.control ??= this.openControl().catch((error: unknown) => {
      this.control = undefined;
      throw error;
    });
    return this.control;
  }

  get defaultSchema(): string | undefined {
    return this.opened || undefined;
  }

  async restoreDefaultSchema(): Promise<void> {
    if (this.opened) await this.driver.exec(`USE ${quoteIdent(this.opened)}`);
  }

  async execute(sql: string, options?: { signal?: AbortSignal }): Promise<void> {
    // KILL QUERY from the control connection stops a long ALTER on the server, not just in the client.
    const onAbort = (): Promise<unknown> => this.controlConnection().then((c) => c.exec(`KILL QUERY ${this.driver.threadId}`)).catch(() => undefined);
    await whileAbortable(options?.signal, onAbort, () => this.driver.exec(sql));
  }

  query<R>(sql: string, params?: readonly unknown[]): Promise<readonly R[]> {
    return this.driver.query<R>(sql, params);
  }

  async transaction<T>(fn: (tx: Session) => Promise<T>): Promise<T> {
    if (this.depth > 0) throw new BbError('internal', 'Nested transactions are not supported.');
    await this.driver.exec('START TRANSACTION');
    this.depth++;
    // Inside the transaction the history is written on the migration connection, so that a DML-only
    // migration and its history row commit or roll back together (DDL would commit implicitly anyway).
    const tx: Session = Object.create(this, { history: { value: new MysqlHistory(this.t.history, async () => this.driver, this.database) } }) as Session;
    try {
      const result = await fn(tx);
      await this.driver.exec('COMMIT');
      return result;
    } catch (error) {
      await this.driver.exec('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      this.depth--;
    }
  }

  private lockTable(): string {
    const prefix = this.database ? `${quoteIdent(this.database)}.` : '';
    return prefix + quoteIdent(`${this.t.history.table}_lock`);
  }

  async tryLock(key: string): Promise<Lock | undefined> {
    const name = lockName(this.database, key);
    const control = await this.controlConnection();
    const onRelease = (): void => void this.locks.delete(key);
    const lock = this.lockStrategy.kind === 'lock-row'
      ? await new LockRows(control, this.lockTable()).tryLock(name, key, onRelease)
      : await tryAdvisoryLock(control, name, key, onRelease);
    if (lock) this.locks.set(key, lock);
    return lock;
  }

  async lockHolder(key: string): Promise<string | undefined> {
    const rows = this.lockStrategy.kind === 'lock-row';
    try {
      const name = lockName(this.database, key);
      const control = await this.controlConnection();
      return await (rows ? new LockRows(control, this.lockTable()).holder(name) : advisoryHolder(control, name));
    } catch (error) {
      throw lockUnreadable(this.t.ref, rows ? `the lock table ${this.lockTable()}` : 'IS_USED_LOCK()', error);
    }
  }

  /**
   * `bb unlock`: clears a lock row (TiDB) left by a runner that died. GET_LOCK dies with its connection,
   * so on MySQL and MariaDB there is nothing to clear: false.
   */
  async forceUnlock(key: string): Promise<boolean> {
    if (this.lockStrategy.kind !== 'lock-row') return false;
    return new LockRows(await this.controlConnection(), this.lockTable()).forceUnlock(lockName(this.database, key));
  }

  async introspect(options?: { schemas?: readonly string[] }): Promise<SchemaSnapshot> {
    // On the control connection: SHOW CREATE output follows the session's sql_mode (ANSI_QUOTES, …), and
    // a snapshot must not change with the target's session: settings.
    const conn = await this.controlConnection().catch(() => this.driver);
    return introspect(conn, this.t.history, this.t.engine, options?.schemas);
  }

  /** Group discovery: the server's databases (MySQL has no schemas inside a database), system ones left out. */
  async listDatabases(_options: { readonly schemas: boolean }): Promise<readonly DiscoveredMember[]> {
    const system = new Set(['information_schema', 'mysql', 'performance_schema', 'sys', 'metrics_schema']);
    const rows = await this.driver.query<{ name: string }>('SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA');
    return rows
      .map((r) => String(r.name))
      .filter((name) => !system.has(name.toLowerCase()))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((name) => {
        const url = new URL(this.t.url);
        url.pathname = `/${encodeURIComponent(name)}`;
        return { name, url: url.toString() };
      });
  }

  dump(snapshot: SchemaSnapshot): string {
    return dump(snapshot);
  }

  /** bb query (engines/mysql/query.ts): READ ONLY transaction, statement time limit, KILL QUERY at the deadline. */
  async readQuery(sql: string, options: ReadQueryOptions): Promise<ReadQueryResult> {
    const { openReadQuery } = await import('./query.js');
    const kill = async (): Promise<void> => {
      await this.controlConnection().then((c) => c.exec(`KILL QUERY ${this.driver.threadId}`)).catch(() => undefined);
    };
    return openReadQuery(this.driver as never, () => this.controlConnection(), this.server, kill, sql, options);
  }

  async close(): Promise<void> {
    for (const lock of [...this.locks.values()]) {
      try {
        await lock.release();
      } catch {
        /* ending the connection releases GET_LOCK; a lock row expires */
      }
    }
    const control = this.control;
    this.control = undefined;
    await Promise.all([this.driver.close(), control?.then((c) => c.close(), () => undefined)]);
  }
}

export function connectError(target: Target, error: unknown): BbError {
  const code = (error as { code?: string }).code;
  const secrets = [passwordOf(target.url)].filter((s): s is string => !!s);
  const message = redactText(causeMessage(serverError(error)), secrets);
  let hint = `Check that the server is running and that the URL for ${target.ref.id} in the config is right.`;
  if (code === 'ER_ACCESS_DENIED_ERROR' || code === 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR') hint = `Check the user and password for ${target.ref.id} (the URL's password or the variable that provides it).`;
  // The server accepted the password: the user may not use that database (or it is misspelt).
  else if (code === 'ER_DBACCESS_DENIED_ERROR') hint = `The user may not use that database: grant it (GRANT ALL ON \`<database>\`.* TO <user>, or the privileges bb needs), or fix the database name in the URL for ${target.ref.id}.`;
  else if (code === 'ER_BAD_DB_ERROR') hint = `Create the database (CREATE DATABASE …), or fix the database name in the URL for ${target.ref.id}.`;
  else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') hint = `The host name in the URL for ${target.ref.id} does not resolve; check it.`;
  return new BbError('connect', `Cannot connect to ${targetWhere(target)}: ${message}.`, { hint, code: 'connect.failed', cause: error });
}
