/**
 * The Snowflake target URL (the PostgreSQL engine needs no such file: `pg` reads its own URLs):
 *
 *   snowflake://USER[:PASSWORD]@ACCOUNT/DATABASE[/SCHEMA]?warehouse=WH&role=ROLE
 *
 * ACCOUNT is the account identifier (`myorg-myaccount`, `xy12345.eu-central-1`); a full host name
 * `<account>.snowflakecomputing.com` is accepted too. Query parameters (case-insensitive names):
 *   warehouse, role                 session defaults
 *   authenticator                   SNOWFLAKE (password, default), SNOWFLAKE_JWT (key pair), EXTERNALBROWSER, OAUTH, …
 *   privateKeyPath                  PEM/PKCS#8 private key file for key-pair login (default: $SNOWFLAKE_PRIVATE_KEY_PATH);
 *                                   giving it selects SNOWFLAKE_JWT. Relative paths resolve against the config's folder.
 *   privateKeyPassphraseVar         name of the environment variable holding the key's passphrase
 *                                   (default SNOWFLAKE_PRIVATE_KEY_PASSPHRASE); the passphrase itself never goes in the URL
 *   token                           OAuth token (with authenticator=OAUTH); better passed as ${VAR}
 *   accessUrl                       full endpoint URL, e.g. http://127.0.0.1:8085 (tests, private link, proxies)
 *   host, port, protocol            the same, in parts
 *   application                     the client application name Snowflake records (default bb)
 *   loginTimeout                    seconds (default 60)
 *   lockTtl                         seconds a bb lock row stays valid without a heartbeat (default 120)
 * Names in the path are identifiers: unquoted names are folded to upper case by Snowflake; write
 * `%22My Db%22` to keep case.
 */
import { isAbsolute, resolve } from 'node:path';
import { readServerUrl, urlWhere, type Target } from '../../src/engine.js';
import { BbError } from '../../src/errors.js';

export interface SnowflakeUrl {
  readonly account: string;
  readonly username: string;
  readonly password?: string;
  readonly database?: string;
  readonly schema?: string;
  readonly warehouse?: string;
  readonly role?: string;
  readonly authenticator?: string;
  readonly privateKeyPath?: string;
  readonly privateKeyPassphrase?: string;
  readonly token?: string;
  readonly accessUrl?: string;
  readonly host?: string;
  readonly port?: number;
  readonly protocol?: string;
  readonly application: string;
  readonly loginTimeoutSeconds: number;
  readonly lockTtlSeconds: number;
}

const KNOWN = ['warehouse', 'role', 'authenticator', 'privatekeypath', 'privatekeypassphrasevar', 'token', 'accessurl', 'host', 'port', 'protocol', 'application', 'logintimeout', 'lockttl'];

/**
 * Parses a snowflake:// URL. Throws BbError('config', code `config.bad-url`) that starts with where the
 * URL is written and the redacted URL (urlWhere), then names the bad part.
 */
export function parseSnowflakeUrl(raw: string, target: Pick<Target, 'ref' | 'locateUrl' | 'baseDir'>, env: NodeJS.ProcessEnv = process.env): SnowflakeUrl {
  const where = urlWhere(target);
  const bad = (message: string, hint?: string): BbError => new BbError('config', message, { hint, code: 'config.bad-url' });
  const url = readServerUrl(raw, target);
  if (url.protocol !== 'snowflake:') throw bad(`${where} does not start with snowflake://.`, 'Write it as snowflake://USER:PASSWORD@ACCOUNT/DATABASE/SCHEMA?warehouse=WH&role=ROLE.');
  const params = new Map<string, string>();
  for (const [key, value] of url.searchParams) {
    const k = key.toLowerCase();
    if (!KNOWN.includes(k)) {
      throw bad(`${where} has an unknown parameter "${key}".`, `Snowflake URLs take: ${KNOWN.join(', ')} (see docs/engines/snowflake.md).`);
    }
    params.set(k, value);
  }
  const account = decodeURIComponent(url.hostname).replace(/\.snowflakecomputing\.com$/i, '');
  const username = decodeURIComponent(url.username);
  if (!account) throw bad(`${where} names no account.`, 'Put the account identifier where a host name goes: snowflake://USER@ACCOUNT/DATABASE.');
  if (!username) throw bad(`${where} names no user.`, 'Add the user before the account: snowflake://USER@ACCOUNT/DATABASE.');
  const path = url.pathname.split('/').filter((p) => p !== '').map((p) => decodeURIComponent(p));
  if (path.length > 2) throw bad(`${where} has more than DATABASE/SCHEMA in its path.`, 'Write the path as /DATABASE or /DATABASE/SCHEMA.');
  const number = (key: string, fallback: number): number => {
    const v = params.get(key);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw bad(`${where} sets ${key}=${v}, which is not a positive number.`, `Give ${key} a number greater than 0, or leave it out.`);
    return n;
  };
  const keyPath = params.get('privatekeypath') ?? (params.get('authenticator')?.toUpperCase() === 'SNOWFLAKE_JWT' ? env.SNOWFLAKE_PRIVATE_KEY_PATH : undefined);
  const passphraseVar = params.get('privatekeypassphrasevar') ?? 'SNOWFLAKE_PRIVATE_KEY_PASSPHRASE';
  const passphrase = keyPath ? env[passphraseVar] : undefined;
  if (params.has('privatekeypassphrasevar') && passphrase === undefined) {
    throw bad(`${where} reads the private key passphrase from environment variable ${passphraseVar}, which is not set.`, `Export ${passphraseVar}, or remove privateKeyPassphraseVar from the URL if the key is not encrypted.`);
  }
  const password = url.password ? decodeURIComponent(url.password) : undefined;
  const authenticator = params.get('authenticator')?.toUpperCase() ?? (keyPath ? 'SNOWFLAKE_JWT' : undefined);
  if ((authenticator === undefined || authenticator === 'SNOWFLAKE') && password === undefined) {
    throw bad(`${where} has no password and no key pair.`, 'Add the password (snowflake://USER:${SNOWFLAKE_PASSWORD}@…) or a key pair (?privateKeyPath=keys/bb.p8).');
  }
  const port = params.get('port');
  return {
    account,
    username,
    ...(password !== undefined ? { password } : {}),
    ...(path[0] ? { database: path[0] } : {}),
    ...(path[1] ? { schema: path[1] } : {}),
    ...(params.get('warehouse') ? { warehouse: params.get('warehouse')! } : {}),
    ...(params.get('role') ? { role: params.get('role')! } : {}),
    ...(authenticator ? { authenticator } : {}),
    ...(keyPath ? { privateKeyPath: isAbsolute(keyPath) ? keyPath : resolve(target.baseDir, keyPath) } : {}),
    ...(passphrase !== undefined ? { privateKeyPassphrase: passphrase } : {}),
    ...(params.get('token') ? { token: params.get('token')! } : {}),
    ...(params.get('accessurl') ? { accessUrl: params.get('accessurl')! } : {}),
    ...(params.get('host') ? { host: params.get('host')! } : {}),
    ...(port ? { port: number('port', 443) } : {}),
    ...(params.get('protocol') ? { protocol: params.get('protocol')! } : {}),
    application: params.get('application') ?? 'bb',
    loginTimeoutSeconds: number('logintimeout', 60),
    lockTtlSeconds: number('lockttl', 120),
  };
}

/** An identifier for SQL: a plain name as written (Snowflake folds it to upper case), anything else quoted. */
export function sqlIdent(name: string): string {
  if (/^".*"$/.test(name)) return name;
  return /^[A-Za-z_][A-Za-z0-9_$]*$/.test(name) ? name.toUpperCase() : `"${name.replace(/"/g, '""')}"`;
}

/** SQL for a name as Snowflake stores it (CURRENT_SCHEMA(), INFORMATION_SCHEMA): plain upper-case names as they are, others quoted. */
export function storedIdent(name: string): string {
  return /^[A-Z_][A-Z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** The name as Snowflake stores it (what INFORMATION_SCHEMA shows): plain names in upper case. */
export function storedName(name: string): string {
  if (/^".*"$/.test(name)) return name.slice(1, -1).replace(/""/g, '"');
  return /^[A-Za-z_][A-Za-z0-9_$]*$/.test(name) ? name.toUpperCase() : name;
}
