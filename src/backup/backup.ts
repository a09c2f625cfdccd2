/**
 * bb backup / backups / restore as functions of data. The engine's tool writes the file
 * (DataTasks.backup); this module names it, writes the manifest beside it (engine, server version,
 * redacted target, latest applied version, size, SHA-256, duration), lists manifests, and on restore
 * checks the checksum and the engine before the tool runs.
 */
import { existsSync } from 'node:fs';
import { open, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import type { Config, EnvironmentConfig } from '../config/model.js';
import { findEnvironment, resolveTargetsDiscovering, selectDatabases } from '../config/targets.js';
import { checkTargetUrl, connectTarget, loadEngine, type DataTasks, type Engine, type Session, type Target } from '../engine.js';
import { BbError, causeMessage, interruptedBy } from '../errors.js';
import { latestApplied } from '../migrations/version.js';
import { whoAmI } from '../query/audit.js';
import { makeDir } from '../util/make-dir.js';
import { loadManifest, MANIFEST_FORMAT, type BackupManifest } from './manifest.js';

export { MANIFEST_FORMAT, type BackupManifest } from './manifest.js';

export interface BackupReport {
  readonly environment: string;
  readonly dir: string;
  readonly backups: readonly BackupManifest[];
  readonly errors: readonly { readonly target: string; readonly message: string; readonly hint?: string; readonly kind: string; readonly code: string }[];
}

type BackupTasks = DataTasks & Required<Pick<DataTasks, 'backup' | 'restore'>>;

/** The engine's backup and restore; refused, before any connection, for an engine without them. */
async function tasksOf(engine: Engine): Promise<BackupTasks> {
  const tasks = await engine.dataTasks?.();
  if (!tasks?.backup || !tasks.restore) throw new BbError('usage', `bb backup and restore are not available for the ${engine.name} engine yet.`, { hint: tasks?.backupHint ?? 'Use the database\'s own backup tooling for this engine.', code: 'backup.unsupported' });
  return tasks as BackupTasks;
}

/**
 * SHA-256 of a file, read through two reused buffers (a stream allocates per chunk: ~3× slower): the
 * next chunk is read while this one is hashed (15 MB: ~10 ms instead of ~14). node:crypto loads here,
 * after the tool has started, not before it.
 */
export async function sha256File(path: string): Promise<string> {
  const { createHash } = await import('node:crypto');
  const hash = createHash('sha256');
  const file = await open(path, 'r');
  try {
    let [next, spare] = [Buffer.allocUnsafe(1 << 20), Buffer.allocUnsafe(1 << 20)];
    let reading = file.read(next, 0, next.length, null);
    for (;;) {
      const { bytesRead, buffer } = await reading;
      if (bytesRead === 0) break;
      [next, spare] = [spare, next];
      reading = file.read(next, 0, next.length, null);
      hash.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    await file.close();
  }
  return hash.digest('hex');
}

/** fdatasync(2) of a finished file: its data on disk before bb names it as a backup. */
async function syncFile(path: string): Promise<void> {
  const file = await open(path, 'r');
  try {
    await file.datasync();
  } finally {
    await file.close();
  }
}

const stamp = (d: Date): string => d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
const safe = (s: string): string => s.replace(/[^A-Za-z0-9_.-]+/g, '_');

/**
 * `stem`, or `stem-2`, `stem-3` …: two backups of a target within one second (two bb processes, a cron
 * job and a person) must not share a name. The name is taken by creating `<id>.partial` exclusively,
 * where the tool then writes; an id whose backup file is already there (renamed from its .partial,
 * its manifest not written yet) is not taken either.
 */
async function reserveId(dir: string, stem: string): Promise<string> {
  for (let n = 1; ; n++) {
    const id = n === 1 ? stem : `${stem}-${n}`;
    if (existsSync(join(dir, `${id}.manifest.json`))) continue;
    try {
      await (await open(join(dir, `${id}.partial`), 'wx')).close();
    } catch (error) {
      if ((error as { code?: unknown }).code === 'EEXIST') continue;
      throw error;
    }
    if ((await readdir(dir)).some((f) => f.startsWith(`${id}.`) && f !== `${id}.partial`)) {
      await unlink(join(dir, `${id}.partial`));
      continue;
    }
    return id;
  }
}

/**
 * The server's version and the latest applied version, read in a session of bb's own (closed after).
 * An embedded database that does not exist yet is not created to be backed up: connect.not-created.
 */
async function targetFacts(engine: Engine, target: Target, signal: AbortSignal): Promise<{ serverVersion: string; version: string | undefined }> {
  const session = await connectTarget(engine, target, { signal, existing: true });
  try {
    return { serverVersion: session.serverVersion, version: latestApplied(await session.history.read()) };
  } finally {
    await session.close();
  }
}

/** Backs up one target: the tool's file, then the manifest. Files are written under a temporary name first. */
export async function backupTarget(engine: Engine, target: Target, dir: string, signal?: AbortSignal): Promise<BackupManifest> {
  const tasks = await tasksOf(engine);
  // The tool gets the URL too: a URL of another engine's scheme must stop before it runs.
  checkTargetUrl(engine, target);
  const started = performance.now();
  await makeDir(dir);
  const created = new Date();
  const id = await reserveId(dir, safe(`${target.ref.environment}-${target.ref.database}${target.ref.member ? `-${target.ref.member}` : ''}-${stamp(created)}`));
  const partial = join(dir, `${id}.partial`);
  // The tool and bb's session run side by side (DataTasks.backup says how an engine waits for the
  // session); when bb cannot connect, the tool is stopped and the connection error is the one reported.
  const stop = new AbortController();
  const either = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
  // The session starts on the next turn of the event loop: loading the driver (~10 ms) would
  // otherwise run before the tool's spawn, which an engine reaches within this turn.
  let settleServer!: { resolve: (version: string) => void; reject: (error: unknown) => void };
  const server = new Promise<string>((resolve, reject) => (settleServer = { resolve, reject }));
  server.catch(() => stop.abort()); // the error itself is reported below, through facts
  const dumped = tasks.backup(target, partial, { serverVersion: server, signal: either });
  const facts = new Promise((next) => setImmediate(next)).then(() => targetFacts(engine, target, either));
  facts.then((f) => settleServer.resolve(f.serverVersion), settleServer.reject);
  const [read, ran] = await Promise.allSettled([facts, dumped]);
  if (read.status === 'rejected' || ran.status === 'rejected') {
    await unlink(partial).catch(() => undefined);
    throw read.status === 'rejected' ? read.reason : (ran as PromiseRejectedResult).reason;
  }
  const { serverVersion, version } = read.value;
  const result = ran.value;
  const file = `${id}.${result.format}`;
  // bb, not the tool, puts the file on disk (pg_dump runs with --no-sync): the sync's disk writes and
  // the hash's reads from the page cache overlap instead of following each other (~10 ms of a 15 MB
  // dump), and every engine's backup is on disk before it gets its final name and its manifest.
  const [sha256] = await Promise.all([sha256File(partial), syncFile(partial)]);
  await rename(partial, join(dir, file));
  const size = (await stat(join(dir, file))).size;
  const by = whoAmI();
  const manifest: BackupManifest = {
    format: MANIFEST_FORMAT, id, engine: engine.name, serverVersion, tool: result.tool,
    target: { id: target.ref.id, environment: target.ref.environment, database: target.ref.database, ...(target.ref.member ? { member: target.ref.member } : {}), url: target.ref.url },
    ...(version ? { version } : {}),
    file, size, sha256, durationMs: Math.round(performance.now() - started),
    createdAt: created.toISOString(), by: `${by.user}@${by.host}`,
  };
  await writeFile(join(dir, `${id}.manifest.json`), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** What to do when the backups folder could not be written (a full disk, a read-only or forbidden folder). */
function writeHint(error: unknown, dir: string): { hint: string } | Record<string, never> {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return { hint: `The disk of ${dir} is full: free space there, or back up to another folder with --out.` };
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return { hint: `bb cannot write to ${dir}: back up to another folder with --out (or set backups.dir in the config).` };
  return {};
}

/** bb backup: every target of the environment (for --db, or all databases); errors stay per target. */
export async function runBackup(input: { config: Config; env?: string | undefined; db?: string | undefined; out?: string | undefined; cwd: string; signal?: AbortSignal; onTarget?: (id: string) => void; only?: ReadonlySet<string> }): Promise<BackupReport> {
  const env = findEnvironment(input.config, input.env);
  const dir = input.out ? resolve(input.cwd, input.out) : input.config.backupsDir;
  const backups: BackupManifest[] = [];
  const errors: { target: string; message: string; hint?: string; kind: string; code: string }[] = [];
  const dts = await resolveTargetsDiscovering(input.config, env, selectDatabases(input.config, input.db), input.signal ? { signal: input.signal } : {});
  if (dts.length === 0) throw new BbError('config', `Environment "${env.name}" has no targets${input.db ? ` for database "${input.db}"` : ''}.`, { hint: `Add targets under environments → ${env.name} → targets.`, code: 'config.no-target' });
  for (const dt of dts) {
    const engine = await loadEngine(dt.database.engine);
    for (const target of dt.members) {
      if (input.only && !input.only.has(target.ref.id)) continue;
      // After a Ctrl-C no further tool is started against another server: the rest are listed as not backed up.
      const by = interruptedBy(input.signal);
      if (by) {
        errors.push({ target: target.ref.id, kind: 'interrupted', code: 'backup.interrupted', message: `Not backed up: bb was stopped by ${by} before it got to ${target.ref.id}.` });
        continue;
      }
      input.onTarget?.(target.ref.id);
      try {
        backups.push(await backupTarget(engine, target, dir, input.signal));
      } catch (error) {
        const e = error instanceof BbError ? error : new BbError('apply', `Backup of ${target.ref.id} failed: ${causeMessage(error)}`, writeHint(error, dir));
        errors.push({ target: target.ref.id, kind: e.kind, code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}) });
      }
    }
  }
  return { environment: env.name, dir, backups, errors };
}

/**
 * `backup: before-migrate`: backs up the targets bb migrate is about to change (ids in `pending`;
 * nothing when it is empty) and throws when any backup fails, so migrate stops before writing. Does
 * nothing on other environments.
 */
export async function backupBeforeMigrate(config: Config, env: EnvironmentConfig, pending: ReadonlySet<string>, options: { signal?: AbortSignal; onTarget?: (id: string) => void } = {}): Promise<readonly BackupManifest[]> {
  if (env.backup !== 'before-migrate' || pending.size === 0) return [];
  const report = await runBackup({ config, env: env.name, cwd: config.dir, only: pending, db: undefined, out: undefined, ...(options.signal ? { signal: options.signal } : {}), ...(options.onTarget ? { onTarget: options.onTarget } : {}) });
  // An embedded database that does not exist yet has nothing to lose: bb migrate creates it.
  const failed = report.errors.filter((e) => e.code !== 'connect.not-created');
  if (failed.length > 0) {
    throw new BbError('apply', `Backup before migrate failed on ${failed.map((f) => f.target).join(', ')} (backup: before-migrate on ${env.name}): ${failed[0]!.message} Nothing was migrated.`, {
      hint: failed[0]!.hint ?? 'Fix the backup (bb backup --env ' + env.name + '), then run bb migrate again.',
      code: 'backup.before-migrate',
    });
  }
  return report.backups;
}

/** A `*.manifest.json` in the backups folder that bb backups could not read, and why. */
export interface UnreadableManifest { readonly file: string; readonly message: string }

/** A `<id>.partial` file: a backup bb backup did not finish (stopped by SIGKILL, a crash, a full disk), or is still writing. */
export interface UnfinishedBackup { readonly file: string; readonly size: number }

/**
 * bb backups: the manifests in the folder, newest first, the `*.manifest.json` files that are not
 * readable manifests (invalid JSON, another format, a key missing or of the wrong type) with the
 * reason, and the unfinished `*.partial` files; those two are reported whatever the filter, since
 * their environment and database are unknown.
 * A folder that does not exist lists nothing.
 */
export async function listBackups(dir: string, filter: { env?: string | undefined; db?: string | undefined } = {}): Promise<{ backups: BackupManifest[]; unreadable: UnreadableManifest[]; unfinished: UnfinishedBackup[] }> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return { backups: [], unreadable: [], unfinished: [] };
  }
  // bb backup writes under <id>.partial and renames when done: one left behind takes disk space unseen.
  const unfinished: UnfinishedBackup[] = [];
  for (const name of names.filter((n) => n.endsWith('.partial')).sort()) {
    const size = await stat(join(dir, name)).then((st) => (st.isFile() ? st.size : undefined), () => undefined);
    if (size !== undefined) unfinished.push({ file: join(dir, name), size });
  }
  const backups: BackupManifest[] = [];
  const unreadable: UnreadableManifest[] = [];
  for (const name of names.filter((n) => n.endsWith('.manifest.json')).sort()) {
    const path = join(dir, name);
    try {
      const m = await loadManifest(path);
      if (filter.env && m.target.environment !== filter.env) continue;
      if (filter.db && m.target.database !== filter.db) continue;
      backups.push(m);
    } catch (error) {
      // Removed since readdir: nothing to report.
      if ((error as { code?: unknown }).code === 'ENOENT') continue;
      unreadable.push({ file: path, message: error instanceof BbError ? error.message : causeMessage(error) });
    }
  }
  backups.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  return { backups, unreadable, unfinished };
}

/** --from: a manifest path, a backup file path, or a backup id in the backups folder. */
export async function readManifest(from: string, dir: string, cwd: string): Promise<{ manifest: BackupManifest; dir: string }> {
  const candidates = [
    resolve(cwd, from),
    resolve(cwd, from.replace(/\.[a-z]+$/, '') + '.manifest.json'),
    join(dir, `${from}.manifest.json`),
  ].map((p) => (p.endsWith('.manifest.json') ? p : `${p.replace(/\.[a-z]+$/, '')}.manifest.json`));
  for (const path of [...new Set(candidates)]) {
    try {
      return { manifest: await loadManifest(path), dir: dirname(path) };
    } catch (error) {
      // Only a manifest that is not there sends bb on to the next place; one that is there but
      // unreadable or invalid is the answer (a "No backup" would send the user looking elsewhere).
      if (error instanceof BbError) throw error;
    }
  }
  throw new BbError('usage', `No backup "${from}" (looked for its manifest in ${isAbsolute(from) ? dirname(from) : `${cwd} and ${dir}`}).`, { hint: 'bb backups lists the backups; pass an id, a manifest or a backup file.', code: 'restore.not-found' });
}

export interface RestoreReport {
  readonly backup: string;
  readonly target: string;
  /** The database (or folder) restored into. */
  readonly database: string;
  readonly replaced: boolean;
  /** The redacted URL of the restored database. */
  readonly url: string;
  /** The version the manifest recorded, and the one the restored history shows. */
  readonly manifestVersion?: string;
  readonly restoredVersion?: string;
  readonly durationMs: number;
}

/**
 * --into and --replace name two different databases to restore into: both together is a usage error
 * (code `usage.restore-mode`), thrown before anything is read or sent to a database.
 */
export function checkRestoreMode(input: { into?: string | undefined; replace?: boolean | undefined }): void {
  if (input.into === undefined || !input.replace) return;
  throw new BbError('usage', `--into ${input.into} and --replace cannot be used together: --into restores into a new database, --replace over the target itself.`, {
    hint: 'Leave out --replace to restore into the new database, or --into to restore over the target.',
    code: 'usage.restore-mode',
  });
}

/**
 * bb restore: checks the checksum and engine, then restores into a new database (`into`, or
 * <database>_restored_<stamp>) or, with `replace`, over the target. Confirmation for protected
 * environments is the command's job.
 */
export async function runRestore(input: { config: Config; env?: string | undefined; db?: string | undefined; from: string; into?: string | undefined; replace: boolean; cwd: string; signal?: AbortSignal }): Promise<RestoreReport> {
  const started = performance.now();
  checkRestoreMode(input);
  const env = findEnvironment(input.config, input.env);
  const { manifest, dir } = await readManifest(input.from, input.config.backupsDir, input.cwd);
  const dbName = input.db ?? manifest.target.database;
  const [db] = selectDatabases(input.config, dbName);
  if (db!.engine !== manifest.engine) {
    throw new BbError('usage', `Backup ${manifest.id} is a ${manifest.engine} backup; database "${db!.name}" is ${db!.engine}.`, { hint: 'Restore it into a database of the same engine.', code: 'restore.engine' });
  }
  // A backup of another database of the config never replaces this one: its tables would join this
  // database's and its history would replace this one's. --db naming another database is for a backup
  // whose database is no longer in the config (renamed), or for --into.
  if (input.replace && db!.name !== manifest.target.database && input.config.databases.has(manifest.target.database)) {
    throw new BbError('usage', `Backup ${manifest.id} is of database "${manifest.target.database}"; --replace would put it over database "${db!.name}".`, {
      hint: `Restore it over "${manifest.target.database}" (leave out --db), or into a new database with --into NAME.`,
      code: 'restore.database',
    });
  }
  const [dt] = await resolveTargetsDiscovering(input.config, env, [db!], input.signal ? { signal: input.signal } : {});
  // The backup's own member of a group; another member's database is never replaced by it.
  const same = dt?.members.find((m) => m.ref.member === manifest.target.member);
  if (input.replace && !same && manifest.target.member !== undefined) {
    throw new BbError('usage', `Backup ${manifest.id} is of ${manifest.target.id}; environment "${env.name}" has no member ${manifest.target.member} of database "${db!.name}" to replace.`, { hint: 'Restore it into a new database (--into NAME), or pick the environment that has that member with --env.', code: 'restore.member' });
  }
  const target = same ?? dt?.members[0];
  if (!target) throw new BbError('config', `Environment "${env.name}" has no target for database "${db!.name}".`, { hint: 'Pick the environment to restore into with --env.', code: 'config.no-target' });
  if (input.replace && env.readonly) throw new BbError('usage', `Environment "${env.name}" is read-only (readonly: true in the config).`, { hint: 'Restore into a new database instead (leave out --replace).', code: 'usage.readonly' });
  const file = join(dir, manifest.file);
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    throw new BbError('usage', `The backup file ${file} of ${manifest.id} is missing.`, { hint: 'Keep each backup beside its manifest.', code: 'restore.missing-file' });
  }
  // The checksum is computed while the engine gets ready (connection, tool, new database); the engine
  // starts its tool only once it matched (DataTasks.restore's `checked`).
  const mismatch = (sha: string): BbError => new BbError('checksum', `Backup ${manifest.id} does not match its manifest (sha256 ${sha.slice(0, 12)}…, ${size} bytes; recorded ${manifest.sha256.slice(0, 12)}…, ${manifest.size} bytes): the file was changed or truncated. Nothing was restored.`, {
    hint: 'Restore another backup (bb backups lists them).',
    code: 'restore.checksum',
  });
  const engine = await loadEngine(db!.engine);
  const tasks = await tasksOf(engine);
  checkTargetUrl(engine, target);
  // Started only now: hashing takes the main thread in turns, and loading the engine's modules first
  // lets its connection and CREATE DATABASE (server time) overlap the hashing.
  const checked = sha256File(file).then((sha) => {
    if (sha !== manifest.sha256 || size !== manifest.size) throw mismatch(sha);
  });
  checked.catch(() => undefined); // awaited by the engine; a rejection before then is not unhandled
  const into = input.replace ? undefined : (input.into ?? safe(`${basename(manifest.target.database)}_restored_${stamp(new Date()).toLowerCase()}`));
  const connectOptions = input.signal ? { signal: input.signal } : {};
  // The session that reads the restored version connects while the tool runs (ready), not after it.
  let early: Promise<Session> | undefined;
  const ready = (t: Target): void => {
    early = connectTarget(engine, t, connectOptions);
    early.catch(() => undefined);
  };
  let restored: { target: Target; database: string };
  try {
    restored = await tasks.restore(target, file, { replace: input.replace, format: manifest.file.split('.').pop() ?? '', checked, ready, ...(into ? { into } : {}), ...(input.signal ? { signal: input.signal } : {}) });
  } catch (error) {
    await early?.then((s) => s.close(), () => undefined);
    // A mismatch is reported as such even when the engine failed first for another reason.
    await checked;
    throw error;
  }
  const versionIn = async (session: Session): Promise<string | undefined> => {
    try {
      return latestApplied(await session.history.read());
    } finally {
      await session.close().catch(() => undefined);
    }
  };
  const fresh = async (): Promise<string | undefined> => versionIn(await connectTarget(engine, restored.target, connectOptions));
  // The early session sat idle through the whole restore: an idle timeout may have closed it since.
  const restoredVersion = early ? await early.then(versionIn).catch(fresh) : await fresh();
  return {
    backup: manifest.id, target: target.ref.id, database: restored.database, replaced: input.replace, url: restored.target.ref.url,
    ...(manifest.version ? { manifestVersion: manifest.version } : {}), ...(restoredVersion ? { restoredVersion } : {}),
    durationMs: Math.round(performance.now() - started),
  };
}
