/**
 * bb backup / bb restore on ClickHouse, both transports: the target database's CREATE statements and
 * each table's rows in ClickHouse's Native format (exact for every type), in one file (archive.ts).
 * ClickHouse's own BACKUP writes to the server's disks (and chdb has no backups path configured), not
 * to one file bb can checksum and keep beside its manifest, so bb reads the rows out itself.
 */
import type { BackupResult, Target } from '../../src/engine.js';
import { BbError, causeMessage } from '../../src/errors.js';
import { retargeted } from '../../src/config/targets.js';
import { BB_VERSION } from '../../src/version.js';
import type { Driver } from './driver.js';
import { quoteIdent } from './history.js';
import { ARCHIVE_MAGIC, ArchiveReader, ArchiveWriter, type ArchivedObject } from './archive.js';
import { requalify } from './requalify.js';
import { openDriver } from './session.js';

export const FORMAT = 'chbackup';

const VIEWS = new Set(['View', 'MaterializedView', 'LiveView', 'WindowView']);
/** Engines whose rows live in the database itself; others (Distributed, Merge, Buffer, URL, Kafka, …) are recreated empty. */
const stored = (engine: string): boolean => /MergeTree$/.test(engine) || ['Log', 'TinyLog', 'StripeLog', 'Memory', 'EmbeddedRocksDB'].includes(engine);
/** A materialized view without TO keeps rows of its own (in its hidden inner table, written through the view). */
const ownsRows = (o: { engine: string; create: string }): boolean => o.engine === 'MaterializedView' && !/^CREATE MATERIALIZED VIEW\s+(?:`(?:[^`\\]|\\.)*`|[^\s.`(]+)(?:\.(?:`(?:[^`\\]|\\.)*`|[^\s.`(]+))?\s+TO\s/i.test(o.create);

const qualifiedName = (database: string, name: string): string => `${quoteIdent(database)}.${quoteIdent(name)}`;

/** Backup and restore hold no lock and use no HTTP session: a cluster's ON CLUSTER DDL is not theirs to run. */
function refuseCluster(target: Target, what: string): void {
  if (target.cluster) {
    throw new BbError('usage', `bb ${what} of ${target.ref.id} is not available on a ClickHouse cluster (cluster: ${target.cluster}): it would act on one replica only.`, {
      hint: "Use ClickHouse's BACKUP DATABASE … ON CLUSTER … TO S3(…)/Disk(…) and RESTORE, or clickhouse-backup.",
      code: `${what}.cluster`,
    });
  }
}

/** The database's objects in restore order: dictionaries, tables by name, then views, each after the views it reads. */
async function objectsOf(driver: Driver, database: string, history: Target['history']): Promise<ArchivedObject[]> {
  const rows = await driver.query<{ name: string; engine: string; create: string }>(
    "SELECT name, engine, create_table_query AS create FROM system.tables WHERE database = {db:String} AND NOT is_temporary AND name NOT LIKE '.inner%' ORDER BY name",
    { db: database },
  );
  // The lock table's claims belong to the live database: a restored copy starts without them.
  const all = rows.filter((r) => r.name !== `${history.table}_lock`);
  // Dictionaries load their source lazily, and a Dictionary-engine table needs its dictionary: they go first.
  const isDictionary = (r: { create: string }): boolean => /^CREATE DICTIONARY/i.test(r.create);
  const first = [...all.filter((r) => !VIEWS.has(r.engine) && isDictionary(r)), ...all.filter((r) => !VIEWS.has(r.engine) && !isDictionary(r))].map((r): ArchivedObject => ({ name: r.name, engine: r.engine, create: r.create, phase: 1, rows: stored(r.engine) }));
  const views = all.filter((r) => VIEWS.has(r.engine));
  const mentions = (sql: string, name: string): boolean => sql.includes(`${quoteIdent(database)}.${quoteIdent(name)}`) || new RegExp(`(^|[^A-Za-z0-9_$\`])${database.replace(/\W/g, '\\$&')}\\.${name.replace(/\W/g, '\\$&')}($|[^A-Za-z0-9_$])`).test(sql) || sql.includes(`${database}.\`${name}\``) || sql.includes(`\`${database}\`.${name}`);
  const ordered: ArchivedObject[] = [];
  const left = [...views];
  while (left.length > 0) {
    // A view goes once no view still waiting is one it reads; a cycle (impossible in ClickHouse) goes as is.
    const at = left.findIndex((v) => !left.some((o) => o !== v && mentions(v.create, o.name)));
    const [v] = left.splice(at < 0 ? 0 : at, 1);
    ordered.push({ name: v!.name, engine: v!.engine, create: v!.create, phase: 2, rows: ownsRows(v!) });
  }
  return [...first, ...ordered];
}

export async function backup(target: Target, file: string, options: { serverVersion: Promise<string>; signal?: AbortSignal }): Promise<BackupResult> {
  refuseCluster(target, 'backup');
  // chdb admits one opener of a folder per process: bb's own session opens it first.
  const server = await options.serverVersion;
  // existing: a backup never creates the database it backs up (bb's session has said it exists).
  const driver = await openDriver(target, { ...(options.signal ? { signal: options.signal } : {}), existing: true });
  try {
    const database = driver.database;
    const history = target.history.schema;
    if (history && history !== database) {
      throw new BbError('usage', `bb backup of ${target.ref.id} cannot include bb's history: it is kept in database "${history}", not in "${database}".`, {
        hint: 'Drop history.schema from the config for this database (bb keeps its tables in the target database by default), or back up with ClickHouse\'s own BACKUP.',
        code: 'backup.history-elsewhere',
      });
    }
    const objects = await objectsOf(driver, database, target.history);
    const out = await ArchiveWriter.create(file, { database, server, objects });
    try {
      for (const o of objects.filter((x) => x.rows)) {
        for await (const chunk of driver.exportNative(`SELECT * FROM ${qualifiedName(database, o.name)}`, options.signal)) await out.rows(o.name, chunk);
      }
      await out.finish();
    } catch (error) {
      await out.abandon();
      throw error;
    }
    return { tool: `bb ${BB_VERSION} (${ARCHIVE_MAGIC}: CREATE statements, rows in Native)`, format: FORMAT };
  } finally {
    await driver.close();
  }
}

/** The target's URL pointing at another database of the same server (or chdb folder). */
function targetFor(target: Target, database: string): Target {
  let url: string;
  if (target.url.startsWith('chdb:')) {
    const [path, query = ''] = target.url.split('?', 2) as [string, string?];
    const q = new URLSearchParams(query);
    q.set('database', database);
    url = `${path}?${q.toString()}`;
  } else {
    const u = new URL(target.url);
    if (u.searchParams.has('database')) u.searchParams.set('database', database);
    else u.pathname = `/${encodeURIComponent(database)}`;
    url = u.toString();
  }
  return retargeted(target, url, database);
}

export async function restore(target: Target, file: string, options: { into?: string; replace: boolean; signal?: AbortSignal; checked: Promise<void> }): Promise<{ target: Target; database: string }> {
  refuseCluster(target, 'restore');
  const { reader, header } = await ArchiveReader.open(file).catch(async (error: unknown) => {
    await options.checked; // a changed file is reported as such, not as a broken one
    throw error;
  });
  let driver: Driver | undefined;
  let created: string | undefined;
  let writing = false;
  try {
    driver = await openDriver(target, options.signal ? { signal: options.signal } : {});
    const into = options.replace ? driver.database : options.into!;
    if (!options.replace) {
      const exists = await driver.query<{ n: number }>('SELECT count() AS n FROM system.databases WHERE name = {db:String}', { db: into });
      if (Number(exists[0]?.n ?? 0) > 0) throw new BbError('usage', `Database "${into}" already exists on the server of ${target.ref.id}.`, { hint: 'Choose another --into name, or drop that database first.', code: 'restore.exists' });
      await driver.exec(`CREATE DATABASE ${quoteIdent(into)}`);
      created = into;
    }
    await options.checked;
    writing = options.replace;
    if (options.replace) await dropAll(driver, into, target.history);
    await load(driver, reader, header.database, into, header.objects, options.signal);
    return options.replace ? { target, database: into } : { target: targetFor(target, into), database: into };
  } catch (error) {
    if (created && driver) await driver.exec(`DROP DATABASE IF EXISTS ${quoteIdent(created)} SYNC`).catch(() => undefined);
    const why = causeMessage(error).replace(/[.\s]+$/, '');
    if (writing) {
      throw new BbError('apply', `Restore over ${target.ref.id} failed part-way: ${why}. The database may hold part of the backup.`, { hint: 'Fix the cause and run the same bb restore --replace again: it drops what is there first.', code: 'restore.partial', cause: error });
    }
    if (error instanceof BbError) throw error;
    throw new BbError('apply', `Restore of ${target.ref.id} into ${created ?? 'a new database'} failed: ${why}.${created ? ` The new database "${created}" was dropped again.` : ''}`, { hint: 'Fix the cause (the server\'s message above), then run bb restore again.', code: 'restore.failed', cause: error });
  } finally {
    await reader.close();
    await driver?.close();
  }
}

/**
 * --replace: the database's objects are dropped (views first), bb's lock table aside. ClickHouse refuses
 * to drop an object another one depends on (HAVE_DEPENDENT_OBJECTS: a dictionary's source table, a
 * dictionary a column's dictGet default reads): those are dropped in a later round, after their dependents.
 */
async function dropAll(driver: Driver, database: string, history: Target['history']): Promise<void> {
  let left = [...(await objectsOf(driver, database, history))].reverse();
  while (left.length > 0) {
    const refused: ArchivedObject[] = [];
    let last: unknown;
    for (const o of left) {
      try {
        await driver.exec(`DROP ${/^CREATE DICTIONARY/i.test(o.create) ? 'DICTIONARY' : 'TABLE'} IF EXISTS ${qualifiedName(database, o.name)} SYNC`);
      } catch (error) {
        if (!/HAVE_DEPENDENT_OBJECTS/.test(causeMessage(error)) && (error as { type?: string }).type !== 'HAVE_DEPENDENT_OBJECTS') throw error;
        refused.push(o);
        last = error;
      }
    }
    if (refused.length === left.length) throw last;
    left = refused;
  }
}

/** Tables, their rows, then views (so a materialized view does not see the restore's inserts), then views' own rows. */
async function load(driver: Driver, reader: ArchiveReader, from: string, into: string, objects: readonly ArchivedObject[], signal?: AbortSignal): Promise<void> {
  const create = (o: ArchivedObject): Promise<void> => driver.exec(from === into ? o.create : requalify(o.create, from, into));
  for (const o of objects.filter((x) => x.phase === 1)) await create(o);
  let viewsMade = false;
  const makeViews = async (): Promise<void> => {
    if (viewsMade) return;
    viewsMade = true;
    for (const o of objects.filter((x) => x.phase === 2)) await create(o);
  };
  const phase = new Map(objects.map((o) => [o.name, o.phase]));
  let frame = await reader.next();
  while (frame) {
    const object = frame.object;
    if (!phase.has(object)) throw new BbError('usage', `The backup holds rows for "${object}", which its header does not list.`, { hint: 'Restore another backup (bb backups lists them).', code: 'restore.format' });
    if (phase.get(object) === 2) await makeViews();
    // One INSERT per object: its consecutive frames are streamed in as one body.
    let current: typeof frame | undefined = frame;
    let next: typeof frame | undefined;
    async function* rows(): AsyncIterable<Uint8Array> {
      while (current) {
        yield* current.data;
        const after = await reader.next();
        if (after?.object === object) current = after;
        else {
          next = after;
          current = undefined;
        }
      }
    }
    await driver.importNative(qualifiedName(into, object), rows(), signal);
    if (current) throw new BbError('internal', `The insert into ${object} stopped before reading all its rows.`, { hint: 'This is a bug in bb; report it.' });
    frame = next;
  }
  await makeViews();
}
