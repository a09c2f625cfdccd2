/**
 * The embedded transport: PGlite (PostgreSQL in WASM) on a local folder. PGlite is single-process,
 * so the folder is opened under a file lock. Contrib extensions must be loaded when PGlite starts:
 * bb loads those the database already has (remembered in bb-extensions.json inside the data folder,
 * checked against pg_extension) and reopens the database before a migration that creates a new one.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { ConnectOptions, Target } from '../../src/engine.js';
import { makeEmbeddedFolder, notCreated, targetWhere } from '../../src/engine.js';
import { BbError, causeMessage } from '../../src/errors.js';
import { fileLock } from '../../src/util/file-lock.js';
import type { Driver } from './driver.js';

/** PGlite's contrib modules (dist/contrib/<module>.js); the extension name uses '-' where the module uses '_'. */
const CONTRIB = new Set([
  'amcheck', 'auto_explain', 'bloom', 'btree_gin', 'btree_gist', 'citext', 'cube', 'dict_int', 'dict_xsyn', 'earthdistance',
  'file_fdw', 'fuzzystrmatch', 'hstore', 'intarray', 'isn', 'lo', 'ltree', 'moddatetime', 'pageinspect', 'pg_buffercache',
  'pg_stat_statements', 'pg_surgery', 'pg_trgm', 'pg_visibility', 'pg_walinspect', 'pgcrypto', 'seg', 'tablefunc', 'tcn',
  'tsm_system_rows', 'tsm_system_time', 'unaccent', 'uuid_ossp',
]);
const moduleOf = (extension: string): string => extension.toLowerCase().replace(/-/g, '_');
const MANIFEST = 'bb-extensions.json';

type PGliteInstance = import('@electric-sql/pglite').PGlite;

export function pgliteDir(target: Target): string | undefined {
  const rest = target.url.replace(/^pglite:(\/\/)?/, '');
  if (rest === '' || rest === ':memory:' || rest === 'memory:') return undefined;
  const path = decodeURIComponent(rest.replace(/\?.*$/, ''));
  return isAbsolute(path) ? path : resolve(target.baseDir, path);
}

export async function openPglite(target: Target, options: ConnectOptions): Promise<Driver & { prepare(statements: readonly string[]): Promise<void>; instance(): PGliteInstance }> {
  const dir = pgliteDir(target);
  if (options.existing && (!dir || !existsSync(dir))) {
    throw notCreated(target);
  }
  if (dir) await makeEmbeddedFolder(target, dir);
  const folderLock = dir ? await fileLock(`${dir}.lock`, { timeoutMs: options.openTimeoutMs ?? 30_000, what: `the embedded database ${target.ref.url}`, ...(options.signal ? { signal: options.signal } : {}) }) : undefined;
  let loaded = new Set<string>(dir ? readManifest(dir) : []);
  let db: PGliteInstance;
  try {
    db = await start(dir, loaded);
    // A database created elsewhere (or before the manifest) may use extensions bb has not loaded.
    const installed = (await db.query<{ name: string }>("SELECT extname AS name FROM pg_extension WHERE extname <> 'plpgsql'")).rows.map((r) => moduleOf(r.name)).filter((m) => CONTRIB.has(m));
    if (installed.some((m) => !loaded.has(m))) {
      loaded = new Set([...loaded, ...installed]);
      await db.close();
      db = await start(dir, loaded);
      if (dir) writeManifest(dir, loaded);
    }
  } catch (error) {
    await folderLock?.release();
    throw new BbError('connect', `Cannot open the embedded database ${targetWhere(target)}: ${causeMessage(error)}.`, {
      hint: 'Check that the folder is writable; if it was created by another PGlite version, move it aside and run bb migrate again.',
      cause: error,
    });
  }
  const version = (await db.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? '?';
  let asText: Record<number, (value: string) => string> | undefined;
  return {
    serverVersion: `PGlite (PostgreSQL ${version})`,
    embedded: true,
    async query<R>(sql: string, params?: readonly unknown[]) {
      return (await db.query<R>(sql, params as unknown[] | undefined)).rows;
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
    async cancel() {
      /* in-process: the statement finishes on its own */
    },
    /** The PGlite object itself, for tools that drive it directly (pglite-tools' pg_dump in bb backup). */
    instance: () => db,
    async arrayQuery(sql: string) {
      // PostgreSQL's own text of every value, as the server transport gives it (`t`, not `true`):
      // bb query prints the same on PGlite as on a server. Types PGlite does not parse stay text anyway.
      asText ??= Object.fromEntries(Object.keys(db.parsers).map((oid) => [oid, (value: string) => value]));
      const r = await db.query<unknown[]>(sql, [], { rowMode: 'array', parsers: asText });
      return { fields: r.fields.map((f) => ({ name: f.name, tableID: 0, columnID: 0, dataTypeID: f.dataTypeID })), rows: r.rows as unknown[][] };
    },
    /** PGlite's results drop the fields' origins; a protocol Describe of the statement has them. */
    async describe(sql: string) {
      const { protocol } = await import('@electric-sql/pglite');
      const parts = [protocol.serialize.parse({ text: sql }), protocol.serialize.describe({ type: 'S' }), protocol.serialize.sync()];
      const message = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let offset = 0;
      for (const p of parts) {
        message.set(p, offset);
        offset += p.length;
      }
      const { messages } = await db.execProtocol(message);
      const failed = messages.find((m) => m.name === 'error');
      if (failed) throw failed;
      const rd = messages.find((m) => m.name === 'rowDescription') as { fields: { name: string; tableID: number; columnID: number; dataTypeID: number }[] } | undefined;
      return (rd?.fields ?? []).map((f) => ({ name: f.name, tableID: f.tableID, columnID: f.columnID, dataTypeID: f.dataTypeID }));
    },
    /** Called outside any transaction before a migration runs: loads the extensions it creates. */
    async prepare(statements) {
      const wanted = new Set<string>();
      for (const text of statements) {
        const m = /^\s*CREATE\s+EXTENSION\s+(?:IF\s+NOT\s+EXISTS\s+)?"?([A-Za-z0-9_-]+)"?/i.exec(text.replace(/^(\s*--[^\n]*\n)+/, ''));
        if (m && CONTRIB.has(moduleOf(m[1]!)) && !loaded.has(moduleOf(m[1]!))) wanted.add(moduleOf(m[1]!));
      }
      if (wanted.size === 0) return;
      loaded = new Set([...loaded, ...wanted]);
      await db.close();
      db = await start(dir, loaded);
      if (dir) writeManifest(dir, loaded);
    },
    async close() {
      try {
        await db.close();
      } finally {
        await folderLock?.release();
      }
    },
  };
}

async function start(dir: string | undefined, modules: ReadonlySet<string>): Promise<PGliteInstance> {
  const { PGlite } = await import('@electric-sql/pglite');
  const extensions: Record<string, unknown> = {};
  for (const m of modules) extensions[m] = ((await import(`@electric-sql/pglite/contrib/${m}`)) as Record<string, unknown>)[m];
  const db = dir ? new PGlite(dir, { extensions: extensions as never }) : new PGlite({ extensions: extensions as never });
  await db.waitReady;
  return db;
}

function readManifest(dir: string): string[] {
  const path = join(dir, MANIFEST);
  if (!existsSync(path)) return [];
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as string[]).filter((m) => CONTRIB.has(m));
  } catch {
    return [];
  }
}

function writeManifest(dir: string, modules: ReadonlySet<string>): void {
  writeFileSync(join(dir, MANIFEST), JSON.stringify([...modules].sort()));
}
