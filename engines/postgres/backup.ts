/**
 * bb backup / bb restore on PostgreSQL: pg_dump in its custom format and pg_restore for servers, the
 * WASM pg_dump of @electric-sql/pglite-tools (plain SQL, INSERTs) for PGlite folders. The tools must
 * be at least as new as the server: bb looks on PATH, then in $BB_PG_BIN, then in Debian's
 * /usr/lib/postgresql/<major>/bin, and names the package to install when none is new enough.
 */
import { existsSync, readFileSync, realpathSync, renameSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BackupResult, Target } from '../../src/engine.js';
import { BbError, causeMessage } from '../../src/errors.js';
import { findTool, runTool, versionedDirs, versionNumbers } from '../../src/backup/tools.js';
import { fileLock } from '../../src/util/file-lock.js';
import { redactUrl } from '../../src/config/redact.js';
import { importPg } from './pg-module.js';
import { openPglite, pgliteDir } from './pglite.js';

const isPglite = (target: Target): boolean => target.url.startsWith('pglite:');

/** A server URL split into a password-free URL (argv is visible to other users) and PGPASSWORD. */
function connection(url: string): { url: string; env: Record<string, string> } {
  const u = new URL(url);
  const password = u.password ? decodeURIComponent(u.password) : undefined;
  u.password = '';
  return { url: u.toString(), env: password ? { PGPASSWORD: password } : {} };
}

/**
 * The pg_dump / pg_restore binaries bb may run, in order of preference: $BB_PG_BIN, PATH, then
 * Debian's /usr/lib/postgresql/<major>/bin (newest first). On Debian and Ubuntu the PATH one is
 * postgresql-common's pg_wrapper, a Perl script that picks one of those folders (the newest, for a
 * server it does not run itself) and costs ~80 ms per call: bb goes to the folders directly then.
 */
function toolCandidates(name: 'pg_dump' | 'pg_restore'): string[] {
  const onPath = findTool(name, process.env.BB_PG_BIN ? [process.env.BB_PG_BIN] : []);
  const versioned = versionedDirs('/usr/lib/postgresql', 'bin').map((d) => findTool(name, [d])).filter((p): p is string => !!p);
  const wrapper = onPath !== undefined && versioned.length > 0 && isPgWrapper(onPath);
  return [...new Set([...(onPath && !wrapper ? [onPath] : []), ...versioned])];
}

function isPgWrapper(path: string): boolean {
  try {
    return basename(realpathSync(path)) === 'pg_wrapper';
  } catch {
    return false;
  }
}

interface ToolVersion { readonly path: string; readonly text: string | undefined; readonly major: number }

/** Starts `--version` of every candidate at once (a few ms each); read in order by pickTool. */
function probeTools(name: 'pg_dump' | 'pg_restore'): Promise<ToolVersion>[] {
  return toolCandidates(name).map(async (path) => {
    const out = await runTool(path, ['--version'], { what: name }).catch(() => undefined);
    return { path, text: out?.stdout.trim(), major: out ? versionNumbers(out.stdout)?.[0] ?? 0 : 0 };
  });
}

/** The first probed tool whose major version is at least the server's. */
async function pickTool(name: 'pg_dump' | 'pg_restore', probes: readonly Promise<ToolVersion>[], serverVersion: string): Promise<{ path: string; version: string }> {
  const server = versionNumbers(serverVersion)?.[0] ?? 0;
  if (probes.length === 0) {
    throw new BbError('config', `${name} is not installed: bb backs up PostgreSQL ${server || ''} with ${name}.`.replace('  ', ' '), {
      hint: `Install the PostgreSQL ${server || ''} client tools (Debian/Ubuntu: apt install postgresql-client-${server || '<major>'}; macOS: brew install libpq), or set BB_PG_BIN to the folder that holds ${name}.`,
      code: 'backup.tool-missing',
    });
  }
  let newest: ToolVersion | undefined;
  for (const probe of probes) {
    const tool = await probe;
    // "pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)" → "15.20 (Debian 15.20-0+deb12u1)"
    if (tool.text && tool.major >= server) return { path: tool.path, version: tool.text.replace(/^[^)]*\)\s*/, '') };
    if (tool.text && (!newest || tool.major > newest.major)) newest = tool;
  }
  throw new BbError('config', `${newest?.path ?? name} is ${newest ? `version ${newest.major}` : 'unusable'}, too old for the server (${serverVersion}).`, {
    hint: `Install the PostgreSQL ${server} client tools (Debian/Ubuntu: apt install postgresql-client-${server}), or set BB_PG_BIN to the folder of a pg_dump ${server} or newer.`,
    code: 'backup.tool-too-old',
  });
}

export async function backup(target: Target, file: string, options: { serverVersion: string; signal?: AbortSignal }): Promise<BackupResult> {
  if (isPglite(target)) return backupPglite(target, file);
  const tool = await pickTool('pg_dump', probeTools('pg_dump'), options.serverVersion);
  const { url, env } = connection(target.url);
  await runTool(tool.path, ['--format=custom', '--no-password', `--file=${file}`, `--dbname=${url}`], { env, what: `Backup of ${target.ref.id}`, ...(options.signal ? { signal: options.signal } : {}) });
  return { tool: `pg_dump ${tool.version} (custom format)`, format: 'dump' };
}

/** The installed pglite-tools version (its package.json is not exported: found beside its entry point). */
function pgliteToolsVersion(): string {
  try {
    let dir = dirname(fileURLToPath(import.meta.resolve('@electric-sql/pglite-tools')));
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
  const driver = await openPglite(target, {});
  try {
    const { pgDump } = await import('@electric-sql/pglite-tools/pg_dump');
    const dumped = await pgDump({ pg: driver.instance() as never, args: ['--no-owner', '--no-privileges'] });
    await writeFile(file, Buffer.from(await dumped.arrayBuffer()));
  } catch (error) {
    if (error instanceof BbError) throw error;
    throw new BbError('apply', `Backup of ${target.ref.id} failed: ${causeMessage(error)}.`, {
      hint: 'bb uses the pg_dump of @electric-sql/pglite-tools, which must match @electric-sql/pglite; reinstall bb if they differ.',
      cause: error,
    });
  } finally {
    await driver.close();
  }
  return { tool: `@electric-sql/pglite-tools ${pgliteToolsVersion()} pg_dump (plain SQL)`, format: 'sql' };
}

export async function restore(
  target: Target,
  file: string,
  options: { into?: string; replace: boolean; format: string; signal?: AbortSignal; checked: Promise<void> },
): Promise<{ target: Target; database: string }> {
  if (isPglite(target)) {
    await options.checked;
    return restorePglite(target, file, options);
  }
  // Tool versions, the server's version and the new database are made ready while the caller checks
  // the file's checksum; the tool starts only once the checksum matched (a new database made for a
  // file that did not is dropped again).
  const probes = probeTools('pg_restore');
  for (const p of probes) p.catch(() => undefined);
  const signal = options.signal ? { signal: options.signal } : {};
  const into = options.replace ? undefined : options.into!;
  const tool = await admin(target, async (client) => {
    const server = `PostgreSQL ${(await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? ''}`;
    const picked = await pickTool('pg_restore', probes, server);
    if (into === undefined) return picked;
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(into)}`);
    } catch (error) {
      if ((error as { code?: string }).code === '42P04') {
        throw new BbError('usage', `Database "${into}" already exists on the server of ${target.ref.id}.`, { hint: 'Choose another --into name, or drop that database first.', code: 'restore.exists' });
      }
      throw error;
    }
    try {
      await options.checked;
    } catch (error) {
      await client.query(`DROP DATABASE ${quoteIdent(into)}`).catch(() => undefined);
      throw error;
    }
    return picked;
  });
  if (into === undefined) {
    await options.checked;
    const { url, env } = connection(target.url);
    await runTool(tool.path, ['--clean', '--if-exists', '--single-transaction', '--exit-on-error', '--no-owner', '--no-password', `--dbname=${url}`, file], { env, what: `Restore into ${target.ref.id}`, ...signal });
    return { target, database: new URL(target.url).pathname.slice(1) };
  }
  const u = new URL(target.url);
  u.pathname = `/${encodeURIComponent(into)}`;
  const restored = retarget(target, u.toString(), into);
  const { url, env } = connection(restored.url);
  await runTool(tool.path, ['--single-transaction', '--exit-on-error', '--no-owner', '--no-password', `--dbname=${url}`, file], { env, what: `Restore into ${restored.ref.id}`, ...signal });
  return { target: restored, database: into };
}

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

async function admin<T>(target: Target, fn: (client: import('pg').Client) => Promise<T>): Promise<T> {
  const { default: pg } = await importPg();
  const client = new pg.Client({ connectionString: target.url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw new BbError('connect', `Cannot connect to ${target.ref.id} (${target.ref.url}): ${causeMessage(error)}.`, { hint: 'Check that the server is running and the URL is right.', code: 'connect.failed' });
  }
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The same target, pointed at another database (for messages and for bb to connect to it). */
function retarget(target: Target, url: string, database: string): Target {
  return { ...target, url, ref: { ...target.ref, id: `${target.ref.id}→${database}`, url: redactUrl(url) } };
}

async function restorePglite(target: Target, file: string, options: { into?: string; replace: boolean }): Promise<{ target: Target; database: string }> {
  const dir = pgliteDir(target);
  if (!dir) throw new BbError('usage', `${target.ref.id} is an in-memory PGlite database: there is nothing to restore into.`, { hint: 'Use a pglite://<folder> URL.', code: 'restore.memory' });
  const sql = (await readFile(file, 'utf8')).split('\n').filter((line) => !line.startsWith('\\')).join('\n');
  const into = options.replace ? `${basename(dir)}.restoring-${Date.now()}` : options.into!;
  const newDir = join(dirname(dir), into);
  if (existsSync(newDir)) throw new BbError('usage', `${newDir} already exists.`, { hint: 'Choose another --into name, or move that folder away.', code: 'restore.exists' });
  await mkdir(newDir, { recursive: true });
  const restored = retarget(target, `pglite://${newDir}`, into);
  const driver = await openPglite(restored, {});
  try {
    // Contrib extensions must be loaded when PGlite starts: let the transport see the CREATE EXTENSIONs first.
    await driver.prepare(sql.split('\n').filter((l) => /^\s*CREATE\s+EXTENSION/i.test(l)));
    await driver.exec(sql);
  } catch (error) {
    throw new BbError('apply', `Restore into ${newDir} failed: ${causeMessage(error)}.`, { hint: `The half-restored folder ${newDir} can be deleted.`, cause: error });
  } finally {
    await driver.close();
  }
  if (!options.replace) return { target: restored, database: into };
  // Swap the folders under the database's own lock, keeping the old one beside it.
  const lock = await fileLock(`${dir}.lock`, { timeoutMs: 30_000, what: `the embedded database ${target.ref.url}` });
  try {
    const aside = `${dir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(dir, aside);
    renameSync(newDir, dir);
  } finally {
    await lock.release();
  }
  return { target, database: basename(dir) };
}
