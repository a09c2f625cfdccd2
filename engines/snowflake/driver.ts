/**
 * The snowflake-sdk connection cut to what the session needs (the PostgreSQL engine has the same
 * seam in driver.ts). Rows come back as Snowflake names them: upper-case column names.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SnowflakeUrl } from './url.js';

export interface Driver {
  query<R>(sql: string, params?: readonly unknown[], options?: { signal?: AbortSignal }): Promise<R[]>;
  /**
   * bb query: the statement's rows as arrays in column order (duplicate names kept apart), streamed
   * from the result chunks as they are read; `cancel` stops the statement on the server.
   */
  stream?(sql: string): Promise<RowStream>;
  close(): Promise<void>;
  readonly serverVersion: string;
}

export interface RowStream {
  readonly names: readonly string[];
  readonly rows: AsyncIterable<unknown[]>;
  cancel(): Promise<void>;
}

/** Where the SDK writes its log: never the user's working directory. */
export const SDK_LOG_DIR = join(tmpdir(), 'bb-snowflake');

let configured = false;

export async function openDriver(url: SnowflakeUrl): Promise<Driver> {
  // The AWS SDK inside snowflake-sdk prints an 8-line NodeVersionSupportWarning on Node 20 (about its
  // own future releases, which bb's pinned dependencies do not get): noise before every command's
  // output. Its own switch turns it off, unless the user set it.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { default: snowflake } = await import('snowflake-sdk');
  if (!configured) {
    mkdirSync(SDK_LOG_DIR, { recursive: true });
    // Without this the SDK creates snowflake.log in the current directory.
    snowflake.configure({ logLevel: 'ERROR', logFilePath: join(SDK_LOG_DIR, 'snowflake.log'), additionalLogToConsole: false } as Parameters<typeof snowflake.configure>[0]);
    configured = true;
  }
  const options: Record<string, unknown> = {
    account: url.account,
    username: url.username,
    application: url.application,
    loginTimeout: url.loginTimeoutSeconds,
    ...(url.password !== undefined ? { password: url.password } : {}),
    ...(url.database ? { database: url.database } : {}),
    ...(url.schema ? { schema: url.schema } : {}),
    ...(url.warehouse ? { warehouse: url.warehouse } : {}),
    ...(url.role ? { role: url.role } : {}),
    ...(url.authenticator ? { authenticator: url.authenticator } : {}),
    ...(url.privateKeyPath ? { privateKeyPath: url.privateKeyPath } : {}),
    ...(url.privateKeyPassphrase !== undefined ? { privateKeyPass: url.privateKeyPassphrase } : {}),
    ...(url.token ? { token: url.token } : {}),
    ...(url.accessUrl ? { accessUrl: url.accessUrl } : {}),
    ...(url.host ? { host: url.host } : {}),
    ...(url.port ? { port: url.port } : {}),
    ...(url.protocol ? { protocol: url.protocol } : {}),
  };
  const conn = snowflake.createConnection(options as unknown as Parameters<typeof snowflake.createConnection>[0]);
  await new Promise<void>((resolve, reject) => conn.connect((error) => (error ? reject(error) : resolve())));

  const query = <R>(sql: string, params?: readonly unknown[], opts?: { signal?: AbortSignal }): Promise<R[]> =>
    new Promise<R[]>((resolve, reject) => {
      const binds = (params ?? []).map(bindValue);
      const statement = conn.execute({
        sqlText: sql,
        ...(binds.length > 0 ? { binds: binds as never } : {}),
        complete: (error, _stmt, rows) => {
          opts?.signal?.removeEventListener('abort', onAbort);
          if (error) reject(error);
          else resolve((rows ?? []) as R[]);
        },
      });
      const onAbort = (): void => statement.cancel(() => undefined);
      opts?.signal?.addEventListener('abort', onAbort, { once: true });
    });

  const stream = (sql: string): Promise<RowStream> =>
    new Promise<RowStream>((resolve, reject) => {
      const statement = conn.execute({
        sqlText: sql,
        streamResult: true,
        rowMode: 'array',
        complete: (error, stmt) => {
          if (error) return reject(error);
          resolve({
            names: (stmt.getColumns() ?? []).map((c) => c.getName()),
            // A Readable in object mode: the SDK fetches the next result chunk as the reader asks.
            rows: stmt.streamRows() as AsyncIterable<unknown[]>,
            cancel: () => new Promise<void>((done) => statement.cancel(() => done())),
          });
        },
      });
    });

  let version = '?';
  try {
    version = (await query<{ V: string }>('SELECT CURRENT_VERSION() AS V'))[0]?.V ?? '?';
  } catch {
    /* informational only */
  }
  return {
    serverVersion: `Snowflake ${version}`,
    query,
    stream,
    close: () => new Promise<void>((resolve) => conn.destroy(() => resolve())),
  };
}

/** The SDK binds strings, numbers, booleans and null; dates go as ISO text, objects as JSON. */
function bindValue(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'object') return JSON.stringify(value);
  return value;
}
