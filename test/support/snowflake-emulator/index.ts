/**
 * A local emulator of Snowflake's REST protocol, for running the real `snowflake-sdk` in tests:
 * login (password or key-pair JWT), query with bindings, long-running queries answered with 333333
 * and polled through getResultUrl, multi-statement requests (resultIds), async execution and query
 * status, errors with Snowflake codes and SQL states, session delete. The SQL runs on PGlite after the
 * translation in translate.ts and executor.ts. What it covers is listed in docs/engines/snowflake.md.
 *
 *   const emu = await startSnowflakeEmulator();
 *   snowflake.createConnection({ account: 'local', username: 'bb', password: 'bb', accessUrl: emu.accessUrl })
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createPublicKey, randomUUID, verify } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { splitSnowflake } from '../../../engines/snowflake/split.js';
import { Executor, SnowflakeError, toSnowflakeError, type EmuSession, type QueryData } from './executor.js';
import { setupSql } from './setup.js';

export interface EmulatorUser {
  readonly name: string;
  readonly password?: string;
  /** PEM public key for key-pair (SNOWFLAKE_JWT) login. */
  readonly publicKey?: string;
}

export interface EmulatorOptions {
  /** The one database this emulator serves (Snowflake case). Default BBT. */
  readonly database?: string;
  /** Default: one user `bb` with password `bb`. */
  readonly users?: readonly EmulatorUser[];
  /** A query still running after this long is answered with 333333 and polled. Default 400 ms. */
  readonly inProgressAfterMs?: number;
  /** How long a statement waits for another session's open transaction. Default 10 s. */
  readonly lockWaitMs?: number;
}

export interface SnowflakeEmulator {
  /** `http://127.0.0.1:<port>`, for the SDK's accessUrl. */
  readonly accessUrl: string;
  readonly port: number;
  readonly database: string;
  /** Every SQL text received, in order (for assertions). */
  readonly queries: string[];
  /** Logged-in sessions not yet deleted. */
  openSessions(): number;
  /** Every request path received, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

interface Query {
  readonly id: string;
  /** Set by an abort request: the reply is an error whatever the statement did. */
  cancelled?: boolean;
  done: boolean;
  data?: QueryData;
  error?: SnowflakeError;
  finished: Promise<void>;
  /** For multi-statement parents: the children's ids. */
  resultIds?: string[];
}

export async function startSnowflakeEmulator(options: EmulatorOptions = {}): Promise<SnowflakeEmulator> {
  const database = options.database ?? 'BBT';
  const users = options.users ?? [{ name: 'bb', password: 'bb' }];
  const inProgressAfterMs = options.inProgressAfterMs ?? 400;
  const { PGlite } = await import('@electric-sql/pglite');
  const db = new PGlite();
  await db.waitReady;
  await db.exec(setupSql(database));
  const executor = new Executor(db, database, options.lockWaitMs ?? 10_000);
  const sessions = new Map<string, EmuSession>();
  const queries = new Map<string, Query>();
  const byRequest = new Map<string, Query>();
  const log: string[] = [];
  const requests: string[] = [];
  let nextSession = 1;

  const run = (session: EmuSession, fn: () => Promise<QueryData>): Query => {
    const q: Query = { id: randomUUID(), done: false, finished: Promise.resolve() };
    q.finished = fn().then(
      (data) => {
        q.data = data;
        q.done = true;
      },
      (error: unknown) => {
        q.error = toSnowflakeError(error);
        q.done = true;
      },
    );
    void session;
    queries.set(q.id, q);
    return q;
  };

  /** The reply for a query: its result, its error, or "still running" after inProgressAfterMs. */
  const reply = async (q: Query): Promise<object> => {
    if (!q.done && !q.cancelled) await Promise.race([q.finished, new Promise((r) => setTimeout(r, inProgressAfterMs))]);
    if (q.cancelled) return { success: false, code: '000604', message: 'SQL execution canceled', data: { queryId: q.id, sqlState: '57014' } };
    if (!q.done) return { success: true, code: '333333', message: null, data: { queryId: q.id, getResultUrl: `/queries/${q.id}/result` } };
    if (q.error) return { success: false, code: q.error.code, message: q.error.message, data: { queryId: q.id, sqlState: q.error.sqlState, errorCode: q.error.code, age: 0 } };
    const data = q.data!;
    return {
      success: true, code: null, message: null,
      data: {
        queryId: q.id, ...data, version: 1, queryResultFormat: 'json', finalDatabaseName: database,
        parameters: [{ name: 'TIMEZONE', value: 'UTC' }, { name: 'CLIENT_RESULT_CHUNK_SIZE', value: 160 }],
        ...(q.resultIds ? { resultIds: q.resultIds.join(','), resultTypes: q.resultIds.map(() => '4096').join(',') } : {}),
      },
    };
  };

  const handle = async (req: IncomingMessage, body: string): Promise<[number, object]> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(url.pathname);
    if (url.pathname === '/session/v1/login-request') return [200, await login(url, JSON.parse(body || '{}') as { data?: Record<string, unknown> })];
    if (url.pathname === '/telemetry/send') return [200, { success: true }];
    const session = authorize(req);
    if (url.pathname === '/session' && url.searchParams.get('delete') === 'true') {
      if (session) {
        await executor.closeSession(session);
        sessions.delete(session.token);
      }
      return [200, { success: true, code: null, message: null, data: null }];
    }
    if (!session) return [401, { success: false, code: '390104', message: 'User must login again to access the service.', data: null }];
    if (url.pathname === '/session/heartbeat') return [200, { success: true }];
    if (url.pathname === '/session/token-request') return [200, { success: true, data: { sessionToken: session.token, validityInSecondsST: 3600, masterToken: 'M', validityInSecondsMT: 14400 } }];
    if (url.pathname === '/queries/v1/query-request') return [200, await queryRequest(session, JSON.parse(body) as QueryBody, url.searchParams.get('requestId') ?? undefined)];
    if (url.pathname === '/queries/v1/abort-request') {
      // The statement itself runs to its end (PGlite cannot be interrupted); its reply becomes an error.
      const q = byRequest.get(String((JSON.parse(body || '{}') as { requestId?: string }).requestId));
      if (q && !q.done) q.cancelled = true;
      return [200, { success: true }];
    }
    const result = /^\/queries\/([^/]+)\/result$/.exec(url.pathname);
    if (result) {
      const q = queries.get(result[1]!);
      if (!q) return [200, { success: false, code: '000709', message: `Statement ${result[1]} not found`, data: { queryId: result[1], sqlState: '02000' } }];
      return [200, await reply(q)];
    }
    const monitoring = /^\/monitoring\/queries\/([^/]+)$/.exec(url.pathname);
    if (monitoring) {
      const q = queries.get(monitoring[1]!);
      const status = !q ? 'NO_DATA' : !q.done ? 'RUNNING' : q.error ? 'FAILED_WITH_ERROR' : 'SUCCESS';
      return [200, { success: true, data: { queries: q ? [{ id: q.id, status, ...(q.error ? { errorCode: q.error.code, errorMessage: q.error.message } : {}) }] : [] } }];
    }
    return [404, { success: false, code: '000404', message: `The emulator does not serve ${req.method} ${url.pathname}`, data: null }];
  };

  const login = async (url: URL, body: { data?: Record<string, unknown> }): Promise<object> => {
    const data = body.data ?? {};
    const name = String(data.LOGIN_NAME ?? '');
    const user = users.find((u) => u.name.toUpperCase() === name.toUpperCase());
    const fail = { success: false, code: '390100', message: 'Incorrect username or password was specified.', data: null };
    if (!user) return fail;
    if (data.AUTHENTICATOR === 'SNOWFLAKE_JWT') {
      if (!user.publicKey || !verifyJwt(String(data.TOKEN ?? ''), user.publicKey)) return { success: false, code: '390144', message: 'JWT token is invalid.', data: null };
    } else if (user.password === undefined || data.PASSWORD !== user.password) return fail;
    const dbName = url.searchParams.get('databaseName');
    if (dbName && dbName.toUpperCase() !== database && dbName !== database) {
      return { success: false, code: '390201', message: `The requested database does not exist or not authorized.`, data: null };
    }
    const schemaParam = url.searchParams.get('schemaName');
    const schema = schemaParam ? (/^".*"$/.test(schemaParam) ? schemaParam.slice(1, -1) : schemaParam.toUpperCase()) : 'PUBLIC';
    const token = `token-${randomUUID()}`;
    const session: EmuSession = {
      id: nextSession++, token, user: user.name.toUpperCase(), role: (url.searchParams.get('roleName') || 'PUBLIC').toUpperCase(),
      warehouse: (url.searchParams.get('warehouse') || 'COMPUTE_WH').toUpperCase(), schema, inTx: false, parameters: {},
    };
    sessions.set(token, session);
    return {
      success: true, code: null, message: null,
      data: {
        token, masterToken: `master-${token}`, validityInSeconds: 3600, masterValidityInSeconds: 14400, sessionId: session.id,
        parameters: [{ name: 'TIMEZONE', value: 'UTC' }],
        sessionInfo: { databaseName: database, schemaName: schema, warehouseName: session.warehouse, roleName: session.role },
      },
    };
  };

  const authorize = (req: IncomingMessage): EmuSession | undefined => {
    const m = /Snowflake Token="([^"]+)"/.exec(String(req.headers.authorization ?? ''));
    return m ? sessions.get(m[1]!) : undefined;
  };

  interface QueryBody { sqlText: string; bindings?: Record<string, { type: string; value: unknown }>; parameters?: Record<string, unknown>; asyncExec?: boolean; describeOnly?: boolean }
  const queryRequest = async (session: EmuSession, body: QueryBody, requestId?: string): Promise<object> => {
    log.push(body.sqlText);
    const binds: (string | null)[] = [];
    for (const [key, b] of Object.entries(body.bindings ?? {})) {
      binds[Number(key) - 1] = b.value === null || b.value === undefined ? null : typeof b.value === 'string' ? b.value : JSON.stringify(b.value);
    }
    const statements = splitSnowflake(body.sqlText);
    const wanted = Number(body.parameters?.MULTI_STATEMENT_COUNT ?? session.parameters.MULTI_STATEMENT_COUNT ?? 1);
    let q: Query;
    if (statements.length > 1 || (wanted !== 1 && statements.length > 0)) {
      if (wanted !== 0 && wanted !== statements.length) {
        q = run(session, async () => {
          throw new SnowflakeError('000008', '0A000', `Actual statement count ${statements.length} did not match the desired statement count ${wanted}.`);
        });
      } else {
        const holder: { q?: Query } = {};
        q = holder.q = run(session, async () => {
          const children: Query[] = [];
          for (const stmt of statements) {
            const child = run(session, () => executor.execute(session, stmt.text, binds));
            children.push(child);
            await child.finished;
            if (child.error) throw child.error;
          }
          holder.q!.resultIds = children.map((c) => c.id);
          return { rowtype: [{ name: 'multiple statement execution', type: 'text', nullable: false, scale: 0, precision: 0, length: 16777216, byteLength: 16777216, database: '', schema: '', table: '' }], rowset: [['Multiple statements executed successfully.']], total: 1, returned: 1, statementTypeId: 0x1000 };
        });
      }
    } else {
      q = run(session, () => executor.execute(session, statements[0]?.text ?? body.sqlText, binds));
    }
    if (requestId) byRequest.set(requestId, q);
    if (body.asyncExec) return { success: true, code: '333334', message: null, data: { queryId: q.id, getResultUrl: `/queries/${q.id}/result` } };
    return reply(q);
  };

  const server = createServer((req, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let raw = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') raw = gunzipSync(raw);
      handle(req, raw.toString('utf8'))
        .then(([code, payload]) => {
          res.writeHead(code, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(payload));
        })
        .catch((error: unknown) => {
          res.writeHead(500, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ success: false, code: '000001', message: `emulator error: ${(error as Error).message}`, data: null }));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    accessUrl: `http://127.0.0.1:${port}`,
    port,
    database,
    queries: log,
    requests,
    openSessions: () => sessions.size,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([...queries.values()].map((q) => q.finished));
      await db.close();
    },
  };
}

/** Verifies an RS256 JWT (the SDK's key-pair login) against a PEM public key. */
function verifyJwt(token: string, publicKeyPem: string): boolean {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) return false;
  try {
    const ok = verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), createPublicKey(publicKeyPem), Buffer.from(signature, 'base64url'));
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: number };
    return ok && (claims.exp === undefined || claims.exp * 1000 > Date.now());
  } catch {
    return false;
  }
}
