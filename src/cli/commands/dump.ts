import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { CommandContext, CommandOutput, GlobalOptions } from '../context.js';
import { DEFAULT_HISTORY_TABLE, findEnvironment, selectDatabases } from '../../config/targets.js';
import { connectTarget, discoverTargets, loadDatabase, runContext, type LoadedDatabase } from '../../run/project.js';
import { openConfig } from '../../config/load.js';
import { runTarget, errorInfo, type ErrorInfo } from '../../run/runner.js';
import { BbError } from '../../errors.js';
import type { Session, Target } from '../../engine.js';
import { writeOutput } from '../../util/make-dir.js';

export interface DumpOptions extends GlobalOptions {
  readonly db?: string;
  /** Folder for <database>.sql files; default: print to stdout (with --check/--replay: "schema"). */
  readonly out?: string;
  /** Replay the migrations folder on the embedded engine and compare with the committed file. */
  readonly check?: boolean;
  /** Replay the folder on the embedded engine and write the result (what --check compares against). */
  readonly replay?: boolean;
}

export interface DumpFile {
  readonly database: string;
  /** Where the schema was read: a target id, or "replay/<database>" for the embedded replay. */
  readonly source: string;
  /** The written or compared file, relative to the working folder. */
  readonly file?: string;
  readonly objects: number;
  /** The canonical SQL (named `schema` so JSON output keeps it). */
  readonly schema: string;
  /** --check: same | differs | missing (no committed file) | skipped (no embedded engine) | error. */
  readonly check?: 'same' | 'differs' | 'missing' | 'skipped' | 'error';
  /** --check differs: the first differing line, 1-based, with both sides. */
  readonly firstDifference?: { readonly line: number; readonly committed: string; readonly replayed: string };
  readonly error?: ErrorInfo;
}

export interface DumpReport {
  readonly mode: 'dump' | 'check' | 'replay';
  readonly environment?: string;
  readonly files: readonly DumpFile[];
  /** True when the SQL went to stdout (no --out). */
  readonly stdout: boolean;
}

/**
 * `bb dump --env X [--out DIR]`: the canonical schema of each database as SQL, one file per database
 * (<DIR>/<database>.sql). For a group target the first member is read. `--check` replays each
 * migrations folder on the engine's embedded flavour (PGlite, chdb) and exits 1 when the committed
 * file differs; `--replay` writes that replay instead.
 */
export default async function dump(options: DumpOptions, context: CommandContext): Promise<CommandOutput> {
  // Checked before the config is read: --replay would overwrite the very file --check compares against.
  if (options.check && options.replay) {
    throw new BbError('usage', 'bb dump takes --check or --replay, not both.', { hint: '--check compares the replay with the committed schema file; --replay overwrites that file with the replay.', code: 'usage.conflicting-flags' });
  }
  const config = await openConfig(options, context.cwd);
  const files: DumpFile[] = [];
  if (options.check || options.replay) {
    const dir = resolve(context.cwd, options.out ?? join(relative(context.cwd, config.dir) || '.', 'schema'));
    // {{ placeholders }} in migrations take the values of --env, or of the first environment.
    const varsEnv = options.env !== undefined ? findEnvironment(config, options.env) : config.environments[0];
    for (const dbConfig of selectDatabases(config, options.db)) {
      const db = await loadDatabase(config, dbConfig, varsEnv);
      const file = join(dir, `${dbConfig.name}.sql`);
      const rel = relative(context.cwd, file) || file;
      const scratch = db.engine.embedded?.scratchUrl;
      if (!scratch) {
        files.push({ database: dbConfig.name, source: `replay/${dbConfig.name}`, file: rel, objects: 0, schema: '', check: 'skipped', error: { kind: 'usage', code: 'dump.no-embedded', message: `the ${db.engine.name} engine has no embedded flavour to replay the folder on`, hint: `Compare a live environment instead: bb dump --env <env> --out <dir>, then git diff.` } });
        continue;
      }
      let schema: string;
      let objects: number;
      try {
        ({ schema, objects } = await replay(db, scratch, config.dir, context.signal));
      } catch (error) {
        files.push({ database: dbConfig.name, source: `replay/${dbConfig.name}`, file: rel, objects: 0, schema: '', check: 'error', error: errorInfo(error) });
        continue;
      }
      if (options.replay) {
        await writeOutput(file, schema, '--out folder');
        files.push({ database: dbConfig.name, source: `replay/${dbConfig.name}`, file: rel, objects, schema });
        continue;
      }
      const committed = await readFile(file, 'utf8').catch(() => undefined);
      if (committed === undefined) {
        files.push({ database: dbConfig.name, source: `replay/${dbConfig.name}`, file: rel, objects, schema, check: 'missing' });
        continue;
      }
      const same = committed.replace(/\r\n/g, '\n') === schema;
      files.push({ database: dbConfig.name, source: `replay/${dbConfig.name}`, file: rel, objects, schema, check: same ? 'same' : 'differs', ...(same ? {} : { firstDifference: firstDifference(committed, schema) }) });
    }
    const bad = files.some((f) => f.check === 'differs' || f.check === 'missing' || f.check === 'error');
    return { kind: 'dump', data: { mode: options.check ? 'check' : 'replay', files, stdout: false } satisfies DumpReport, exitCode: bad ? 1 : 0 };
  }

  const env = findEnvironment(config, options.env);
  for (const dbConfig of selectDatabases(config, options.db)) {
    const [dt] = await discoverTargets(config, env, [dbConfig], { signal: context.signal });
    const target = dt?.members[0];
    if (!dt || !target) continue;
    const db = await loadDatabase(config, dbConfig);
    const { schema, objects } = await readSchema(db, target, context.signal);
    let file: string | undefined;
    if (options.out !== undefined) {
      file = join(resolve(context.cwd, options.out), `${dbConfig.name}.sql`);
      await writeOutput(file, schema, '--out folder');
    }
    files.push({ database: dbConfig.name, source: target.ref.id, ...(file ? { file: relative(context.cwd, file) || file } : {}), objects, schema });
  }
  if (files.length === 0) {
    throw new BbError('config', `Environment "${env.name}" has no targets${options.db ? ` for database "${options.db}"` : ''}.`, { hint: `Add targets under environments → ${env.name} → targets in the config.` });
  }
  return { kind: 'dump', data: { mode: 'dump', environment: env.name, files, stdout: options.out === undefined } satisfies DumpReport, exitCode: 0 };
}

async function readSchema(db: LoadedDatabase, target: Target, signal: AbortSignal): Promise<{ schema: string; objects: number }> {
  let session: Session | undefined;
  try {
    // existing: an embedded database that does not exist yet is not created; its error says so.
    session = await connectTarget(db.engine, target, { signal, openTimeoutMs: 30_000, existing: true });
    const snapshot = await session.introspect();
    return { schema: session.dump(snapshot), objects: snapshot.objects.length };
  } finally {
    await session?.close().catch(() => undefined);
  }
}

/** Applies every migration of the folder to a throwaway embedded database and dumps the result. */
async function replay(db: LoadedDatabase, scratchUrl: string, baseDir: string, signal: AbortSignal): Promise<{ schema: string; objects: number }> {
  const tmp = scratchUrl.includes('{tmpdir}') ? await mkdtemp(join(tmpdir(), 'bb-replay-')) : undefined;
  try {
    return await replayIn(db, tmp ? scratchUrl.replace('{tmpdir}', tmp) : scratchUrl, baseDir, signal);
  } finally {
    if (tmp) await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
  }
}

async function replayIn(db: LoadedDatabase, url: string, baseDir: string, signal: AbortSignal): Promise<{ schema: string; objects: number }> {
  const table = db.config.history.table ?? DEFAULT_HISTORY_TABLE;
  const target: Target = {
    ref: { environment: 'replay', database: db.config.name, id: `replay/${db.config.name}`, url },
    engine: db.config.engine,
    url,
    baseDir,
    history: { ...(db.config.history.schema ? { schema: db.config.history.schema } : {}), table, snapshotTable: `${table}_snapshots` },
    session: {},
  };
  const session = await connectTarget(db.engine, target, { signal });
  try {
    const result = await runTarget({
      session, engine: db.engine, dir: db.dir, analysis: db.analysis, allowOutOfOrder: true, lockTimeoutMs: 30_000,
      context: runContext('replay'), onEvent: () => undefined, signal, snapshot: false,
    });
    const failed = result.error ?? result.migrations.find((m) => m.status !== 'done')?.error;
    if (failed) throw new BbError('apply', `Replaying ${db.config.name} on the embedded engine failed: ${failed.message}`, { ...(failed.hint ? { hint: failed.hint } : {}), code: 'dump.replay-failed' });
    const snapshot = await session.introspect();
    return { schema: session.dump(snapshot), objects: snapshot.objects.length };
  } finally {
    await session.close().catch(() => undefined);
  }
}

/**
 * The first line where the committed file and the replayed dump differ. A file's final newline ends
 * its last line, it does not start an empty one: a line added at the end reads "(end of file)" on the
 * other side, not as an empty line, and files that differ only in that newline say so.
 */
export function firstDifference(committed: string, replayed: string): { line: number; committed: string; replayed: string } {
  const a = lines(committed.replace(/\r\n/g, '\n'));
  const b = lines(replayed);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) {
    const end = (text: string): string => (text.endsWith('\n') ? '(newline at end of file)' : '(no newline at end of file)');
    return { line: Math.max(i, 1), committed: end(committed), replayed: end(replayed) };
  }
  return { line: i + 1, committed: a[i] ?? '(end of file)', replayed: b[i] ?? '(end of file)' };
}

function lines(text: string): string[] {
  const out = text.split('\n');
  if (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}
