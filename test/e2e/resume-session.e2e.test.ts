/**
 * A migration without a transaction fails part-way after it set the session (search_path, sql_mode, a
 * user variable, a prepared statement); after `bb repair --retry` the next `bb migrate` resumes on a new
 * connection, and bb replays the applied statements that only set the session, so the resumed
 * statements run as they were written to. Through the real binary against PostgreSQL, PGlite and
 * MariaDB. Needs `npm run build`.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bb, clean, project } from '../support/bb.js';
import { MysqlDatabases, PostgresDatabases, mysqlAvailable, postgresAvailable } from '../support/servers.js';

const pgUp = await postgresAvailable();
const myUp = await mysqlAvailable();
const pgDbs = new PostgresDatabases('bbt_resume_session');
const myDbs = new MysqlDatabases('bbt_resume_session');
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  if (pgUp) await pgDbs.dropAll();
  if (myUp) await myDbs.dropAll();
});

const config = (engine: string, url: string): string => `databases:\n  app: { engine: ${engine}, migrations: migrations }\nenvironments:\n  - name: dev\n    targets:\n      app: ${url}\n`;

/** Runs `file` (failing), puts `fixed` in its place, repairs with --retry and migrates again. */
async function failFixResume(engine: string, url: string, file: string, fixed: string, failedAt: RegExp): Promise<string> {
  const dir = project({ 'bb.config.yaml': config(engine, url), 'migrations/0001_session.sql': file });
  dirs.push(dir);
  const run = (args: readonly string[]) => bb(args, { cwd: dir, timeoutMs: 90_000 });
  const first = await run(['migrate', '--env', 'dev']);
  expect(first.code, first.stdout + first.stderr).toBe(1);
  expect(first.stdout + first.stderr).toMatch(failedAt);
  writeFileSync(join(dir, 'migrations/0001_session.sql'), fixed);
  const repair = await run(['repair', '--env', 'dev', '--version', '0001', '--retry']);
  expect(repair.code, repair.stdout + repair.stderr).toBe(0);
  const resumed = await run(['migrate', '--env', 'dev']);
  expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
  expect(clean(resumed)).toBe(true);
  return dir;
}

// Statement 4 is resumed on a new connection: without statement 2 replayed, `items` is looked up in
// public, where there is none ("relation items does not exist"). search_path leaves public out: bb's
// history, in public, is named with its schema and is found all the same.
const PG_FAILING = 'CREATE SCHEMA s1;\nSET search_path TO s1;\nCREATE TABLE items (id int, label text);\nCREATE INDEX CONCURRENTLY items_label ON items (bb_missing_column);\nCREATE TABLE after_items (id int);\n';
const PG_FIXED = PG_FAILING.replace('bb_missing_column', 'label');

describe.skipIf(!pgUp)('PostgreSQL: a resumed migration replays its applied SET statements', () => {
  it('SET search_path, then CREATE INDEX CONCURRENTLY on an unqualified table, resumed after repair --retry', async () => {
    const url = await pgDbs.create('pg');
    await failFixResume('postgres', url, PG_FAILING, PG_FIXED, /statement 4 of 5 \(line 4\) failed on dev\/app: .*bb_missing_column/);
    expect(await PostgresDatabases.query(url, "SELECT schemaname FROM pg_indexes WHERE indexname = 'items_label'")).toEqual([{ schemaname: 's1' }]);
    expect(await PostgresDatabases.query(url, "SELECT table_schema FROM information_schema.tables WHERE table_name = 'after_items'")).toEqual([{ table_schema: 's1' }]);
    expect(await PostgresDatabases.query(url, "SELECT status, applied FROM bb_migration_history WHERE version = '0001'")).toEqual([{ status: 'done', applied: 5 }]);
  }, 120_000);
});

describe('PGlite: a resumed migration replays its applied SET statements', () => {
  it('SET search_path in a -- bb:transaction off file, resumed after repair --retry', async () => {
    const failing = `-- bb:transaction off\n${PG_FAILING.replace('CONCURRENTLY ', '')}`;
    const dir = await failFixResume('postgres', 'pglite://.bb/dev/app', failing, failing.replace('bb_missing_column', 'label'), /statement 4 of 5 \(line 5\) failed on dev\/app: .*bb_missing_column/);
    const where = await bb(['query', '--env', 'dev', '--format', 'json', "SELECT table_schema FROM information_schema.tables WHERE table_name = 'after_items'"], { cwd: dir });
    expect(where.code, where.stdout + where.stderr).toBe(0);
    expect(JSON.parse(where.stdout)).toEqual([{ table_schema: 's1' }]);
  }, 120_000);
});

// Statement 6 is resumed on a new connection: without sql_mode replayed its double-quoted names are a
// syntax error; without @first_id, PREPARE and @ddl replayed, it and statement 7 fail or insert NULL.
const MY_FAILING = [
  "SET SESSION sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES')",
  'CREATE TABLE "items" ("id" int PRIMARY KEY)',
  'SELECT COUNT(*) + 10 INTO @first_id FROM "items"',
  'SET @ddl := \'ALTER TABLE "items" ADD COLUMN "y" int\'',
  'PREPARE add_y FROM @ddl',
  'ALTER TABLE "items" ADD COLUMN "x" int, ADD COLUMN "x" int',
  'EXECUTE add_y',
  'DEALLOCATE PREPARE add_y',
  'INSERT INTO "items" ("id", "x", "y") VALUES (@first_id, 1, 2)',
].join(';\n') + ';\n';
const MY_FIXED = MY_FAILING.replace('ADD COLUMN "x" int, ADD COLUMN "x" int', 'ADD COLUMN "x" int');

describe.skipIf(!myUp)('MariaDB: a resumed migration replays its applied session statements', () => {
  it('sql_mode, a user variable read by SELECT … INTO, SET @v and PREPARE, resumed after repair --retry', async () => {
    const url = await myDbs.create('my');
    await failFixResume('mysql', url, MY_FAILING, MY_FIXED, /statement 6 of 9 \(line 6\) failed on dev\/app: .*Duplicate column name 'x'/);
    expect(await MysqlDatabases.query(url, 'SELECT id, x, y FROM items')).toEqual([{ id: 10, x: 1, y: 2 }]);
  }, 120_000);
});
