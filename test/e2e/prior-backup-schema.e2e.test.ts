/**
 * Prior backup after a migration moved the session's default schema (`SET search_path TO s1` on
 * PostgreSQL and PGlite, `USE other_db` on MariaDB): the UPDATE/DELETE's rows are copied from the table
 * the statement changes (s1.t, other_db.t), bb's copies and their ledger stay where bb rollback --data
 * looks for them (bb_backup, bb_backup_<the URL's database>), and rollback --data puts the rows back
 * into that same table, not into the default schema's table of the same name. Through the real binary.
 * Needs `npm run build`.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bb, clean, project, type BbRun } from '../support/bb.js';
import { MysqlDatabases, PostgresDatabases, mysqlAvailable, postgresAvailable } from '../support/servers.js';

const pgUp = await postgresAvailable();
const myUp = await mysqlAvailable();
const pgDbs = new PostgresDatabases('bbt_priorsch');
const myDbs = new MysqlDatabases('bbt_priorsch');
const dirs: string[] = [];
const mysqlBackupDbs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  if (pgUp) await pgDbs.dropAll();
  if (myUp) {
    for (const db of mysqlBackupDbs) await myDbs.admin(`DROP DATABASE IF EXISTS \`${db}\``);
    await myDbs.dropAll();
  }
});

interface Setup {
  readonly engine: 'postgres' | 'mysql';
  readonly url: string;
  /** Where the moved-to table lives, and the statement that moves the session there. */
  readonly other: string;
  readonly move: string;
  /** The ledger, qualified. */
  readonly ledger: string;
}

/** A project whose 0001 creates t (ids 1–3) in the default schema (key `homeKey`) and in `other`, applied. */
async function seeded(s: Setup, homeKey: string): Promise<{ dir: string; run: (args: readonly string[]) => Promise<BbRun>; rows: (table: string) => Promise<unknown[]> }> {
  const create = (table: string, key: string, prefix: string): string => `CREATE TABLE ${table} (id int ${key}, v varchar(10));\nINSERT INTO ${table} VALUES (1, '${prefix}1'), (2, '${prefix}2'), (3, '${prefix}3');\n`;
  const schema = s.engine === 'postgres' ? `CREATE SCHEMA ${s.other};\n` : '';
  const dir = project({
    'bb.config.yaml': `databases:\n  app: { engine: ${s.engine}, migrations: migrations, priorBackup: true }\nenvironments:\n  - name: dev\n    targets:\n      app: "${s.url}"\n`,
    'migrations/0001_tables.sql': schema + create('t', homeKey, 'h') + create(`${s.other}.t`, 'PRIMARY KEY', 'o'),
  });
  dirs.push(dir);
  const run = (args: readonly string[]): Promise<BbRun> => bb(args, { cwd: dir, timeoutMs: 90_000 });
  const first = await run(['migrate', '--env', 'dev']);
  expect(first.code, first.stdout + first.stderr).toBe(0);
  const rows = async (table: string): Promise<unknown[]> => {
    const r = await run(['query', '--env', 'dev', '--format', 'json', `SELECT id, v FROM ${table} ORDER BY id`]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    return (JSON.parse(r.stdout) as { id: number | string; v: string }[]).map((row) => [Number(row.id), row.v]);
  };
  return { dir, run, rows };
}

const CHANGE = "UPDATE t SET v = 'x' WHERE id = 1;\nDELETE FROM t WHERE id = 2;\n";

async function movesAndRollsBack(s: Setup): Promise<void> {
  const { dir, run, rows } = await seeded(s, 'PRIMARY KEY');
  writeFileSync(join(dir, 'migrations/0002_change.sql'), `${s.move}\n${CHANGE}`);
  const migrated = await run(['migrate', '--env', 'dev']);
  expect(migrated.code, migrated.stdout + migrated.stderr).toBe(0);
  expect(clean(migrated)).toBe(true);
  expect(await rows(`${s.other}.t`)).toEqual([[1, 'x'], [3, 'o3']]);

  const back = await run(['rollback', '--env', 'dev', '--data', '0002']);
  expect(back.code, back.stdout + back.stderr).toBe(0);
  expect(clean(back)).toBe(true);
  expect(await rows(`${s.other}.t`)).toEqual([[1, 'o1'], [2, 'o2'], [3, 'o3']]);
  // The default schema's t, same name and keys, is left alone.
  expect(await rows('t')).toEqual([[1, 'h1'], [2, 'h2'], [3, 'h3']]);
  // Both copies were taken from other.t and are listed where bb keeps its backups, with that table.
  const ledger = await run(['query', '--env', 'dev', '--format', 'json', `SELECT statement, kind, source_schema, source_table, row_count FROM ${s.ledger} ORDER BY statement`]);
  expect(ledger.code, ledger.stdout + ledger.stderr).toBe(0);
  expect((JSON.parse(ledger.stdout) as Record<string, unknown>[]).map((r) => [Number(r.statement), r.kind, r.source_schema, r.source_table, Number(r.row_count)])).toEqual([
    [2, 'update', s.other, 't', 1],
    [3, 'delete', s.other, 't', 1],
  ]);
}

/**
 * The check before anything runs reads the table where the statement will: after the file's
 * SET search_path / USE, not the default schema's t (which has no primary key, and would be refused).
 */
async function checksTheMovedTable(s: Setup): Promise<void> {
  const { dir, run, rows } = await seeded(s, '');
  writeFileSync(join(dir, 'migrations/0002_change.sql'), `${s.move}\n${CHANGE}`);
  const migrated = await run(['migrate', '--env', 'dev']);
  expect(migrated.code, migrated.stdout + migrated.stderr).toBe(0);
  expect(await rows(`${s.other}.t`)).toEqual([[1, 'x'], [3, 'o3']]);
}

const pg = (url: string): Setup => ({ engine: 'postgres', url, other: 's1', move: 'SET search_path TO s1;', ledger: 'bb_backup.bb_prior_backups' });

describe.skipIf(!pgUp)('PostgreSQL: prior backup after SET search_path TO s1', () => {
  it('backs up s1.t, keeps the ledger in bb_backup, and rollback --data restores s1.t', async () => {
    await movesAndRollsBack(pg(await pgDbs.create('pg')));
  }, 120_000);
  it('checks s1.t before anything runs, not public.t', async () => {
    await checksTheMovedTable(pg(await pgDbs.create('pg_check')));
  }, 120_000);
});

describe('PGlite: prior backup after SET search_path TO s1', () => {
  it('backs up s1.t, keeps the ledger in bb_backup, and rollback --data restores s1.t', async () => {
    await movesAndRollsBack(pg('pglite://.bb/dev/app'));
  }, 120_000);
  it('checks s1.t before anything runs, not public.t', async () => {
    await checksTheMovedTable(pg('pglite://.bb/dev/app'));
  }, 120_000);
});

describe.skipIf(!myUp)('MariaDB: prior backup after USE other_db', () => {
  const setup = async (name: string): Promise<Setup> => {
    const url = await myDbs.create(name);
    const home = new URL(url).pathname.slice(1);
    const other = new URL(await myDbs.create(`${name}_other`)).pathname.slice(1);
    mysqlBackupDbs.push(`bb_backup_${home}`, `bb_backup_${other}`);
    return { engine: 'mysql', url, other, move: `USE ${other};`, ledger: `\`bb_backup_${home}\`.bb_prior_backups` };
  };
  it('backs up other_db.t, keeps the ledger in bb_backup_<database>, and rollback --data restores other_db.t', async () => {
    await movesAndRollsBack(await setup('my'));
  }, 120_000);
  it('checks other_db.t before anything runs, not the database\'s own t', async () => {
    await checksTheMovedTable(await setup('my_check'));
  }, 120_000);
});
