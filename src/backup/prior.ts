/**
 * Prior backup of data changes. Before an UPDATE or DELETE in a migration (every one on a database
 * with `priorBackup`, or one with `-- bb:backup` just before it), the rows it will touch (same table,
 * same WHERE) are copied into bb_backup.<version>_<n>_<table> (MySQL: bb_backup_<database>.…), on the session that runs the statement
 * (inside the migration's transaction where the engine has one), and listed in bb_backup.bb_prior_backups
 * with the schema the table resolved to then: a migration's SET search_path / USE moves the table
 * read, never where the copies and the ledger go (bb_backup, or beside the session's default database).
 * `bb rollback --data <version>` puts them back: deleted rows re-inserted, updated rows restored by
 * primary key.
 *
 * Checked before anything runs (RunHooks.beforeSteps): a statement bb cannot analyse, a table without a
 * primary key, or more rows than priorBackup.maxRows (default 100,000) refuses the target with the reason.
 */
import type { DatabaseConfig } from '../config/model.js';
import type { DataChange, DataTasks, Engine, RawStatement, RunContext, Session } from '../engine.js';
import { BbError, causeMessage } from '../errors.js';
import type { Analysis } from '../plan/analysis.js';
import type { PlanStep, TargetPlan } from '../plan/plan.js';
import type { RunHooks } from '../run/runner.js';

export const LEDGER = 'bb_prior_backups';

/** Data tasks with what prior backup needs (an engine may leave those out: prior backup is refused there). */
type PriorTasks = DataTasks & Required<Pick<DataTasks, 'dataChange' | 'primaryKey' | 'tableSchema' | 'backupSchema' | 'updateFrom'>>;
const canBackUp = (tasks: DataTasks | undefined): tasks is PriorTasks => !!(tasks?.dataChange && tasks.primaryKey && tasks.tableSchema && tasks.backupSchema && tasks.updateFrom);
const elsewhere = (tasks: DataTasks | undefined): string => (tasks?.backupHint ? ` ${tasks.backupHint}` : '');
export const DEFAULT_MAX_ROWS = 100_000;

/** Does this statement get a prior backup? (UPDATE/DELETE on a priorBackup database, or `-- bb:backup`.) */
export function wantsBackup(stmt: RawStatement, db: Pick<DatabaseConfig, 'priorBackup'>): boolean {
  const directive = stmt.comments.some((c) => /^\s*--\s*bb:backup\b/i.test(c) || /^\s*\/\*\s*bb:backup\b/i.test(c));
  if (!directive && !db.priorBackup) return false;
  return /^\s*(UPDATE|DELETE)\b/i.test(stmt.text.replace(/^(\s*--[^\n]*\n|\s*\/\*[\s\S]*?\*\/)*/, ''));
}

/** The engines' identifier limit (PostgreSQL's; MySQL's is 64): a longer copy name is cut to it. */
export const BACKUP_NAME_LIMIT = 63;

/** bb_backup.<version>_<n>_<table>, cut to the engines' 63-character identifier limit. */
export function backupTableName(version: string, n: number, table: string): string {
  return `${version}_${n}_${table}`.replace(/[^A-Za-z0-9_]/g, '_').slice(0, BACKUP_NAME_LIMIT);
}

/**
 * The tables a relation may be bb's prior-backup copy of: for `bb_backup."0002_1_users"` (MySQL:
 * `bb_backup_<database>`), `users`. Every reading of the name counts (`1_2_1_users` is version 1_2's
 * copy of `users` or version 1's of `1_users`), so masks keyed by the original name reach the copy;
 * a name cut at 63 characters keeps only what is left. Empty for anything else.
 */
export function backupCopyOf(relation: { readonly schema?: string | undefined; readonly table: string }): string[] {
  if (relation.schema !== undefined && !/^bb_backup(?:_|$)/i.test(relation.schema)) return [];
  const parts = relation.table.split('_');
  const out: string[] = [];
  // parts[0..k) is the version, parts[k] the statement number, the rest the table.
  for (let k = 1; k + 1 < parts.length && /^\d+$/.test(parts[k - 1]!); k++) {
    if (/^\d+$/.test(parts[k]!) && parts.slice(k + 1).join('_') !== '') out.push(parts.slice(k + 1).join('_'));
  }
  return out;
}

interface Analysed { readonly stmt: RawStatement; readonly change: Extract<DataChange, { kind: string }> }

async function analyse(engine: Engine, tasks: PriorTasks, path: string, stmt: RawStatement): Promise<Analysed> {
  const parsed = await engine.parse(stmt);
  const change = await tasks.dataChange(parsed);
  if (!change) throw new BbError('apply', `${path}:${stmt.span.line}: prior backup cannot read this statement as an UPDATE or DELETE${parsed.error ? ` (${parsed.error})` : ''}.`, { hint: 'Simplify the statement, or remove -- bb:backup / priorBackup for it.', code: 'prior-backup.refused' });
  if ('refused' in change) throw new BbError('apply', `${path}:${stmt.span.line}: prior backup refused: ${change.refused}.`, { hint: 'Write the change as UPDATE/DELETE on one table with a WHERE, or back the rows up yourself and remove -- bb:backup / priorBackup.', code: 'prior-backup.refused' });
  return { stmt, change };
}

const qualified = (tasks: DataTasks, t: { schema?: string; name: string }): string => (t.schema ? `${tasks.quote(t.schema)}.${tasks.quote(t.name)}` : tasks.quote(t.name));
const fromClause = (tasks: DataTasks, c: Analysed['change']): string => `${qualified(tasks, c.table)}${c.alias ? ` AS ${tasks.quote(c.alias)}` : ''}${c.where ? ` WHERE ${c.where}` : ''}`;

/**
 * The runner hooks for one database, or undefined when no pending statement can need a backup.
 * Lead wiring (src/cli/commands/migrate.ts, in runTarget's input): `hooks: await priorBackupHooks(p.db.config, p.db.engine, p.db.analysis)`.
 */
export async function priorBackupHooks(db: DatabaseConfig, engine: Engine, analysis: Analysis): Promise<RunHooks | undefined> {
  const any = [...analysis.values()].some((f) => f.statements.some((s) => wantsBackup(s, db)));
  if (!any) return undefined;
  const tasks = await engine.dataTasks?.();
  const maxRows = db.priorBackup?.maxRows ?? DEFAULT_MAX_ROWS;
  const statementsOf = (step: PlanStep): readonly RawStatement[] => analysis.get(step.file.key)?.statements ?? [];
  const candidates = (step: PlanStep): RawStatement[] => statementsOf(step).filter((s) => s.index >= step.fromStatement && wantsBackup(s, db));
  // After a SET search_path / USE earlier in its file, an unqualified name resolves where that put
  // the session, which is not known before the file runs.
  const movedBefore = (step: PlanStep, stmt: RawStatement): boolean => statementsOf(step).some((s) => s.index < stmt.index && !!engine.capabilities.sessionState?.(s));
  return {
    async beforeSteps(session: Session, plan: TargetPlan) {
      for (const step of plan.steps) {
        const wanted = candidates(step);
        if (wanted.length === 0) continue;
        if (!canBackUp(tasks)) throw new BbError('apply', `${step.file.path}: prior backup is not available for the ${engine.name} engine.`, { hint: `Remove -- bb:backup / priorBackup for this database.${elsewhere(tasks)}`, code: 'prior-backup.unsupported' });
        for (const stmt of wanted) {
          const { change } = await analyse(engine, tasks, step.file.path, stmt);
          if (change.table.schema === undefined && movedBefore(step, stmt)) continue; // checked when it runs
          const columns = await tasks.tableColumns(session, change.table);
          if (columns.length === 0) continue; // created by an earlier statement of this run: checked when it runs
          await checkTable(session, tasks, step.file.path, stmt, change, maxRows);
        }
      }
    },
    async beforeStatement(session: Session, step: PlanStep, index: number) {
      const stmt = analysis.get(step.file.key)?.statements[index];
      if (!stmt || !wantsBackup(stmt, db) || !canBackUp(tasks)) return;
      const { change } = await analyse(engine, tasks, step.file.path, stmt);
      const keys = await checkTable(session, tasks, step.file.path, stmt, change, maxRows);
      // The table the statement changes, resolved now (after any SET search_path / USE before it), so
      // that bb rollback --data, on a session in the default schema, puts the rows back there.
      const sourceSchema = (await tasks.tableSchema(session, change.table)) ?? null;
      const name = backupTableName(step.file.key, index + 1, change.table.name);
      const schema = await tasks.backupSchema(session);
      const table = `${tasks.quote(schema)}.${tasks.quote(name)}`;
      const ledger = `${tasks.quote(schema)}.${tasks.quote(LEDGER)}`;
      await session.execute(`CREATE TABLE IF NOT EXISTS ${ledger} (version varchar(200) NOT NULL, statement int NOT NULL, kind varchar(10) NOT NULL, source_schema varchar(200), source_table varchar(200) NOT NULL, backup_table varchar(200) NOT NULL, key_columns text NOT NULL, row_count bigint NOT NULL, created_at varchar(40) NOT NULL, restored_at varchar(40), restored_by varchar(400))`);
      await session.execute(`DROP TABLE IF EXISTS ${table}`);
      const star = change.alias ? `${tasks.quote(change.alias)}.*` : '*';
      await session.execute(`CREATE TABLE ${table} AS SELECT ${star} FROM ${fromClause(tasks, change)}`);
      const [count] = await session.query<{ n: number | string }>(`SELECT count(*) AS n FROM ${table}`);
      const rows = Number(count?.n ?? 0);
      if (rows > maxRows) {
        throw new BbError('apply', `${step.file.path}:${stmt.span.line}: prior backup refused: the ${change.kind.toUpperCase()} touches ${rows} rows of ${change.table.name}, more than priorBackup.maxRows (${maxRows}).`, { hint: 'Raise priorBackup.maxRows, split the change, or back it up yourself.', code: 'prior-backup.too-many-rows' });
      }
      const p = (n: number): string => tasks.placeholder(n);
      await session.query(`DELETE FROM ${ledger} WHERE version = ${p(1)} AND statement = ${p(2)}`, [step.file.key, index + 1]);
      await session.query(
        `INSERT INTO ${ledger} (version, statement, kind, source_schema, source_table, backup_table, key_columns, row_count, created_at) VALUES (${[1, 2, 3, 4, 5, 6, 7, 8, 9].map(p).join(', ')})`,
        [step.file.key, index + 1, change.kind, sourceSchema, change.table.name, name, keys.join(','), rows, new Date().toISOString()],
      );
    },
  };
}

/** Primary key present and row count within the limit; returns the key columns. */
async function checkTable(session: Session, tasks: PriorTasks, path: string, stmt: RawStatement, change: Analysed['change'], maxRows: number): Promise<readonly string[]> {
  const keys = await tasks.primaryKey(session, change.table);
  if (keys.length === 0) {
    throw new BbError('apply', `${path}:${stmt.span.line}: prior backup refused: table ${change.table.name} has no primary key, so its rows could not be put back.`, { hint: 'Add a primary key first, or remove -- bb:backup / priorBackup for this statement.', code: 'prior-backup.no-primary-key' });
  }
  let rows: number;
  try {
    const [count] = await session.query<{ n: number | string }>(`SELECT count(*) AS n FROM ${fromClause(tasks, change)}`);
    rows = Number(count?.n ?? 0);
  } catch (error) {
    throw new BbError('apply', `${path}:${stmt.span.line}: prior backup could not count the rows the ${change.kind.toUpperCase()} touches: ${causeMessage(error)}.`, { hint: 'Check the statement\'s WHERE clause.', code: 'prior-backup.count' });
  }
  if (rows > maxRows) {
    throw new BbError('apply', `${path}:${stmt.span.line}: prior backup refused: the ${change.kind.toUpperCase()} would back up ${rows} rows of ${change.table.name}, more than priorBackup.maxRows (${maxRows}).`, { hint: 'Raise priorBackup.maxRows, split the change, or back it up yourself.', code: 'prior-backup.too-many-rows' });
  }
  return keys;
}

export interface DataRollback {
  readonly version: string;
  /** Newest statement first; with `dryRun`, what would be put back. backupTable is qualified: bb_backup.<version>_<n>_<table>. */
  readonly restored: readonly { readonly table: string; readonly backupTable: string; readonly kind: string; readonly rows: number }[];
}

/**
 * bb rollback --data <version>: puts back the rows the version's UPDATE/DELETE statements changed,
 * newest statement first, in one transaction; marks the backups restored and notes it on the
 * version's history row. Every copy the ledger lists must still be there before anything is put back.
 * With `dryRun`, the same reads and checks (the same errors), and nothing written.
 */
export async function rollbackData(session: Session, engine: Engine, version: string, context: RunContext, options: { readonly dryRun?: boolean } = {}): Promise<DataRollback> {
  const tasks = await engine.dataTasks?.();
  if (!canBackUp(tasks)) throw new BbError('usage', `bb rollback --data is not available for the ${engine.name} engine.`, { hint: `Restore the rows by hand.${elsewhere(tasks)}`, code: 'prior-backup.unsupported' });
  // Not created when missing: with no backup schema there is no prior backup, and nothing to make.
  const schema = await tasks.backupSchema(session, { create: false });
  const ledger = `${tasks.quote(schema)}.${tasks.quote(LEDGER)}`;
  const p = (n: number): string => tasks.placeholder(n);
  let entries: { statement: number; kind: string; source_schema: string | null; source_table: string; backup_table: string; key_columns: string; row_count: number | string }[];
  try {
    entries = [...(await session.query<(typeof entries)[number]>(`SELECT statement, kind, source_schema, source_table, backup_table, key_columns, row_count FROM ${ledger} WHERE version = ${p(1)} AND restored_at IS NULL`, [version]))];
  } catch (error) {
    throw new BbError('usage', `No prior backups on ${session.target.id} (${schema}.${LEDGER} cannot be read: ${causeMessage(error).split('\n')[0]}).`, { hint: 'Prior backups exist only for UPDATE/DELETE applied with priorBackup: true or -- bb:backup.', code: 'prior-backup.none' });
  }
  if (entries.length === 0) {
    throw new BbError('usage', `No prior backup of version ${version} on ${session.target.id} left to restore.`, { hint: 'Prior backups exist only for UPDATE/DELETE applied with priorBackup: true or -- bb:backup; each is restored once.', code: 'prior-backup.none' });
  }
  entries.sort((a, b) => Number(b.statement) - Number(a.statement));
  // A copy dropped by hand since: put back all of the version's statements or none.
  const gone: typeof entries = [];
  for (const e of entries) if ((await tasks.tableColumns(session, { schema, name: e.backup_table })).length === 0) gone.push(e);
  if (gone.length > 0) {
    throw new BbError('history', `The prior backup of ${gone.map((e) => `${version} statement ${e.statement} (${schema}.${e.backup_table})`).join(', ')} is no longer on ${session.target.id}, though ${schema}.${LEDGER} lists it; nothing was put back.`, {
      hint: `Put the rows of ${[...new Set(gone.map((e) => e.source_table))].join(', ')} back by hand (bb restore from a full backup), or restore the copy into ${schema}.`,
      code: 'prior-backup.missing',
    });
  }
  const planned = entries.map((e) => ({ table: e.source_table, backupTable: `${schema}.${e.backup_table}`, kind: e.kind, rows: Number(e.row_count) }));
  if (options.dryRun) return { version, restored: planned };
  await session.transaction(async (tx) => {
    for (const e of entries) {
      const source = { ...(e.source_schema ? { schema: e.source_schema } : {}), name: e.source_table };
      const target = qualified(tasks, source);
      const backup = `${tasks.quote(schema)}.${tasks.quote(e.backup_table)}`;
      const keys = e.key_columns.split(',').filter(Boolean);
      const columns = await tasks.tableColumns(tx, source);
      const cols = columns.map((c) => tasks.quote(c)).join(', ');
      if (e.kind === 'delete') {
        await tx.execute(`INSERT INTO ${target} (${cols}) SELECT ${columns.map((c) => `b.${tasks.quote(c)}`).join(', ')} FROM ${backup} AS b WHERE NOT EXISTS (SELECT 1 FROM ${target} AS t WHERE ${keys.map((k) => `t.${tasks.quote(k)} = b.${tasks.quote(k)}`).join(' AND ')})`);
      } else {
        const nonKey = columns.filter((c) => !keys.includes(c));
        if (nonKey.length > 0) await tx.execute(tasks.updateFrom(target, backup, keys, nonKey));
      }
      await tx.query(`UPDATE ${ledger} SET restored_at = ${p(1)}, restored_by = ${p(2)} WHERE version = ${p(3)} AND statement = ${p(4)}`, [new Date().toISOString(), context.by, version, Number(e.statement)]);
    }
    // The note goes in with the rows: a failure to write it rolls the restore back, so the history
    // never misses a data rollback that happened.
    const row = (await tx.history.read()).find((r) => r.version === version);
    if (row) {
      const note = `data rolled back from prior backup (${entries.length} statement${entries.length === 1 ? '' : 's'}) by bb rollback --data at ${new Date().toISOString()} by ${context.by}`;
      await tx.history.update(version, { error: row.error ? `${row.error}; ${note}` : note });
    }
  });
  return { version, restored: planned };
}
