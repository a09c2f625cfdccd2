/**
 * bb backup / bb restore on PostgreSQL: pg_dump in its custom format and pg_restore for servers, the
 * WASM pg_dump of @electric-sql/pglite-tools (plain SQL, INSERTs) for PGlite folders. The tools must
 * be at least as new as the server: bb runs $BB_PG_BIN's when it is set, else the newest of PATH's and
 * Debian's /usr/lib/postgresql/<major>/bin, and names the package to install when none is new enough.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, realpathSync, renameSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import type { BackupResult, Target } from '../../src/engine.js';
import { targetWhere } from '../../src/engine.js';
import { BbError, causeMessage, interruptedBy } from '../../src/errors.js';
import { findTool, runTool, versionedDirs, versionNumbers } from '../../src/backup/tools.js';
import { fileLock } from '../../src/util/file-lock.js';
import { retargeted } from '../../src/config/targets.js';
import { clientConfig, importPg } from './pg-module.js';
import { openPglite, pgliteDir } from './pglite.js';

const isPglite = (target: Target): boolean => target.url.startsWith('pglite:');

/**
 * A server URL split into a password-free URL (argv is visible to other users) and PGPASSWORD. The
 * password may be the userinfo's or a `?password=` parameter (libpq and bb's own driver read both; the
 * parameter wins): neither stays in the URL.
 */
function connection(url: string): { url: string; env: Record<string, string> } {
  const u = new URL(url);
  const password = u.searchParams.get('password') ?? (u.password ? decodeURIComponent(u.password) : undefined);
  u.password = '';
  // Not through searchParams, which would write the other parameters back form-encoded (a space as
  // `+`, which libpq reads as a plus sign).
  if (u.searchParams.has('password')) u.search = u.search.slice(1).split('&').filter((p) => new URLSearchParams(p).keys().next().value !== 'password').join('&');
  return { url: u.toString(), env: password ? { PGPASSWORD: password } : {} };
}

/**
 * The pg_dump / pg_restore binaries bb may run: the one in $BB_PG_BIN alone when it is set (an error
 * when it does not hold it), else the one on PATH and those in Debian's /usr/lib/postgresql/<major>/bin. On Debian and Ubuntu
 * the PATH one is postgresql-common's pg_wrapper, a Perl script that picks one of those folders (the
 * newest, for a server it does not run itself) and costs ~40-80 ms per call: bb goes to the folders
 * directly then.
 */
function toolCandidates(name: 'pg_dump' | 'pg_restore'): Candidate[] {
  const chosen = process.env.BB_PG_BIN ? join(process.env.BB_PG_BIN, name) : undefined;
  if (chosen && existsSync(chosen)) return [{ path: chosen }];
  // A BB_PG_BIN without the tool is a mistake to point out, not a setting to pass over: another
  // pg_dump would write a backup (or restore one) with a version the user chose not to use.
  if (chosen) {
    throw new BbError('config', `BB_PG_BIN is ${process.env.BB_PG_BIN}, which holds no ${name}.`, {
      hint: `Set BB_PG_BIN to the folder of the ${name} to use (pg_config --bindir prints it), or unset it to let bb pick the newest installed one.`,
      code: 'backup.tool-missing',
    });
  }
  const onPath = findTool(name);
  const versioned = versionedDirs('/usr/lib/postgresql', 'bin').flatMap((dir) => {
    const path = findTool(name, [dir]);
    return path ? [{ path, major: Number(basename(dirname(dir))) }] : [];
  });
  const wrapper = onPath !== undefined && versioned.length > 0 && isPgWrapper(onPath);
  return [...(onPath && !wrapper && !versioned.some((v) => v.path === onPath) ? [{ path: onPath }] : []), ...versioned];
}

function isPgWrapper(path: string): boolean {
  try {
    return basename(realpathSync(path)) === 'pg_wrapper';
  } catch {
    return false;
  }
}

/** A tool bb may run; `major` is known without running it for Debian's folders, which are named by it. */
interface Candidate { readonly path: string; readonly major?: number }
interface Tool { readonly path: string; readonly major: number; describe(): Promise<string> }

/** A tool's `--version`, as "15.20 (Debian 15.20-0+deb12u1)"; undefined when it does not run. */
async function versionOf(path: string): Promise<string | undefined> {
  const out = await runTool(path, ['--version'], { what: basename(path) }).catch(() => undefined);
  return out?.stdout.trim().replace(/^[^)]*\)\s*/, ''); // drop "pg_dump (PostgreSQL) "
}

/**
 * The newest installed tool (the first candidate among equals). Newer tools read older servers and
 * older archives, so the newest is the one to use whatever the server: bb can start it before it
 * knows the server's version, and checks that version with atLeastServer. Only candidates whose
 * major version is unknown are run (`--version`, in parallel): each run costs a process start.
 */
async function newestTool(name: 'pg_dump' | 'pg_restore', serverVersion: Promise<string>): Promise<Tool> {
  const known = await Promise.all(toolCandidates(name).map(async (c) => {
    if (c.major !== undefined) return { path: c.path, major: c.major, version: undefined };
    const version = await versionOf(c.path);
    return { path: c.path, major: version === undefined ? -1 : versionNumbers(version)?.[0] ?? 0, version };
  }));
  let newest: (typeof known)[number] | undefined;
  for (const tool of known) if (tool.major >= 0 && (!newest || tool.major > newest.major)) newest = tool;
  if (newest) {
    const { path, major, version } = newest;
    return { path, major, describe: async () => version ?? (await versionOf(path)) ?? String(major) };
  }
  const server = versionNumbers(await serverVersion.catch(() => ''))?.[0];
  throw new BbError('config', `${name} is not installed: bb backs up and restores PostgreSQL${server ? ` ${server}` : ''} with ${name}.`, {
    hint: `Install the PostgreSQL ${server ?? ''} client tools (Debian/Ubuntu: apt install postgresql-client-${server ?? '<major>'}; macOS: brew install libpq), or set BB_PG_BIN to the folder that holds ${name}.`.replace('  ', ' '),
    code: 'backup.tool-missing',
  });
}

/** A tool older than the server cannot read it: an error that names what to install. */
function atLeastServer(tool: Tool, serverVersion: string): void {
  const server = versionNumbers(serverVersion)?.[0] ?? 0;
  if (tool.major >= server) return;
  throw new BbError('config', `${tool.path} is version ${tool.major}, too old for the server (${serverVersion}).`, {
    hint: `Install the PostgreSQL ${server} client tools (Debian/Ubuntu: apt install postgresql-client-${server}), or set BB_PG_BIN to the folder of a ${basename(tool.path)} ${server} or newer.`,
    code: 'backup.tool-too-old',
  });
}

export async function backup(target: Target, file: string, options: { serverVersion: Promise<string>; signal?: AbortSignal }): Promise<BackupResult> {
  if (isPglite(target)) {
    await options.serverVersion;
    return backupPglite(target, file);
  }
  // pg_dump starts while bb's own session reads the server's version and history: the version is
  // checked once both are done (a pg_dump older than the server would have refused to dump anyway).
  const tool = await newestTool('pg_dump', options.serverVersion);
  const { url, env } = connection(target.url);
  // --no-sync (pg_dump 10+): bb syncs the file itself while it hashes it (src/backup/backup.ts).
  const dumped = runTool(tool.path, ['--format=custom', '--no-password', ...(tool.major >= 10 ? ['--no-sync'] : []), `--file=${file}`, `--dbname=${url}`], { env, what: `Backup of ${target.ref.id}`, ...(options.signal ? { signal: options.signal } : {}) });
  const [server, done] = await Promise.allSettled([options.serverVersion, dumped]);
  if (server.status === 'fulfilled') atLeastServer(tool, server.value);
  if (done.status === 'rejected') throw done.reason;
  // The archive names the pg_dump that wrote it: no second process (`pg_dump --version`) competing
  // with the dump for the CPU.
  const version = dumpVersionOf(file) ?? (await tool.describe());
  return { tool: `pg_dump ${version} (custom format)`, format: 'dump' };
}

/** Archive versions: 1.10 (pg_dump 9.2) first records pg_dump's version; 1.15 (pg_dump 16) made the
 * compression field one byte instead of an integer; 1.16 (pg_dump 17, 18) is the newest whose header
 * layout is known here (a newer one is not guessed at: bb asks the tool instead). */
const RECORDS_VERSION = (1 << 16) | (10 << 8);
const ONE_BYTE_COMPRESSION = (1 << 16) | (15 << 8);
const NEWEST_KNOWN = (1 << 16) | (16 << 8) | 0xff;

/**
 * The version of the pg_dump that wrote a custom-format archive, from its header ("15.20 (Debian …)",
 * as `pg_dump --version` prints it after "pg_dump (PostgreSQL) "); undefined when the file is not
 * such an archive, or one older or newer than the layouts known here. The header:
 * "PGDMP", the archive version (3 bytes), int size, offset size, format, compression, the time (7
 * ints), then the database name, the server version and pg_dump's version as strings. An int is a
 * sign byte and `int size` bytes, least significant first; a string is its length (an int) and bytes.
 */
export function dumpVersionOf(file: string): string | undefined {
  let head: Buffer;
  try {
    const fd = openSync(file, 'r');
    try {
      head = Buffer.alloc(4096);
      head = head.subarray(0, readSync(fd, head, 0, head.length, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
  if (head.length < 11 || head.toString('latin1', 0, 5) !== 'PGDMP') return undefined;
  const version = (head[5]! << 16) | (head[6]! << 8) | head[7]!;
  const intSize = head[8]!;
  if (version < RECORDS_VERSION || version > NEWEST_KNOWN || intSize < 1 || intSize > 8) return undefined;
  let at = 11;
  const int = (): number | undefined => {
    if (at + 1 + intSize > head.length) return undefined;
    let value = 0;
    for (let i = intSize; i >= 1; i--) value = value * 256 + head[at + i]!;
    const negative = head[at] !== 0;
    at += 1 + intSize;
    return negative ? -value : value;
  };
  const str = (): string | undefined => {
    const length = int();
    if (length === undefined || length < 0 || at + length > head.length) return undefined;
    at += length;
    return head.toString('utf8', at - length, at);
  };
  if (version >= ONE_BYTE_COMPRESSION) at += 1;
  else int();
  for (let i = 0; i < 7; i++) int();
  str(); // database name
  str(); // server version
  const dumpVersion = str();
  return dumpVersion && /^\d/.test(dumpVersion) ? dumpVersion : undefined;
}

/** The installed pglite-tools version (its package.json is not exported: found beside its entry point). */
function pgliteToolsVersion(): string {
  try {
    // require.resolve, not import.meta.resolve: the bundle is CommonJS (scripts/bundle.mjs refuses the latter)
    let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite-tools'));
    for (let i = 0; i < 4; i++, dir = dirname(dir)) {
      const path = join(dir, 'package.json');
      if (existsSync(path)) {
        const pkg = JSON.parse(readFileSync(path, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === '@electric-sql/pglite-tools') return pkg.version ?? '?';
      }
    }
  } catch {
    /* unknown */
  }
  return '?';
}

async function backupPglite(target: Target, file: string): Promise<BackupResult> {
  // existing: a backup never creates the folder it backs up (bb's session has said it exists).
  const driver = await openPglite(target, { existing: true });
  let dumped: Blob;
  try {
    const { pgDump } = await import('@electric-sql/pglite-tools/pg_dump');
    dumped = await pgDump({ pg: driver.instance() as never, args: ['--no-owner', '--no-privileges'] });
  } catch (error) {
    if (error instanceof BbError) throw error;
    throw new BbError('apply', `Backup of ${target.ref.id} failed: ${causeMessage(error)}.`, {
      hint: 'bb uses the pg_dump of @electric-sql/pglite-tools, which must match @electric-sql/pglite; reinstall bb if they differ.',
      cause: error,
    });
  } finally {
    await driver.close();
  }
  // Outside the dump's error handling: a full disk is not a pglite-tools mismatch (bb backup says what it is).
  await writeFile(file, Buffer.from(await dumped.arrayBuffer()));
  return { tool: `@electric-sql/pglite-tools ${pgliteToolsVersion()} pg_dump (plain SQL)`, format: 'sql' };
}

export async function restore(
  target: Target,
  file: string,
  options: { into?: string; replace: boolean; format: string; signal?: AbortSignal; checked: Promise<void>; ready?: (restored: Target) => void },
): Promise<{ target: Target; database: string }> {
  refuseOtherKind(target, file, options.format);
  if (isPglite(target)) {
    await options.checked;
    return restorePglite(target, file, options);
  }
  // Tool versions, the server's version and the new database are made ready while the caller checks
  // the file's checksum; the tool starts only once the checksum matched (a new database made for a
  // file that did not is dropped again).
  let serverVersion!: (version: string) => void;
  const tool = newestTool('pg_restore', new Promise<string>((resolve) => (serverVersion = resolve)));
  tool.catch(() => undefined);
  const signal = options.signal ? { signal: options.signal } : {};
  const into = options.replace ? undefined : options.into!;
  // PostgreSQL cuts a longer name to 63 bytes without an error: bb would name a database that is not there.
  if (into !== undefined && Buffer.byteLength(into) > 63) {
    throw new BbError('usage', `Database name "${into}" is ${Buffer.byteLength(into)} bytes long; PostgreSQL keeps at most 63 (it would create "${Buffer.from(into).subarray(0, 63).toString().replace(/\uFFFD$/, '')}").`, {
      hint: 'Pass a shorter name with --into.',
      code: 'restore.name-too-long',
    });
  }
  await admin(target, async (client, missing) => {
    const server = `PostgreSQL ${(await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? ''}`;
    serverVersion(server);
    atLeastServer(await tool, server);
    // --replace when the target's database no longer exists: it is created, like a new one.
    const create = into ?? (missing ? databaseOf(target.url) : undefined);
    if (create === undefined) return;
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(create)}`);
    } catch (error) {
      if ((error as { code?: string }).code === '42P04') {
        throw new BbError('usage', `Database "${create}" already exists on the server of ${target.ref.id}.`, { hint: 'Choose another --into name, or drop that database first.', code: 'restore.exists' });
      }
      // The server's refusal (a user without CREATEDB, most often) is the user's to fix, not a bug in bb.
      throw new BbError('apply', `Cannot create database "${create}" on the server of ${target.ref.id}: ${causeMessage(error)}. Nothing was restored.`, {
        hint: (error as { code?: string }).code === '42501' ? 'Restore as a user that may create databases (a superuser, or a role with CREATEDB).' : 'Fix the cause (the server\'s message), then run bb restore again.',
        code: 'restore.create-failed', cause: error,
      });
    }
    try {
      await options.checked;
    } catch (error) {
      await dropIn(client, create).catch(() => undefined);
      throw error;
    }
  });
  const { path } = await tool;
  if (into === undefined) {
    await options.checked;
    const { url, env } = connection(target.url);
    options.ready?.(target);
    try {
      await runTool(path, ['--clean', '--if-exists', '--single-transaction', '--exit-on-error', '--no-owner', '--no-password', `--dbname=${url}`, file], { env, what: `Restore into ${target.ref.id}`, ...signal });
    } catch (error) {
      throw restoreFailed(error, ' Nothing was changed: pg_restore ran in one transaction, rolled back.');
    }
    return { target, database: databaseOf(target.url) };
  }
  const restored = retargeted(target, inDatabase(target.url, into), into);
  const { url, env } = connection(restored.url);
  options.ready?.(restored);
  try {
    await runTool(path, ['--single-transaction', '--exit-on-error', '--no-owner', '--no-password', `--dbname=${url}`, file], { env, what: `Restore into ${restored.ref.id}`, ...signal });
  } catch (error) {
    // The database was made for this restore: a failed one (the tool's error, its connection, a
    // cancel) leaves nothing behind, as after a checksum mismatch.
    const dropped = await dropDatabase(target, into).then(() => true, () => false);
    throw restoreFailed(error, dropped ? ` The new database "${into}" was dropped again.` : ` The new database "${into}" could not be dropped: drop it by hand.`);
  }
  return { target: restored, database: into };
}

/** The tool's error (its kind, code and hint kept: an interruption stays one), saying what the failure left. */
function restoreFailed(error: unknown, left: string): BbError {
  if (!(error instanceof BbError)) return new BbError('apply', `Restore failed: ${causeMessage(error).replace(/[.\s]+$/, '')}.${left}`, { hint: 'Fix the cause, then run bb restore again.', code: 'restore.failed', cause: error });
  return new BbError(error.kind, `${error.message}${left}`, { ...(error.hint ? { hint: error.hint } : {}), code: error.code, cause: error });
}

/**
 * A PGlite backup (plain SQL, `.sql`) and a server's (pg_dump's custom format, `.dump`) are both
 * PostgreSQL backups, but each restores only into its own kind of target (pg_restore cannot read plain
 * SQL; PGlite cannot run pg_restore): refused before anything is made, rather than failing in the tool.
 */
function refuseOtherKind(target: Target, file: string, format: string): void {
  if (isPglite(target) ? format === 'sql' : format === 'dump') return;
  const [backup, into] = isPglite(target)
    ? ['a PostgreSQL server\'s backup (pg_dump\'s custom format)', 'a PGlite folder, which bb restores from PGlite backups (.sql)']
    : ['a PGlite backup (plain SQL)', 'a PostgreSQL server, which bb restores with pg_restore from server backups (.dump)'];
  throw new BbError('usage', `${basename(file)} is ${backup}; ${target.ref.id} is ${into}.`, {
    hint: isPglite(target)
      ? 'Restore it into an environment whose target is a PostgreSQL server (--env).'
      : `Restore it into a PGlite target (--env), or load it into the server yourself: psql --single-transaction -f ${file} <database URL>.`,
    code: 'restore.format',
  });
}

/** Drops a database bb made, from a session on its server (admin). */
async function dropDatabase(target: Target, name: string): Promise<void> {
  await admin(target, (client) => dropIn(client, name));
}

/** DROP DATABASE for one bb made; WITH (FORCE) (PostgreSQL 13+) ends the sessions bb opened in it meanwhile. */
async function dropIn(client: import('pg').Client, name: string): Promise<void> {
  await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`).catch(() => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`));
}

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** The database a URL names, percent-decoded (`a%3Bb` is the database "a;b"). */
const databaseOf = (url: string): string => decodeURIComponent(new URL(url).pathname.slice(1));

/** `url` with its database swapped for `name` (a new database, or a maintenance one). */
function inDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(name)}`;
  return u.toString();
}

/**
 * Runs `fn` in a session on the target's server: in the target's database, or, when that database does
 * not exist (a restore after it was dropped), in the maintenance database `postgres` (else template1),
 * as createdb does; `missing` says so.
 */
async function admin<T>(target: Target, fn: (client: import('pg').Client, missing: boolean) => Promise<T>): Promise<T> {
  const { default: pg } = await importPg();
  const open = async (url: string): Promise<import('pg').Client> => {
    const client = new pg.Client({ connectionTimeoutMillis: 10_000, ...clientConfig(url) });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  };
  const noDatabase = (error: unknown): boolean => (error as { code?: string }).code === '3D000';
  let client: import('pg').Client;
  let missing = false;
  try {
    client = await open(target.url).catch(async (error: unknown) => {
      if (!noDatabase(error)) throw error;
      missing = true;
      // When neither maintenance database opens either, the target's own error is the one reported.
      return open(inDatabase(target.url, 'postgres')).catch(() => open(inDatabase(target.url, 'template1'))).catch(() => Promise.reject(error));
    });
  } catch (error) {
    throw new BbError('connect', `Cannot connect to ${targetWhere(target)}: ${causeMessage(error)}.`, { hint: 'Check that the server is running and the URL is right.', code: 'connect.failed' });
  }
  try {
    return await fn(client, missing);
  } finally {
    // Not awaited: closing takes a round trip (~10 ms) that the tool started next need not wait for.
    void client.end().catch(() => undefined);
  }
}

async function restorePglite(target: Target, file: string, options: { into?: string; replace: boolean; signal?: AbortSignal }): Promise<{ target: Target; database: string }> {
  const dir = pgliteDir(target);
  if (!dir) throw new BbError('usage', `${target.ref.id} is an in-memory PGlite database: there is nothing to restore into.`, { hint: 'Use a pglite://<folder> URL.', code: 'restore.memory' });
  const sql = (await readFile(file, 'utf8')).split('\n').filter((line) => !line.startsWith('\\')).join('\n');
  const into = options.replace ? `${basename(dir)}.restoring-${Date.now()}` : options.into!;
  // The new folder goes beside the target's: --into is its name, never a path that leads elsewhere.
  if (!options.replace && (/[\\/]/.test(into) || into === '.' || into === '..')) {
    throw new BbError('usage', `--into "${into}" is not a folder name: a PGlite restore makes a new folder of that name beside ${dir}.`, { hint: 'Pass a name without / or \\, such as --into app_restored.', code: 'restore.into-name' });
  }
  const newDir = join(dirname(dir), into);
  if (existsSync(newDir)) throw new BbError('usage', `${newDir} already exists.`, { hint: 'Choose another --into name, or move that folder away.', code: 'restore.exists' });
  await mkdir(newDir, { recursive: true });
  const restored = retargeted(target, `pglite://${newDir}`, into);
  // The folder was made for this restore: a failed or cancelled one leaves nothing behind (and, with
  // --replace, the target as it was), as a new server database is dropped again.
  const discard = async (error: unknown, what: string): Promise<never> => {
    const removed = await rm(newDir, { recursive: true, force: true }).then(() => true, () => false);
    const left = removed ? ` The new folder ${newDir} was removed` : ` The new folder ${newDir} could not be removed: delete it by hand`;
    const unchanged = options.replace ? `; ${target.ref.id} is unchanged.` : '.';
    if (error instanceof BbError && error.kind === 'interrupted') throw new BbError('interrupted', `Restore into ${restored.ref.id} was stopped by ${what}.${left}${unchanged}`, { code: error.code });
    throw new BbError('apply', `Restore into ${restored.ref.id} failed: ${what}.${left}${unchanged}`, { hint: 'Fix the cause, then run bb restore again.', code: 'restore.failed', cause: error });
  };
  try {
    const driver = await openPglite(restored, options.signal ? { signal: options.signal } : {});
    try {
      // Contrib extensions must be loaded when PGlite starts: let the transport see the CREATE EXTENSIONs first.
      await driver.prepare(sql.split('\n').filter((l) => /^\s*CREATE\s+EXTENSION/i.test(l)));
      // One call that cannot be stopped part-way: a cancel is honoured when it returns.
      await driver.exec(sql);
    } finally {
      await driver.close();
    }
  } catch (error) {
    const by = interruptedBy(options.signal);
    return discard(by ? options.signal!.reason : error, by ?? causeMessage(error).replace(/[.\s]+$/, ''));
  }
  const by = interruptedBy(options.signal);
  if (by) return discard(options.signal!.reason, by);
  if (!options.replace) return { target: restored, database: into };
  // Swap the folders under the database's own lock, keeping the old one beside it.
  const lock = await fileLock(`${dir}.lock`, { timeoutMs: 30_000, what: `the embedded database ${target.ref.url}` });
  try {
    // A target folder deleted since (the restore after losing it) has nothing to keep aside.
    if (existsSync(dir)) renameSync(dir, `${dir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    renameSync(newDir, dir);
  } finally {
    await lock.release();
  }
  return { target, database: basename(dir) };
}
