/**
 * bb backup / bb restore on MySQL and MariaDB: mariadb-dump (MariaDB) or mysqldump with
 * --single-transaction (a consistent snapshot without locking InnoDB tables), routines, triggers and
 * events; restored by piping the file into the mariadb / mysql client. The password travels in
 * MYSQL_PWD, never in argv.
 */
import { urlWhere, type BackupResult, type Target } from '../../src/engine.js';
import { BbError, causeMessage } from '../../src/errors.js';
import { retargeted } from '../../src/config/targets.js';
import { findTool, runTool } from '../../src/backup/tools.js';
import { connectError, connectionOptions } from './session.js';
import { quoteIdent } from './lock.js';

interface Conn { host?: string; port?: number; user?: string; password?: string; database?: string; socketPath?: string; ssl?: { rejectUnauthorized?: boolean } }

/**
 * The dump or client tool's connection arguments for `target`, as bb's own connection makes it. The
 * URL's `ssl=` asks for TLS: the tool gets it too (MariaDB's tools `--ssl`, plus
 * `--ssl-verify-server-cert` where the certificate is checked; MySQL's `--ssl-mode=REQUIRED` or
 * `VERIFY_IDENTITY`), else the dump would cross the network in clear where bb's connection did not.
 */
export function clientArgs(target: Target, mariaTool: boolean): { args: string[]; env: Record<string, string>; database: string } {
  const o = connectionOptions(target.url, target) as Conn;
  if (!o.database) throw new BbError('config', `${urlWhere(target)} names no database.`, { hint: 'Put the database name in the URL path.', code: 'config.url-database' });
  const args = o.socketPath ? [`--socket=${o.socketPath}`] : [`--host=${o.host ?? '127.0.0.1'}`, `--port=${o.port ?? 3306}`];
  args.push(`--user=${o.user ?? 'root'}`);
  if (o.ssl) {
    const verify = o.ssl.rejectUnauthorized === true;
    args.push(...(mariaTool ? ['--ssl', ...(verify ? ['--ssl-verify-server-cert'] : [])] : [`--ssl-mode=${verify ? 'VERIFY_IDENTITY' : 'REQUIRED'}`]));
  }
  return { args, env: o.password ? { MYSQL_PWD: o.password } : {}, database: o.database };
}

async function tool(names: readonly string[], serverVersion: string, what: string): Promise<{ path: string; version: string; maria: boolean }> {
  for (const name of names) {
    const path = findTool(name);
    if (!path) continue;
    const out = await runTool(path, ['--version'], { what: name }).catch(() => undefined);
    if (!out) continue;
    const mariaTool = /mariadb/i.test(out.stdout);
    if (/^MySQL/i.test(serverVersion) && mariaTool && /dump/.test(name)) {
      throw new BbError('config', `${path} is MariaDB's ${name}; it cannot dump ${serverVersion} reliably.`, { hint: 'Install MySQL\'s client tools (mysql-client / mysql-community-client) and put its mysqldump first on PATH.', code: 'backup.tool-mismatch' });
    }
    return { path, version: out.stdout.trim().replace(/\s+/g, ' '), maria: mariaTool };
  }
  const maria = /MariaDB/i.test(serverVersion);
  throw new BbError('config', `${names.join(' or ')} is not installed: bb ${what} ${serverVersion || 'MySQL'} with it.`, {
    hint: maria ? 'Install the MariaDB client (Debian/Ubuntu: apt install mariadb-client).' : 'Install the MySQL client tools (Debian/Ubuntu: apt install mysql-client; macOS: brew install mysql-client).',
    code: 'backup.tool-missing',
  });
}

export async function backup(target: Target, file: string, options: { serverVersion: Promise<string>; signal?: AbortSignal }): Promise<BackupResult> {
  // Which dump tool fits depends on the server (MariaDB's cannot dump MySQL 8 reliably): wait for it.
  const serverVersion = await options.serverVersion;
  const names = /MariaDB/i.test(serverVersion) ? ['mariadb-dump', 'mysqldump'] : ['mysqldump'];
  const t = await tool(names, serverVersion, 'backs up');
  const { args, env, database } = clientArgs(target, t.maria);
  await runTool(t.path, [
    ...args, '--single-transaction', '--routines', '--triggers', '--events', '--hex-blob', '--no-tablespaces',
    '--default-character-set=utf8mb4', `--result-file=${file}`, database,
  ], { env, what: `Backup of ${target.ref.id}`, ...(options.signal ? { signal: options.signal } : {}) });
  return { tool: `${t.version} (--single-transaction)`, format: 'sql' };
}

export async function restore(target: Target, file: string, options: { into?: string; replace: boolean; signal?: AbortSignal; checked: Promise<void>; ready?: (restored: Target) => void }): Promise<{ target: Target; database: string }> {
  await options.checked;
  const { database } = clientArgs(target, false);
  const into = options.replace ? database : options.into!;
  const mysql = await import('mysql2/promise');
  // The same message, hint and password redaction as every other MySQL connection.
  const conn = await mysql.createConnection({ ...(connectionOptions(target.url, target) as object), database: undefined } as never).catch((error: unknown) => {
    throw connectError(target, error);
  });
  let serverVersion = '';
  try {
    serverVersion = String(((await conn.query('SELECT VERSION() AS v')) as unknown as [{ v: string }[]])[0][0]?.v ?? '');
    try {
      // --replace when the database no longer exists (a restore after it was dropped): created again.
      await conn.query(`CREATE DATABASE ${options.replace ? 'IF NOT EXISTS ' : ''}${quoteIdent(into)}`);
    } catch (error) {
      const errno = (error as { errno?: number }).errno;
      if (errno === 1007) throw new BbError('usage', `Database "${into}" already exists on the server of ${target.ref.id}.`, { hint: 'Choose another --into name, or drop that database first.', code: 'restore.exists' });
      // The server's refusal (no CREATE privilege, a name it does not take) is the user's to fix, not a bug in bb.
      throw new BbError('apply', `Cannot create database "${into}" on the server of ${target.ref.id}: ${causeMessage(error)}. Nothing was restored.`, {
        hint: errno === 1044 ? 'Restore as a user with the CREATE privilege on that database (GRANT CREATE ON `name`.* …).' : 'Fix the cause (the server\'s message), then run bb restore again.',
        code: 'restore.create-failed', cause: error,
      });
    }
  } finally {
    await conn.end().catch(() => undefined);
  }
  const client = await tool(['mariadb', 'mysql'], /mariadb/i.test(serverVersion) ? `MariaDB ${serverVersion}` : `MySQL ${serverVersion}`, 'restores');
  const { args, env } = clientArgs(target, client.maria);
  const restored = options.replace ? target : intoTarget(target, into);
  options.ready?.(restored);
  try {
    await runTool(client.path, [...args, '--default-character-set=utf8mb4', into], { env, stdinFile: file, what: `Restore into ${restored.ref.id}`, ...(options.signal ? { signal: options.signal } : {}) });
  } catch (error) {
    const tool = error instanceof BbError ? error : new BbError('apply', `Restore into ${restored.ref.id} failed: ${causeMessage(error).replace(/[.\s]+$/, '')}.`, { code: 'restore.failed', cause: error });
    // MySQL commits each statement of the dump (DDL commits implicitly): the target now holds the
    // tables the dump had reached, dropped and reloaded (the last one perhaps part-way), the rest as they were.
    if (options.replace) {
      throw new BbError(tool.kind, `${tool.message} The restore over ${target.ref.id} stopped part-way: the tables the dump had reached were dropped and reloaded (the last one perhaps not completely), the others are as they were.`, {
        hint: `${tool.kind === 'interrupted' ? 'Run' : 'Fix the cause and run'} the same bb restore --replace again: the dump drops and recreates each of its tables.`,
        code: 'restore.partial', cause: error,
      });
    }
    // A database made for this restore is dropped again when the restore fails (not the target's).
    const dropped = await dropDatabase(target, into).then(() => true, () => false);
    throw new BbError(tool.kind, `${tool.message} ${dropped ? `The new database "${into}" was dropped again.` : `The new database "${into}" could not be dropped: drop it by hand.`}`, {
      ...(tool.hint ? { hint: tool.hint } : {}), code: tool.code, cause: error,
    });
  }
  return { target: restored, database: options.replace ? database : into };
}

async function dropDatabase(target: Target, name: string): Promise<void> {
  const mysql = await import('mysql2/promise');
  const conn = await mysql.createConnection({ ...(connectionOptions(target.url, target) as object), database: undefined } as never);
  try {
    await conn.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
  } finally {
    await conn.end().catch(() => undefined);
  }
}

/** `target` with its database swapped for `into`. */
function intoTarget(target: Target, into: string): Target {
  const u = new URL(target.url);
  u.pathname = `/${encodeURIComponent(into)}`;
  return retargeted(target, u.toString(), into);
}
