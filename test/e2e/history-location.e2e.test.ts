/**
 * A migration that changes the session's default schema (PostgreSQL `SET search_path`, MySQL and
 * ClickHouse `USE`) moves neither bb's history nor the next file: bb names its own tables with the
 * schema it resolved when it connected, and each file starts in that default schema again. Through the
 * real binary against PostgreSQL, PGlite, MariaDB and chdb. Needs `npm run build`.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bb, clean, project, type BbRun } from '../support/bb.js';
import { MysqlDatabases, PostgresDatabases, mysqlAvailable, postgresAvailable } from '../support/servers.js';

const pgUp = await postgresAvailable();
const myUp = await mysqlAvailable();
const pgDbs = new PostgresDatabases('bbt_history_location');
const myDbs = new MysqlDatabases('bbt_history_location');
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  if (pgUp) await pgDbs.dropAll();
  if (myUp) await myDbs.dropAll();
});

const config = (engine: string, url: string): string => `databases:\n  app: { engine: ${engine}, migrations: migrations }\nenvironments:\n  - name: dev\n    targets:\n      app: "${url}"\n`;

/** Migrates `files` in one run, expecting every one applied, then checks that bb still reads its history. */
async function migrateAll(engine: string, url: string, files: Record<string, string>): Promise<{ dir: string; run: (args: readonly string[]) => Promise<BbRun> }> {
  const dir = project({ 'bb.config.yaml': config(engine, url), ...Object.fromEntries(Object.entries(files).map(([name, sql]) => [`migrations/${name}`, sql])) });
  dirs.push(dir);
  const run = (args: readonly string[]) => bb(args, { cwd: dir, timeoutMs: 90_000 });
  const migrated = await run(['migrate', '--env', 'dev']);
  expect(migrated.code, migrated.stdout + migrated.stderr).toBe(0);
  expect(clean(migrated)).toBe(true);
  expect(migrated.stdout).toContain(`${Object.keys(files).length} migrations applied`);
  const again = await run(['migrate', '--env', 'dev']);
  expect(again.code, again.stdout + again.stderr).toBe(0);
  expect(again.stdout + again.stderr).not.toMatch(/applied migrations\//);
  const status = await run(['status', '--env', 'dev', '--format', 'json']);
  expect(status.code, status.stdout + status.stderr).toBe(0);
  return { dir, run };
}

// 0001 runs in a transaction (sent in a batch), 0002 statement by statement with its progress written
// after each, 0003 in a transaction again: each switches search_path (without public) and goes on.
const PG_FILES = {
  '0001_s1.sql': 'CREATE SCHEMA s1;\nSET search_path TO s1;\nCREATE TABLE items (id int);\nINSERT INTO items VALUES (1);\n',
  '0002_more.sql': '-- bb:transaction off\nCREATE TABLE more_items (id int);\nSET search_path TO s1;\nCREATE TABLE s1_more (id int);\nINSERT INTO s1_more VALUES (1);\n',
  '0003_last.sql': 'CREATE TABLE last_items (id int);\n',
};
const PG_WHERE = "SELECT table_schema || '.' || table_name AS t FROM information_schema.tables WHERE table_schema IN ('public', 's1') ORDER BY 1";
const PG_EXPECTED = ['public.bb_migration_history', 'public.bb_migration_history_snapshots', 'public.last_items', 'public.more_items', 's1.items', 's1.s1_more'];

describe.skipIf(!pgUp)('PostgreSQL: a migration that sets search_path', () => {
  it('SET search_path TO s1 (without public) moves neither bb\'s history nor the next file', async () => {
    const url = await pgDbs.create('pg');
    await migrateAll('postgres', url, PG_FILES);
    expect((await PostgresDatabases.query<{ t: string }>(url, PG_WHERE)).map((r) => r.t)).toEqual(PG_EXPECTED);
    expect(await PostgresDatabases.query(url, 'SELECT version, status FROM public.bb_migration_history ORDER BY version')).toEqual(
      ['0001', '0002', '0003'].map((version) => ({ version, status: 'done' })),
    );
  }, 120_000);
});

describe('PGlite: a migration that sets search_path', () => {
  it('SET search_path TO s1 (without public) moves neither bb\'s history nor the next file', async () => {
    const { run } = await migrateAll('postgres', 'pglite://.bb/dev/app', PG_FILES);
    const where = await run(['query', '--env', 'dev', '--format', 'json', PG_WHERE]);
    expect(where.code, where.stdout + where.stderr).toBe(0);
    expect((JSON.parse(where.stdout) as { t: string }[]).map((r) => r.t)).toEqual(PG_EXPECTED);
  }, 120_000);
});

// The default search_path is "$user", public: once a migration creates a schema named after the user,
// current_schema() is that schema. bb started an empty history there on its next run and applied every
// migration again (the table the search_path finds must win).
const USER_SCHEMA_FILES = {
  '0001_a.sql': 'CREATE TABLE a (id int PRIMARY KEY);\n',
  '0002_user_schema.sql': "DO $$ BEGIN EXECUTE format('CREATE SCHEMA %I', current_user); END $$;\n",
};
for (const [engine, up] of [['PostgreSQL', pgUp], ['PGlite', true]] as const) {
  describe.skipIf(!up)(`${engine}: a migration that creates the schema named after the user`, () => {
    it('bb keeps reading and writing the history it started in public on the next run', async () => {
      const url = engine === 'PGlite' ? 'pglite://.bb/dev/app' : await pgDbs.create('user_schema');
      const { dir, run } = await migrateAll('postgres', url, USER_SCHEMA_FILES);
      writeFileSync(join(dir, 'migrations/0003_c.sql'), 'CREATE TABLE c (id int PRIMARY KEY);\n');
      const next = await run(['migrate', '--env', 'dev']);
      expect(next.code, next.stdout + next.stderr).toBe(0);
      expect(next.stdout).toMatch(/1 migration applied in \d+ ms, now at 0003/);
      const histories = await run(['query', '--env', 'dev', '--format', 'json', "SELECT table_schema AS s FROM information_schema.tables WHERE table_name = 'bb_migration_history'"]);
      expect((JSON.parse(histories.stdout) as { s: string }[]).map((r) => r.s)).toEqual(['public']);
      const status = await run(['status', '--env', 'dev']);
      expect(status.stdout).toContain('dev/app: at 0003, 3 done');
    }, 180_000);
  });
}

describe.skipIf(!myUp)('MariaDB: a migration that runs USE other_db', () => {
  it('the next file runs in the target database again, and bb\'s history stays there', async () => {
    const url = await myDbs.create('my');
    const other = new URL(await myDbs.create('my_other')).pathname.slice(1);
    await migrateAll('mysql', url, {
      '0001_other.sql': `USE ${other};\nCREATE TABLE items (id int);\nINSERT INTO items VALUES (1);\n`,
      '0002_more.sql': 'CREATE TABLE more_items (id int);\n',
    });
    const tables = async (db: string): Promise<string[]> => (await MysqlDatabases.query<{ t: string }>(url, 'SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY 1', [db])).map((r) => r.t);
    expect(await tables(new URL(url).pathname.slice(1))).toEqual(['bb_migration_history', 'bb_migration_history_snapshots', 'more_items']);
    expect(await tables(other)).toEqual(['items']);
  }, 120_000);
});

describe('ClickHouse (chdb): a migration that runs USE other_db', () => {
  it('moves neither bb\'s history nor the next file', async () => {
    const { run } = await migrateAll('clickhouse', 'chdb://.bb/dev/ch?database=app', {
      '0001_other.sql': 'CREATE DATABASE other;\nUSE other;\nCREATE TABLE items (id Int32) ENGINE = MergeTree ORDER BY id;\nINSERT INTO items VALUES (1);\n',
      '0002_more.sql': 'CREATE TABLE more_items (id Int32) ENGINE = MergeTree ORDER BY id;\n',
    });
    const where = await run(['query', '--env', 'dev', '--format', 'json', "SELECT database || '.' || name AS t FROM system.tables WHERE database IN ('app', 'other') ORDER BY t"]);
    expect(where.code, where.stdout + where.stderr).toBe(0);
    expect((JSON.parse(where.stdout) as { t: string }[]).map((r) => r.t)).toEqual([
      'app.bb_migration_history', 'app.bb_migration_history_lock', 'app.bb_migration_history_snapshots', 'app.more_items', 'other.items',
    ]);
  }, 120_000);
});
