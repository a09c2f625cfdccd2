import { randomUUID } from 'node:crypto';
import type { ClickHouseSettings } from '@clickhouse/client';
import { existsSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import type { ConnectOptions, DiscoveredMember, Lock, ReadQueryOptions, ReadQueryResult, SchemaSnapshot, Session, Target } from '../../src/engine.js';
import { makeEmbeddedFolder, notCreated, readServerUrl, targetWhere, urlWhere } from '../../src/engine.js';
import { whileAbortable } from '../../src/util/abort.js';
import { BbError, causeMessage } from '../../src/errors.js';
import { passwordOf, redactText } from '../../src/config/redact.js';
import { fileLock } from '../../src/util/file-lock.js';
import { makeDir } from '../../src/util/make-dir.js';
import { BB_SETTINGS, type Driver, type ReadConnection } from './driver.js';
import { rowStream } from './rows.js';
import { ClickHouseHistory, createDatabase, engineClause, onCluster, qualified, quoteIdent, type TableLayout } from './history.js';
import { lockUnreadable } from '../../src/run/lock.js';
import { LockRows } from './lock.js';
import { introspect } from './introspect.js';
import { dump } from './dump.js';
import { factsOf, parseClickHouse } from './parse.js';

const OWNER = (): string => `bb (${safeUser()}@${hostname()} pid ${process.pid})`;

/**
 * Lock timings: a dead runner's claim expires after ttlMs; settleMs bounds how long a claim INSERT may
 * take (see lock.ts). Mutable for tests only.
 */
export const LOCK_TIMING = { ttlMs: 30_000, settleMs: { http: 500, embedded: 200 } };
/** How long bb waits for a mutation that is still running after its statement returned. */
export const MUTATION_WAIT_MS = 30 * 60_000;

export async function connect(target: Target, options: ConnectOptions): Promise<Session> {
  return new ClickHouseSession(target, await openDriver(target, options));
}

/** The transport alone, without bb's session (bb backup and restore read and write through it). */
export async function openDriver(target: Target, options: ConnectOptions): Promise<Driver> {
  if (!target.url.startsWith('chdb:')) return openHttp(target);
  // chdb is one server in this process: ON CLUSTER would fail on the first DDL, deep in a migration.
  if (target.cluster !== undefined) {
    throw new BbError('config', `${urlWhere(target)} is an embedded ClickHouse (chdb), which has no cluster, but the target sets cluster: ${target.cluster}.`, {
      hint: 'Drop cluster: from this target, or point it at a ClickHouse server URL (clickhouse://host:8123/db) whose server defines the cluster.',
      code: 'config.chdb-cluster',
    });
  }
  return openChdb(target, options);
}

class ClickHouseSession implements Session {
  readonly history: ClickHouseHistory;
  readonly target;
  readonly serverVersion: string;
  private readonly layout: TableLayout;
  private side: Driver | undefined;
  private lockRows: LockRows | undefined;
  private readonly locks = new Map<string, Lock>();
  private lost: string | undefined;

  constructor(private readonly t: Target, private readonly driver: Driver) {
    this.target = t.ref;
    this.serverVersion = driver.serverVersion;
    // On a cluster, bb's own reads and writes use quorum inserts and sequentially consistent reads, so
    // a runner connected to another replica of the shard sees every committed history and lock row.
    const settings = t.cluster ? { insert_quorum: 'auto', insert_quorum_parallel: 0, select_sequential_consistency: 1 } : {};
    const database = t.history.schema ?? driver.database;
    this.layout = { database, ...(t.history.schema ? { ownDatabase: true } : {}), ...(t.cluster ? { cluster: t.cluster } : {}), settings };
    this.history = new ClickHouseHistory(t.history, driver, this.layout, () => {
      if (this.lost) throw new BbError('lock', `Lost the migration lock on ${t.ref.id}: ${this.lost}.`, { hint: 'Another runner may be applying migrations; run bb status, then bb migrate again.', code: 'lock.lost' });
    });
  }

  async restoreDefaultSchema(): Promise<void> {
    await this.driver.exec(`USE ${quoteIdent(this.driver.database)}`);
  }

  async execute(sql: string, options?: { signal?: AbortSignal }): Promise<void> {
    const facts = factsOf(parseClickHouse({ index: 0, text: sql, span: { line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, length: sql.length }, comments: [] }));
    const startedAt = facts.mutation ? await this.serverNow() : undefined;
    const database = facts.table?.database ?? this.driver.database;
    try {
      await this.driver.exec(sql, options?.signal ? { signal: options.signal } : {});
    } catch (error) {
      // A mutation that failed while bb waited for it stays queued, and ClickHouse retries it forever:
      // say so, with the command that stops it, instead of leaving it behind silently.
      if (facts.mutation && facts.table && startedAt && error instanceof Error) {
        const queued = await this.pendingMutations(database, facts.table.name, startedAt).catch(() => []);
        if (queued.length > 0) {
          const ids = queued.map((m) => `'${m.mutation_id}'`).join(', ');
          error.message += ` The mutation stays queued and ClickHouse retries it: run KILL MUTATION WHERE database = '${database}' AND table = '${facts.table.name}' AND mutation_id IN (${ids}) before bb repair.`;
        }
      }
      throw error;
    }
    if (facts.mutation && facts.table && startedAt) await this.awaitMutations(database, facts.table.name, startedAt, facts.mutation, options?.signal);
  }

  /** A failed mutation stays queued and ClickHouse retries it forever: bb repair says so, with the commands that check and stop it. */
  async unfinishedWork(statement: string): Promise<string | undefined> {
    const facts = factsOf(parseClickHouse({ index: 0, text: statement, span: { line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, length: statement.length }, comments: [] }));
    if (!facts.mutation || !facts.table) return undefined;
    const database = facts.table.database ?? this.driver.database;
    const literal = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
    const where = `database = ${literal(database)} AND table = ${literal(facts.table.name)}`;
    const what = `${facts.mutation} on ${database}.${facts.table.name}`;
    const check = `check it with SELECT mutation_id, command, latest_fail_reason FROM system.mutations WHERE ${where} AND NOT is_done`;
    let queued: readonly { readonly mutation_id: string; readonly latest_fail_reason: string }[];
    try {
      queued = await this.pendingMutations(database, facts.table.name);
    } catch {
      return `${what} may still be queued on the server, where ClickHouse retries a failing mutation until it is killed: ${check}, and stop it with KILL MUTATION WHERE ${where} AND mutation_id = '<id>'.`;
    }
    if (queued.length === 0) return undefined;
    const ids = queued.map((m) => literal(m.mutation_id)).join(', ');
    const failing = queued.some((m) => m.latest_fail_reason !== '');
    return `${what} is still queued on the server (mutation ${ids}${failing ? ', failing' : ''}), where ClickHouse retries it until it succeeds or is killed: ${check}, and stop it with KILL MUTATION WHERE ${where} AND mutation_id IN (${ids}).`;
  }

  /** The table's mutations not done and not killed; with `since` (server time), only those created from then on. */
  private pendingMutations(database: string, table: string, since?: string): Promise<{ mutation_id: string; command: string; latest_fail_reason: string }[]> {
    return this.driver.query(
      `SELECT mutation_id, command, latest_fail_reason FROM system.mutations
        WHERE database = {db:String} AND table = {table:String} AND NOT is_done AND NOT is_killed${since ? ' AND create_time >= toDateTime({since:String}) - 1' : ''}`,
      { db: database, table, ...(since ? { since } : {}) },
    );
  }

  private async serverNow(): Promise<string> {
    const rows = await this.driver.query<{ now: string }>('SELECT toString(now()) AS now');
    return rows[0]?.now ?? '1970-01-01 00:00:00';
  }

  /**
   * bb runs with mutations_sync = 2, so a mutation normally finishes before its statement returns. A
   * statement that overrides it (SETTINGS mutations_sync = 0), a lightweight delete, or a replica
   * timeout can still leave one running: bb waits for it, and reports a mutation that keeps failing
   * (ClickHouse retries those forever) instead of leaving it silently behind.
   */
  private async awaitMutations(database: string, table: string, since: string, what: string, signal?: AbortSignal): Promise<void> {
    const deadline = Date.now() + MUTATION_WAIT_MS;
    let delay = 100;
    for (;;) {
      const running = await this.pendingMutations(database, table, since);
      if (running.length === 0) return;
      const failing = running.find((m) => m.latest_fail_reason !== '');
      const first = failing ?? running[0]!;
      if (failing || Date.now() >= deadline || signal?.aborted) {
        throw new BbError('apply', `${what} on ${database}.${table} is ${failing ? 'failing' : 'still running'} (mutation ${first.mutation_id}: ${first.command})${failing ? `: ${failing.latest_fail_reason}` : ''}.`, {
          hint: failing
            ? `Fix the cause, then KILL MUTATION WHERE mutation_id = '${first.mutation_id}' and run bb repair; ClickHouse retries a failing mutation forever.`
            : `Watch it in system.mutations; when is_done = 1, run bb repair --retry (or mark the migration done with bb repair).`,
          code: 'apply.mutation',
        });
      }
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 2000);
    }
  }

  async query<R>(sql: string, params?: readonly unknown[]): Promise<readonly R[]> {
    return this.driver.query<R>(sql, params ? Object.fromEntries(params.map((v, k) => [`p${k + 1}`, v])) : undefined);
  }

  async transaction<T>(_fn: (tx: Session) => Promise<T>): Promise<T> {
    throw new BbError('internal', `ClickHouse has no transactions (${this.t.ref.id}); bb applies ClickHouse migrations statement by statement.`, {
      hint: 'This is a bug in bb: the runner must read capabilities.transactionalDdl.',
    });
  }

  private async lockTable(): Promise<LockRows> {
    if (this.lockRows) return this.lockRows;
    this.side ??= await this.driver.fork();
    const { table, create } = lockTableDdl(this.layout, this.t.history.table);
    this.lockRows = new LockRows(table, create, this.side, {
      ttlMs: LOCK_TIMING.ttlMs,
      settleMs: this.driver.embedded ? LOCK_TIMING.settleMs.embedded : LOCK_TIMING.settleMs.http,
      settings: { ...BB_SETTINGS, ...this.layout.settings },
    });
    return this.lockRows;
  }

  async tryLock(key: string): Promise<Lock | undefined> {
    const rows = await this.lockTable();
    const lock = await rows.tryLock(key, OWNER(), (why) => {
      this.lost = why;
    });
    if (!lock) return undefined;
    this.lost = undefined;
    const tracked: Lock = {
      key,
      owner: lock.owner,
      release: async () => {
        this.locks.delete(key);
        await lock.release();
      },
    };
    this.locks.set(key, tracked);
    return tracked;
  }

  async lockHolder(key: string): Promise<string | undefined> {
    const { table } = lockTableDdl(this.layout, this.t.history.table);
    try {
      return await (await this.lockTable()).holder(key);
    } catch (error) {
      throw lockUnreadable(this.t.ref, `the lock table ${table}`, error);
    }
  }

  /**
   * Group discovery: the server's databases (ClickHouse has no schemas inside a database), system ones
   * left out. The member URL is the discovery URL with the database swapped in: the `database` query
   * parameter where the URL has one (always for chdb://), else the path.
   */
  async listDatabases(_options: { readonly schemas: boolean }): Promise<readonly DiscoveredMember[]> {
    const system = new Set(['system', 'information_schema']);
    const rows = await this.driver.query<{ name: string }>('SELECT name FROM system.databases');
    return rows
      .map((r) => String(r.name))
      .filter((name) => !system.has(name.toLowerCase()))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((name) => {
        const url = new URL(this.t.url);
        if (url.searchParams.has('database') || url.protocol === 'chdb:') url.searchParams.set('database', name);
        else url.pathname = `/${encodeURIComponent(name)}`;
        return { name, url: url.toString() };
      });
  }

  async forceUnlock(key: string): Promise<boolean> {
    return (await this.lockTable()).forceUnlock(key);
  }

  introspect(options?: { schemas?: readonly string[] }): Promise<SchemaSnapshot> {
    return introspect(this.driver, this.t.history, options?.schemas);
  }

  dump(snapshot: SchemaSnapshot): string {
    return dump(snapshot);
  }

  async readQuery(sql: string, options: ReadQueryOptions): Promise<ReadQueryResult> {
    const { openReadQuery } = await import('./query.js');
    return openReadQuery(this.driver, sql, options);
  }

  async close(): Promise<void> {
    for (const lock of [...this.locks.values()]) {
      try {
        await lock.release();
      } catch {
        /* the claim expires on its own */
      }
    }
    await this.side?.close();
    await this.driver.close();
  }
}

/** The lock table next to the history table: claims by (key, claim_id), latest revision wins; old claims expire a day later. */
export function lockTableDdl(layout: TableLayout, historyTable: string): { table: string; create: string[] } {
  const table = qualified(layout, `${historyTable}_lock`);
  return {
    table,
    create: [
      ...createDatabase(layout),
      `CREATE TABLE IF NOT EXISTS ${table}${onCluster(layout)} (key String, claim_id String, owner String, claimed_at DateTime64(6, 'UTC'), expires_at DateTime64(6, 'UTC'), released UInt8, rev UInt64) ${engineClause(layout, 'ReplacingMergeTree', 'rev')} ORDER BY (key, claim_id) TTL toDateTime(expires_at) + INTERVAL 1 DAY`,
    ],
  };
}

// ---------------------------------------------------------------- HTTP (@clickhouse/client)

interface HttpConfig {
  url: string;
  username: string;
  password: string;
  database: string;
  settings: Record<string, string | number>;
  caPath?: string;
  timeoutMs: number;
}

const OWN_PARAMS = new Set(['secure', 'ssl', 'ca', 'timeout', 'database', 'user', 'password']);

/**
 * `clickhouse://user:pass@host[:port]/db` (HTTP on 8123; `?secure=true` for HTTPS on 8443),
 * `http(s)://user:pass@host[:port]/db` (the same defaults: a port written is used as written, :80 too). `?ca=<file>` trusts a private CA; other query parameters are
 * ClickHouse settings.
 */
export function httpConfig(target: Target): HttpConfig {
  const url = readServerUrl(target.url, target);
  const q = url.searchParams;
  const flag = (v: string | null): boolean => v !== null && /^(1|true|yes|on|require)$/i.test(v);
  const secure = url.protocol === 'https:' || (url.protocol === 'clickhouse:' && (flag(q.get('secure')) || flag(q.get('ssl')) || url.port === '8443'));
  // WHATWG URL drops a port equal to its scheme's own default (http://h:80 and https://h:443 have port
  // ''), so read the one written: bb's defaults (8123, 8443) stand for no port at all.
  const written = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/?#]*@)?(?:\[[^\]]*\]|[^:/?#]*):(\d+)(?:[/?#]|$)/i.exec(target.url)?.[1];
  const port = written !== undefined ? String(Number(written)) : secure ? '8443' : '8123';
  const settings: Record<string, string | number> = {};
  for (const [k, v] of q) if (!OWN_PARAMS.has(k)) settings[k] = /^-?\d+$/.test(v) ? Number(v) : v;
  for (const [k, v] of Object.entries(target.session)) settings[k] = typeof v === 'boolean' ? (v ? 1 : 0) : v;
  const path = decodeURIComponent(url.pathname.replace(/^\/+|\/+$/g, ''));
  return {
    // url.hostname keeps an IPv6 address in its brackets.
    url: `${secure ? 'https' : 'http'}://${url.hostname}:${port}`,
    username: decodeURIComponent(url.username || q.get('user') || 'default'),
    password: passwordOf(target.url) ?? q.get('password') ?? '',
    database: q.get('database') ?? (path || 'default'),
    settings,
    ...(q.get('ca') ? { caPath: q.get('ca')! } : {}),
    timeoutMs: Number(q.get('timeout') ?? 300_000),
  };
}

async function openHttp(target: Target): Promise<Driver> {
  const cfg = httpConfig(target);
  const { createClient, ClickHouseLogLevel, ClickHouseError } = await import('@clickhouse/client');
  let tls: { ca_cert: Buffer } | undefined;
  if (cfg.caPath) {
    const { readFile } = await import('node:fs/promises');
    try {
      tls = { ca_cert: await readFile(isAbsolute(cfg.caPath) ? cfg.caPath : resolve(target.baseDir, cfg.caPath)) };
    } catch (error) {
      throw new BbError('config', `${urlWhere(target)} names the CA certificate ${cfg.caPath} (ca=), which cannot be read: ${causeMessage(error)}.`, { hint: 'Fix the ca= parameter of the URL.', code: 'config.bad-url' });
    }
  }
  const secrets = [cfg.password].filter((s) => s.length > 0);
  const wrap = (error: unknown): unknown => {
    if (error instanceof Error && secrets.length > 0) error.message = redactText(error.message, secrets);
    return error;
  };
  const clientOf = (sessionId: string | undefined, settings: Readonly<Record<string, string | number>>) => createClient({
    url: cfg.url,
    username: cfg.username,
    password: cfg.password,
    database: cfg.database,
    application: 'bb',
    log: { level: ClickHouseLogLevel.OFF }, // errors reach the user as BbErrors, not as the client's log lines
    request_timeout: cfg.timeoutMs,
    clickhouse_settings: settings as ClickHouseSettings,
    ...(sessionId ? { session_id: sessionId } : {}),
    ...(tls ? { tls } : {}),
  });
  /** A query's rows (JSONEachRow) on one client, errors as bb's. */
  const rowsOf = (client: ReturnType<typeof clientOf>) => async <R>(sql: string, params?: Readonly<Record<string, unknown>>): Promise<R[]> => {
    try {
      const rs = await client.query({ query: sql, format: 'JSONEachRow', ...(params ? { query_params: { ...params } } : {}) });
      return await rs.json<R>();
    } catch (error) {
      throw wrap(error);
    }
  };
  // bb query: no HTTP session (nothing persists between requests); the settings go with every request.
  const readOnly = async (settings: Readonly<Record<string, string | number>>): Promise<ReadConnection> => {
    const client = clientOf(undefined, { ...cfg.settings, ...readonlyLast(settings) });
    let running: { id: string; abort: AbortController; done: boolean } | undefined;
    let closed = false;
    return {
      query: rowsOf(client),
      async stream(sql: string, signal?: AbortSignal) {
        const abort = new AbortController();
        const id = randomUUID();
        signal?.addEventListener('abort', () => abort.abort(), { once: true });
        const state = { id, abort, done: false };
        running = state;
        try {
          const rs = await client.query({ query: sql, format: 'JSONCompactEachRowWithNamesAndTypes', query_id: id, abort_signal: abort.signal });
          const lines = (async function* () {
            try {
              for await (const rows of rs.stream()) yield (rows as { text: string }[]).map((r) => r.text);
              state.done = true;
            } catch (error) {
              state.done = true;
              throw wrap(error);
            }
          })();
          return await rowStream(lines);
        } catch (error) {
          state.done = true;
          throw wrap(error);
        }
      },
      async close() {
        if (closed) return;
        closed = true;
        // Closing the response does not stop the statement on the server: kill it by its id.
        if (running && !running.done) {
          running.abort.abort();
          const killer = make(undefined);
          await killer.exec('KILL QUERY WHERE query_id = {id:String} ASYNC', { params: { id: running.id } }).catch(() => undefined).finally(() => killer.close());
        }
        await client.close();
      },
    };
  };
  const make = (sessionId: string | undefined): Driver & { version(): Promise<string> } => {
    const client = clientOf(sessionId, { ...BB_SETTINGS, ...cfg.settings });
    const driver = {
      serverVersion: '',
      database: cfg.database,
      embedded: false,
      query: rowsOf(client),
      async exec(sql: string, options?: { params?: Readonly<Record<string, unknown>>; settings?: Readonly<Record<string, string | number>>; signal?: AbortSignal }): Promise<void> {
        const signal = options?.signal;
        const queryId = randomUUID();
        // Closing the HTTP request does not stop a DDL statement on the server: kill it by query id, from
        // a connection outside this session (the session is busy with the statement).
        const onAbort = (): void => {
          const killer = make(undefined);
          void killer.exec('KILL QUERY WHERE query_id = {id:String} ASYNC', { params: { id: queryId } }).catch(() => undefined).finally(() => killer.close());
        };
        // exec with ignore_error_response, not command: the client's own reading of an error body ends the
        // message at the first "(ABC)" in it, so a syntax error at an upper-case token said only "Syntax
        // error: failed at position 61" (without the token, the line and what was expected).
        await whileAbortable(signal, onAbort, async () => {
          const rs = await client.exec({
            query: sql,
            query_id: queryId,
            ignore_error_response: true,
            ...(options?.params ? { query_params: { ...options.params } } : {}),
            ...(options?.settings ? { clickhouse_settings: { ...options.settings } as ClickHouseSettings } : {}),
            ...(signal ? { abort_signal: signal } : {}),
          });
          const chunks: Buffer[] = [];
          for await (const chunk of rs.stream as AsyncIterable<Buffer>) chunks.push(chunk);
          if ((rs.http_status_code ?? 200) >= 300 || rs.response_headers['x-clickhouse-exception-code'] !== undefined) {
            const body = Buffer.concat(chunks).toString('utf8');
            const parsed = parseServerError(body);
            throw parsed ? new ClickHouseError(parsed) : new Error(body.trim() || `HTTP ${rs.http_status_code ?? '?'}`);
          }
        }).catch((error: unknown) => {
          throw wrap(error);
        });
      },
      fork: async (): Promise<Driver> => make(undefined),
      readOnly,
      async *exportNative(sql: string, signal?: AbortSignal): AsyncIterable<Uint8Array> {
        const rs = await client.exec({ query: `${sql} FORMAT Native`, ...(signal ? { abort_signal: signal } : {}) }).catch((error: unknown) => {
          throw wrap(error);
        });
        try {
          for await (const chunk of rs.stream as AsyncIterable<Buffer>) yield chunk;
        } catch (error) {
          throw wrap(error);
        }
      },
      async importNative(table: string, data: AsyncIterable<Uint8Array>, signal?: AbortSignal): Promise<void> {
        const { Readable } = await import('node:stream');
        // exec sends the statement in the URL and streams the body: memory stays at one chunk.
        const rs = await client.exec({ query: `INSERT INTO ${table} FORMAT Native`, values: Readable.from(data, { objectMode: false }), ...(signal ? { abort_signal: signal } : {}) }).catch((error: unknown) => {
          throw wrap(error);
        });
        rs.stream.resume();
        await new Promise((done, fail) => rs.stream.once('end', done).once('error', fail));
      },
      close: () => client.close(),
      async version(): Promise<string> {
        return (await driver.query<{ v: string }>('SELECT version() AS v'))[0]?.v ?? '?';
      },
    };
    return driver;
  };
  // One HTTP session per bb session, so that a migration's SET statements apply to its later statements.
  const main = make(randomUUID());
  let version: string;
  try {
    version = await main.version();
  } catch (error) {
    await main.close();
    throw connectError(target, error, secrets);
  }
  return Object.assign(main, { serverVersion: `ClickHouse ${version}` });
}

/**
 * A ClickHouse error body (`Code: 62. DB::Exception: <message>. (SYNTAX_ERROR) (version …)`) as the
 * client's ClickHouseError fields. The type is the last `(NAME)` before the version, and the message
 * runs to its first occurrence: a message that quotes the query keeps its `(NOTT)`, and a cluster's
 * wrapped error (`There was an error on [host]: Code: 57. …`) keeps the host. Undefined for a body
 * that is not a ClickHouse error (a proxy's page).
 */
export function parseServerError(body: string): { message: string; code: string; type: string } | undefined {
  const text = body.trim();
  const head = /^Code: (\d+)\.\s*(?:[\w:]*Exception: )?/.exec(text);
  const type = /\(([A-Z0-9_]*[A-Z]{3}[A-Z0-9_]*)\)(?: \(version [^()]*(?:\([^()]*\))?\))?\.?$/.exec(text)?.[1];
  if (!head || !type) return undefined;
  const rest = text.slice(head[0].length);
  return { code: head[1]!, type, message: rest.slice(0, rest.indexOf(`(${type})`)).trimEnd() };
}

function connectError(target: Target, error: unknown, secrets: readonly string[]): BbError {
  const message = redactText(causeMessage(error), secrets).trim().replace(/[.\s]+$/, '');
  const code = (error as { code?: string }).code;
  // A URL parameter or session: key that is no setting: the config's mistake, not the connection's.
  if (code === '115' || /UNKNOWN_SETTING|Unknown setting/.test(message)) {
    const name = /Unknown setting '([^']+)'/.exec(message)?.[1];
    const from = name !== undefined && Object.hasOwn(target.session, name) ? `its session: block` : 'its URL';
    return new BbError('config', `${targetWhere(target)}: the server refused a setting from ${from}: ${message}.`, {
      hint: 'Fix the name: URL parameters other than user, password, database, ca and timeout are ClickHouse settings, as are the keys under session:.',
      code: 'config.session',
      cause: error,
    });
  }
  let hint = `Check that the server is running and that the URL for ${target.ref.id} in the config is right (HTTP port 8123, HTTPS 8443).`;
  if (code === '516' || /AUTHENTICATION_FAILED|Authentication failed/i.test(message)) hint = `Check the user and password for ${target.ref.id}.`;
  else if (code === '81' || /UNKNOWN_DATABASE/.test(message)) hint = `Create the database (CREATE DATABASE …), or fix the database name in the URL for ${target.ref.id}.`;
  else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') hint = `The host name in the URL for ${target.ref.id} does not resolve; check it.`;
  return new BbError('connect', `Cannot connect to ${targetWhere(target)}: ${message}.`, { hint, code: 'connect.failed', cause: error });
}

// ---------------------------------------------------------------- embedded (chdb)

interface ChdbStream extends AsyncIterable<{ text(): string; raw(): Uint8Array }> {
  cancel(): void;
}
interface ChdbSession {
  readonly path?: string;
  queryAsync(sql: string, opts?: { format?: string }): Promise<{ text(): string }>;
  queryStream(sql: string, opts?: { format?: string; signal?: AbortSignal }): ChdbStream;
  queryBindAsync(sql: string, params: object, opts?: { format?: string }): Promise<{ text(): string }>;
  close(): void;
}
type ChdbModule = { Session: new (path?: string) => ChdbSession };

/** chdb://<folder>[?database=<name>]; a relative folder is resolved against the config's folder. Empty = a temporary folder. */
export function chdbLocation(target: Target): { dir: string | undefined; database: string } {
  const rest = target.url.replace(/^chdb:(\/\/)?/, '');
  const [pathPart, query = ''] = rest.split('?', 2) as [string, string?];
  const params = new URLSearchParams(query);
  // A misspelt parameter (databse=) would otherwise be ignored and the migrations land in `default`.
  for (const key of new Set(params.keys())) {
    if (key !== 'database') {
      throw new BbError('config', `${urlWhere(target)} has the parameter ${key}=, which a chdb:// URL does not take: its only parameter is database=<name>.`, {
        hint: 'Fix the URL (chdb://<folder>?database=<name>); ClickHouse settings for an embedded target go under the target\'s session: block.',
        code: 'config.bad-url',
      });
    }
  }
  const database = params.get('database') ?? 'default';
  if (database === '') throw new BbError('config', `${urlWhere(target)} has an empty database=.`, { hint: 'Name the database (chdb://<folder>?database=events), or leave the parameter out for default.', code: 'config.bad-url' });
  if (pathPart === '' || pathPart === ':memory:') return { dir: undefined, database };
  const path = decodeURIComponent(pathPart);
  return { dir: isAbsolute(path) ? path : resolve(target.baseDir, path), database };
}

/** In-process holders of a folder's file lock: chdb shares one engine per folder within a process. */
const folderLocks = new Map<string, { count: number; release(): Promise<void> }>();

async function acquireFolder(dir: string, target: Target, options: ConnectOptions): Promise<() => Promise<void>> {
  let entry = folderLocks.get(dir);
  if (entry) entry.count++;
  else {
    const lock = await fileLock(`${dir}.lock`, { timeoutMs: options.openTimeoutMs ?? 30_000, what: `the embedded database ${target.ref.url}`, ...(options.signal ? { signal: options.signal } : {}) });
    entry = folderLocks.get(dir); // another connect in this process may have won meanwhile
    if (entry) {
      entry.count++;
      await lock.release();
    } else {
      entry = { count: 1, release: lock.release };
      folderLocks.set(dir, entry);
    }
  }
  const held = entry;
  let done = false;
  return async () => {
    if (done) return;
    done = true;
    if (--held.count === 0) {
      folderLocks.delete(dir);
      await held.release();
    }
  };
}

async function loadChdb(target: Target): Promise<ChdbModule> {
  try {
    return (await import('chdb')) as unknown as ChdbModule;
  } catch (error) {
    let missing = false;
    for (let e: unknown = error; e instanceof Error && !missing; e = e.cause) {
      const code = (e as { code?: string }).code;
      missing = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND' || /Cannot find (package|module) 'chdb'/.test(e.message);
    }
    if (missing) {
      throw new BbError('connect', `${target.ref.id} uses an embedded ClickHouse (${target.ref.url}), which needs the optional package chdb.`, {
        hint: 'Install it next to bb: npm install chdb (Linux or macOS; about 550 MB). Or point the target at a ClickHouse server (clickhouse://host:8123/db).',
        code: 'connect.chdb-missing',
        cause: error,
      });
    }
    throw new BbError('connect', `Cannot load chdb for ${target.ref.id}: ${causeMessage(error)}.`, { hint: 'Reinstall it: npm install chdb (Linux or macOS only).', cause: error });
  }
}

async function openChdb(target: Target, options: ConnectOptions): Promise<Driver> {
  const { dir, database } = chdbLocation(target);
  // Reading (ConnectOptions.existing) never creates the folder, nor the database in it (below).
  if (options.existing && (!dir || !existsSync(dir))) throw notCreated(target);
  const chdb = await loadChdb(target);
  if (dir) await makeEmbeddedFolder(target, dir);
  // chdb is a single-process ClickHouse: two processes on one folder would corrupt it, so the folder is
  // opened under a file lock (shared by the sessions of this process, which share chdb's engine).
  const releaseFolder = dir ? await acquireFolder(dir, target, options) : async () => undefined;
  const open = async (): Promise<ChdbSession> => {
    if (dir) await makeDir(dir);
    return dir ? new chdb.Session(dir) : new chdb.Session();
  };
  const settingsSql = (settings: Readonly<Record<string, string | number>>): string[] =>
    Object.entries(settings).map(([k, v]) => `SET ${k} = ${typeof v === 'number' ? v : `'${String(v).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`}`);
  const userSettings = Object.fromEntries(Object.entries(target.session).map(([k, v]) => [k, typeof v === 'boolean' ? (v ? 1 : 0) : v]));
  for (const key of Object.keys(userSettings)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
      await releaseFolder();
      throw new BbError('config', `Session setting "${key}" on ${target.ref.id} is not a setting name.`, { hint: SESSION_HINT(target), code: 'config.session' });
    }
  }
  let first: ChdbSession;
  try {
    first = await open();
  } catch (error) {
    await releaseFolder();
    const message = causeMessage(error);
    throw new BbError('connect', `Cannot open the embedded ClickHouse ${targetWhere(target)}: ${message}.`, {
      hint: /one active data directory/.test(message)
        ? 'chdb opens one folder per process: give the chdb:// targets of an environment one folder with a database each (chdb://.bb/dev/clickhouse?database=events, …?database=analytics), or use bb --db to run one at a time.'
        : 'Check that the folder is writable and was written by a compatible chdb version.',
      cause: error,
    });
  }
  // bb query: a chdb connection of its own, because readonly = 1 cannot be set back on a connection.
  const readOnly = async (settings: Readonly<Record<string, string | number>>): Promise<ReadConnection> => {
    // A chdb:// without a folder is a temporary one: the query's connection opens that same folder.
    const session = dir ? await open() : new chdb.Session(first.path);
    let active: ChdbStream | undefined;
    let closed = false;
    try {
      if (database !== 'default') await session.queryAsync(`USE ${quoteIdent(database)}`);
      for (const sql of settingsSql({ ...userSettings, ...readonlyLast(settings) })) await session.queryAsync(sql);
    } catch (error) {
      session.close();
      throw error instanceof Error ? Object.assign(error, { message: stripNativeStack(error.message) }) : error;
    }
    const clean = (error: unknown): unknown => (error instanceof Error ? Object.assign(error, { message: stripNativeStack(error.message) }) : error);
    return {
      async query<R>(sql: string, params?: Readonly<Record<string, unknown>>): Promise<R[]> {
        try {
          const result = params ? await session.queryBindAsync(sql, chdbParams(params), { format: 'JSONEachRow' }) : await session.queryAsync(sql, { format: 'JSONEachRow' });
          return result.text().split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as R);
        } catch (error) {
          throw clean(error);
        }
      },
      async stream(sql: string, signal?: AbortSignal) {
        // queryStream hands over one block at a time, when asked: memory stays at a block (about 65,000 rows).
        const stream = session.queryStream(sql, { format: 'JSONCompactEachRowWithNamesAndTypes', ...(signal ? { signal } : {}) });
        active = stream;
        const lines = (async function* () {
          let header: string[] | undefined;
          try {
            // Each block is whole rows, and chdb writes the format's two header lines before every one.
            for await (const chunk of stream) {
              const block = chunk.text().split('\n').filter((l) => l !== '');
              if (!header) header = block.slice(0, 2);
              else if (block[0] === header[0] && block[1] === header[1]) block.splice(0, 2);
              yield block;
            }
          } catch (error) {
            throw clean(error);
          }
        })();
        return rowStream(lines);
      },
      async close() {
        if (closed) return;
        closed = true;
        try {
          active?.cancel();
        } finally {
          session.close();
        }
      },
    };
  };
  const make = async (session: ChdbSession, releaseOnClose: boolean): Promise<Driver> => {
    let chain: Promise<unknown> = Promise.resolve();
    // One connection runs one statement at a time; callers on one driver are serialised.
    const serial = <T>(fn: () => Promise<T>): Promise<T> => {
      const run = chain.then(fn, fn);
      chain = run.catch(() => undefined);
      return run;
    };
    const clean = async <T>(fn: () => Promise<T>): Promise<T> => {
      try {
        return await fn();
      } catch (error) {
        if (error instanceof Error) error.message = stripNativeStack(error.message);
        throw error;
      }
    };
    const rows = <R>(text: string): R[] => text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as R);
    for (const sql of settingsSql(BB_SETTINGS)) await session.queryAsync(sql);
    for (const [key, value] of Object.entries(userSettings)) {
      try {
        await session.queryAsync(settingsSql({ [key]: value })[0]!);
      } catch (error) {
        throw sessionSettingError(target, key, value, error);
      }
    }
    if (database !== 'default') {
      if (!options.existing) await session.queryAsync(`CREATE DATABASE IF NOT EXISTS ${quoteIdent(database)}`);
      await session.queryAsync(`USE ${quoteIdent(database)}`);
    }
    let closed = false;
    const driver: Driver = {
      serverVersion: '',
      database,
      embedded: true,
      query: <R>(sql: string, params?: Readonly<Record<string, unknown>>) =>
        serial(() => clean(async () => rows<R>((params ? await session.queryBindAsync(sql, chdbParams(params), { format: 'JSONEachRow' }) : await session.queryAsync(sql, { format: 'JSONEachRow' })).text()))),
      exec: (sql, options) =>
        serial(() => clean(async () => {
          // chdb cannot interrupt a running statement; an abort takes effect before the next one.
          if (options?.signal?.aborted) throw options.signal.reason instanceof Error ? options.signal.reason : new Error('aborted');
          const set = options?.settings ? settingsSql(options.settings) : [];
          const reset = options?.settings ? settingsSql(Object.fromEntries(Object.keys(options.settings).map((k) => [k, { ...BB_SETTINGS, ...userSettings }[k] ?? 'DEFAULT']))) : [];
          for (const s of set) await session.queryAsync(s);
          try {
            if (options?.params) await session.queryBindAsync(sql, chdbParams(options.params));
            else await session.queryAsync(sql);
          } finally {
            for (const s of reset) await session.queryAsync(s.replace(/'DEFAULT'$/, 'DEFAULT')).catch(() => undefined);
          }
        })),
      fork: async () => make(await open(), false),
      readOnly,
      async *exportNative(sql: string, signal?: AbortSignal): AsyncIterable<Uint8Array> {
        // A connection of its own: a chdb connection streams one cursor at a time, and this one stays open
        // while the caller writes each block.
        const reader = dir ? await open() : new chdb.Session(first.path);
        try {
          if (database !== 'default') await reader.queryAsync(`USE ${quoteIdent(database)}`);
          const stream = reader.queryStream(sql, { format: 'Native', ...(signal ? { signal } : {}) });
          try {
            for await (const chunk of stream) yield chunk.raw();
          } finally {
            stream.cancel();
          }
        } catch (error) {
          if (error instanceof Error) error.message = stripNativeStack(error.message);
          throw error;
        } finally {
          reader.close();
        }
      },
      async importNative(table: string, data: AsyncIterable<Uint8Array>, signal?: AbortSignal): Promise<void> {
        // chdb inserts raw Native only as one buffer of whole blocks; a spooled file read by file() takes
        // any chunking and keeps memory bounded.
        const { mkdtemp, open: openFile, rm } = await import('node:fs/promises');
        const { tmpdir } = await import('node:os');
        const { join } = await import('node:path');
        const spool = await mkdtemp(join(tmpdir(), 'bb-ch-restore-'));
        try {
          const path = join(spool, 'rows.native');
          const out = await openFile(path, 'w');
          try {
            for await (const chunk of data) await out.write(chunk);
          } finally {
            await out.close();
          }
          await driver.exec(`INSERT INTO ${table} SELECT * FROM file('${path.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}', 'Native')`, signal ? { signal } : {});
        } finally {
          await rm(spool, { recursive: true, force: true });
        }
      },
      close: async () => {
        if (closed) return;
        closed = true;
        await chain;
        session.close();
        if (releaseOnClose) await releaseFolder();
      },
    };
    return driver;
  };
  if (options.existing && database !== 'default') {
    let found: boolean;
    try {
      found = (await first.queryBindAsync('SELECT 1 FROM system.databases WHERE name = {name:String}', chdbParams({ name: database }), { format: 'JSONEachRow' })).text().trim() !== '';
    } catch {
      found = true; // not this check's to report: USE below says what is wrong with the database
    }
    if (!found) {
      first.close();
      await releaseFolder();
      throw notCreated(target);
    }
  }
  let driver: Driver;
  try {
    driver = await make(first, true);
  } catch (error) {
    first.close();
    await releaseFolder();
    throw error;
  }
  const version = (await driver.query<{ v: string }>('SELECT version() AS v'))[0]?.v ?? '?';
  return Object.assign(driver, { serverVersion: `chdb (ClickHouse ${version})` });
}

/** readonly = 1 forbids changing any setting after it: it goes last. */
function readonlyLast(settings: Readonly<Record<string, string | number>>): Record<string, string | number> {
  const { readonly, ...rest } = settings;
  return readonly === undefined ? rest : { ...rest, readonly };
}

/** chdb binds bigint for 64-bit parameters and rejects null for non-Nullable types; arrays pass through. */
function chdbParams(params: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return { ...params };
}

/** chdb appends the engine's native stack ("0. ? @ 0x…" lines) to some messages; users need only the message. */
export function stripNativeStack(message: string): string {
  const lines = message.split('\n');
  const kept = lines.filter((l) => !/^\s*\d+\. .*@ 0x[0-9a-f]+\s*$/i.test(l));
  return kept.length === lines.length ? message : kept.join(' ').replace(/\s+/g, ' ').trim();
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

const SESSION_HINT = (target: Target): string => `Fix the session: block of ${target.ref.id} in the config (keys are ClickHouse settings such as max_threads, max_memory_usage, join_use_nulls).`;

/** A session: setting chdb refused (an unknown name, which ClickHouse answers with the names it meant; a value of the wrong type), as a config error naming it. */
function sessionSettingError(target: Target, key: string, value: string | number, error: unknown): BbError {
  const message = stripNativeStack(causeMessage(error)).trim().replace(/[.\s]+$/, '');
  return new BbError('config', `Session setting ${key}=${JSON.stringify(value)} of ${targetWhere(target)} failed: ${message}.`, { hint: SESSION_HINT(target), code: 'config.session', cause: error });
}
