/**
 * Issue #3 acceptance through the real binary against the local MariaDB: the kratos corpus (lenient and
 * strict sql_mode), a half-applied DDL migration and repair, DELIMITER // procedures, two concurrent
 * runners, and SIGKILL during a long ALTER TABLE. Needs `npm run build` first (npm test does it).
 */
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bb, clean, CORPORA, project } from './support/bb.js';
import { MysqlDatabases, mysqlAvailable } from './support/servers.js';
import { lockName } from '../engines/mysql/lock.js';

const up = await mysqlAvailable();
const dbs = new MysqlDatabases('bbt_mysql_e2e');
afterAll(async () => {
  if (up) await dbs.dropAll();
});

const KRATOS = join(CORPORA, 'mysql/kratos');
const FAILING = '20260408000000000000_create_pending_traits_changes.mysql.up.sql';

function config(migrations: string, url: string, session = ''): string {
  const target = session ? `{ url: "${url}", session: ${session} }` : url;
  return `databases:\n  app: { engine: mysql, migrations: ${migrations} }\nenvironments:\n  - name: staging\n    targets:\n      app: ${target}\n`;
}

interface HistoryRowDb { version: string; status: string; applied: number; total: number; failed_statement: number | null; error: string | null }
const history = (url: string): Promise<HistoryRowDb[]> =>
  MysqlDatabases.query<HistoryRowDb>(url, 'SELECT version, status, applied, total, failed_statement, error FROM bb_migration_history ORDER BY version');

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not met in time');
}

describe.skipIf(!up)('kratos (352 files written for MySQL 8) on MariaDB', () => {
  let copy: string;
  let dir: string;
  let url: string;
  beforeAll(async () => {
    // A temp copy of the folder: the corpus itself is never modified.
    copy = mkdtempSync(join(tmpdir(), 'bb-kratos-'));
    cpSync(KRATOS, copy, { recursive: true });
    url = await dbs.create('kratos_lenient');
    dir = project({ 'bb.config.yaml': config(copy, url, '{ sql_mode: "" }') });
  });
  afterAll(() => {
    rmSync(copy, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  });

  it('with sql_mode "" applies 344, stops at #345 naming the file and statement, and records it failed', async () => {
    const run = await bb(['migrate', '--env', 'staging'], { cwd: dir, timeoutMs: 180_000 });
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(clean(run)).toBe(true);
    expect(run.stdout).toContain(`${FAILING}: statement 4 of 4 (line 23) failed on staging/app`);
    // MariaDB-only error codes are printed as the mysql client prints them.
    expect(run.stdout).toMatch(/ERROR 1901 \(HY000\): Function or expression .* cannot be used in the GENERATED ALWAYS AS clause of `pending_identity_key`/);
    expect(run.stdout).toMatch(/bb repair --env staging --version 20260408000000000000 --retry/);
    const rows = await history(url);
    const files = readdirSync(KRATOS).sort();
    const index = files.indexOf(FAILING);
    expect(index).toBe(344); // the 345th file
    expect(rows.filter((r) => r.status === 'done').map((r) => r.version)).toEqual(files.slice(0, 344).map((f) => f.slice(0, 20)));
    const failed = rows.find((r) => r.status === 'failed')!;
    // On MariaDB 10.11 the CREATE TABLE with the generated column and the two plain indexes succeed; the
    // UNIQUE index on the generated column is what fails: 3 statements done, statement index 3 failed.
    expect(failed).toMatchObject({ version: '20260408000000000000', applied: 3, total: 4, failed_statement: 3 });
    expect(failed.error).toMatch(/^ERROR 1901 \(HY000\): /);
    expect(rows).toHaveLength(345);
  }, 200_000);

  it('after the file is made MariaDB-compatible, bb repair --retry + bb migrate finish the set', async () => {
    // Statements 1–3 stay byte-identical (they were applied); the 4th becomes a plain index, since
    // MariaDB cannot index a generated column whose expression depends on string comparison.
    const path = join(copy, FAILING);
    const { readFileSync } = await import('node:fs');
    const original = readFileSync(path, 'utf8');
    const fixed = original.replace(/CREATE UNIQUE INDEX identity_pending_traits_changes_nid_identity_pending_idx\s+ON identity_pending_traits_changes \(nid, pending_identity_key\);/, 'CREATE INDEX identity_pending_traits_changes_nid_identity_pending_idx\n  ON identity_pending_traits_changes (nid, identity_id);');
    expect(fixed).not.toBe(original);
    writeFileSync(path, fixed);
    const blocked = await bb(['migrate', '--env', 'staging'], { cwd: dir });
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toContain('bb repair');
    const repair = await bb(['repair', '--env', 'staging', '--version', '20260408000000000000', '--retry'], { cwd: dir });
    expect(repair.code, repair.stdout + repair.stderr).toBe(0);
    const run = await bb(['migrate', '--env', 'staging'], { cwd: dir, timeoutMs: 120_000 });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const rows = await history(url);
    expect(rows).toHaveLength(readdirSync(KRATOS).length);
    expect(rows.every((r) => r.status === 'done')).toBe(true);
    expect(rows.find((r) => r.version === '20260408000000000000')).toMatchObject({ applied: 4, total: 4 });
  }, 200_000);
});

describe.skipIf(!up)('kratos with the default (strict) sql_mode', () => {
  it('stops at #33 with the server\'s message', async () => {
    const url = await dbs.create('kratos_strict');
    const dir = project({ 'bb.config.yaml': config(KRATOS, url) });
    try {
      const run = await bb(['migrate', '--env', 'staging'], { cwd: dir, timeoutMs: 120_000 });
      expect(run.code, run.stdout + run.stderr).toBe(1);
      const files = readdirSync(KRATOS).sort();
      const file33 = files[32]!;
      expect(run.stdout).toContain(`${file33}: statement`);
      const rows = await history(url);
      expect(rows.filter((r) => r.status === 'done')).toHaveLength(32);
      const failed = rows.find((r) => r.status === 'failed')!;
      expect(failed.version).toBe(file33.slice(0, 20));
      // The server's own code and message, in the output and in the history row: the file's one
      // INSERT … SELECT leaves created_at out, which strict mode refuses (atomically: 0 statements done).
      expect(failed).toMatchObject({ applied: 0, total: 1, failed_statement: 0, error: "ER_NO_DEFAULT_FOR_FIELD (1364): Field 'created_at' doesn't have a default value" });
      expect(run.stdout).toContain(`${file33}: statement 1 of 1 (line 1) failed on staging/app: ER_NO_DEFAULT_FOR_FIELD (1364): Field 'created_at' doesn't have a default value`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});

describe.skipIf(!up)('half-applied DDL, procedures, concurrency and SIGKILL', () => {
  let dir: string;
  let url: string;
  beforeAll(async () => {
    url = await dbs.create('cases');
    dir = project({ 'bb.config.yaml': config('migrations', url), 'migrations/.keep': '' });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('three DDL statements whose second fails: 1 done, 2 failed; the next run refuses until bb repair', async () => {
    const path = join(dir, 'migrations/0001_three.sql');
    writeFileSync(path, 'CREATE TABLE a (id int PRIMARY KEY);\nALTER TABLE a ADD COLUMN b int, ADD COLUMN b int;\nCREATE TABLE c (id int);\n');
    const run = await bb(['migrate', '--env', 'staging'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('migrations/0001_three.sql: statement 2 of 3 (line 2) failed on staging/app: ER_DUP_FIELDNAME (1060): Duplicate column name \'b\'');
    expect(await history(url)).toEqual([{ version: '0001', status: 'failed', applied: 1, total: 3, failed_statement: 1, error: "ER_DUP_FIELDNAME (1060): Duplicate column name 'b'" }]);
    expect(await MysqlDatabases.query(url, "SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN ('a', 'c') ORDER BY 1")).toEqual([{ t: 'a' }]);

    const again = await bb(['migrate', '--env', 'staging'], { cwd: dir });
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/0001_three\.sql/);
    expect(again.stdout).toContain('bb repair');
    expect((await history(url))[0]!.status).toBe('failed');

    writeFileSync(path, 'CREATE TABLE a (id int PRIMARY KEY);\nALTER TABLE a ADD COLUMN b int;\nCREATE TABLE c (id int);\n');
    const repair = await bb(['repair', '--env', 'staging', '--version', '0001', '--retry'], { cwd: dir });
    expect(repair.code, repair.stdout + repair.stderr).toBe(0);
    const resumed = await bb(['migrate', '--env', 'staging'], { cwd: dir });
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(await history(url)).toEqual([{ version: '0001', status: 'done', applied: 3, total: 3, failed_statement: null, error: null }]);
  }, 60_000);

  it('a DELIMITER // procedure is created, called and dropped', async () => {
    writeFileSync(join(dir, 'migrations/0002_procedure.sql'), [
      'CREATE TABLE counter (n int);',
      '',
      'DELIMITER //',
      'CREATE PROCEDURE bump(IN k INT)',
      'BEGIN',
      '  DECLARE i INT DEFAULT 0;',
      '  WHILE i < k DO',
      '    INSERT INTO counter VALUES (i); -- one row; per loop',
      '    SET i = i + 1;',
      '  END WHILE;',
      'END //',
      'DELIMITER ;',
      '',
      'CALL bump(3);',
      'DROP PROCEDURE bump;',
      '',
    ].join('\n'));
    const run = await bb(['migrate', '--env', 'staging'], { cwd: dir });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect((await history(url)).find((r) => r.version === '0002')).toMatchObject({ status: 'done', applied: 4, total: 4 });
    expect(await MysqlDatabases.query(url, 'SELECT n FROM counter ORDER BY n')).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
    expect(await MysqlDatabases.query(url, "SELECT ROUTINE_NAME FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()")).toEqual([]);
  }, 60_000);

  it('bb drift is clean after migrate, and names a column and an index added by hand', async () => {
    const clean = await bb(['drift', '--env', 'staging'], { cwd: dir });
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);
    expect(clean.stdout).toMatch(/no drift \(matches the snapshot after 0002\)/);
    await MysqlDatabases.query(url, 'ALTER TABLE counter ADD COLUMN sneaky int, ADD INDEX sneaky_idx (sneaky)');
    try {
      const drift = await bb(['drift', '--env', 'staging'], { cwd: dir });
      expect(drift.code).toBe(1);
      expect(drift.stdout).toContain('+ added column counter.sneaky: int(11) DEFAULT NULL');
      expect(drift.stdout).toContain('+ added index counter.sneaky_idx: KEY `sneaky_idx` (`sneaky`)');
    } finally {
      await MysqlDatabases.query(url, 'ALTER TABLE counter DROP COLUMN sneaky');
    }
  }, 60_000);

  it('two runners started together apply each version exactly once; the second says it waited', async () => {
    writeFileSync(join(dir, 'migrations/0003_slow.sql'), 'CREATE TABLE hits (n int);\nSELECT SLEEP(3);\nINSERT INTO hits VALUES (1);\n');
    writeFileSync(join(dir, 'migrations/0004_more.sql'), 'INSERT INTO hits VALUES (2);\n');
    const [a, b] = await Promise.all([bb(['migrate', '--env', 'staging'], { cwd: dir }), bb(['migrate', '--env', 'staging'], { cwd: dir })]);
    expect([a.code, b.code], a.stdout + a.stderr + b.stdout + b.stderr).toEqual([0, 0]);
    const waited = [a, b].filter((r) => /waiting for the migration lock/.test(r.stderr));
    expect(waited).toHaveLength(1);
    // The waiting runner names the holder's connection (IS_USED_LOCK → process list).
    expect(waited[0]!.stderr).toMatch(/connection \d+/);
    expect(await MysqlDatabases.query(url, 'SELECT n FROM hits ORDER BY n')).toEqual([{ n: 1 }, { n: 2 }]);
    expect((await history(url)).filter((r) => r.version === '0003' || r.version === '0004').map((r) => r.status)).toEqual(['done', 'done']);
  }, 60_000);

  it('a runner that cannot get the lock within --lock-timeout exits 3 naming the holder\'s connection', async () => {
    const mysql = await import('mysql2/promise');
    const holder = await mysql.createConnection({ uri: url });
    try {
      const db = new URL(url).pathname.slice(1);
      const [[got]] = (await holder.query('SELECT GET_LOCK(?, 0) AS ok, CONNECTION_ID() AS id', [lockName(db, 'bb:.bb_migration_history')])) as unknown as [[{ ok: number; id: number }]];
      expect(got.ok).toBe(1);
      writeFileSync(join(dir, 'migrations/0004.5_locked.sql'), 'SELECT 1;\n');
      const run = await bb(['migrate', '--env', 'staging', '--lock-timeout', '1'], { cwd: dir });
      expect(run.code).toBe(3);
      expect(run.stdout + run.stderr).toMatch(new RegExp(`Timed out after 1 s waiting for the migration lock on staging/app, held by a session \\(connection ${got.id}, root@`));
      expect(run.stdout + run.stderr).toMatch(/hint: .*bb unlock --env staging clears a lock left by one that died, or names the database session that holds it/);
      expect((await history(url)).find((r) => r.version === '0004.5')).toBeUndefined();
    } finally {
      await holder.end();
      rmSync(join(dir, 'migrations/0004.5_locked.sql'), { force: true });
    }
  }, 30_000);

  it('SIGKILL during a long ALTER TABLE leaves a precise pending row, and the next run says what to do', async () => {
    await MysqlDatabases.query(url, 'CREATE TABLE big (id int PRIMARY KEY, v varchar(40))');
    await MysqlDatabases.query(url, "INSERT INTO big SELECT seq, CONCAT('row ', seq) FROM seq_1_to_800000");
    writeFileSync(join(dir, 'migrations/0005_alter.sql'), [
      'ALTER TABLE big ADD COLUMN a int;',
      "ALTER TABLE big ADD COLUMN b varchar(40) NOT NULL DEFAULT 'x', ALGORITHM=COPY;",
      'ALTER TABLE big ADD COLUMN c int;',
      '',
    ].join('\n'));
    const run = bb(['migrate', '--env', 'staging'], { cwd: dir });
    await waitFor(async () => (await MysqlDatabases.query(url, "SELECT 1 FROM information_schema.PROCESSLIST WHERE INFO LIKE 'ALTER TABLE big ADD COLUMN b%'")).length > 0);
    run.child.kill('SIGKILL');
    await run;
    const row = (await history(url)).find((r) => r.version === '0005')!;
    expect(row).toMatchObject({ status: 'pending', applied: 1, total: 3, failed_statement: null });

    const next = await bb(['migrate', '--env', 'staging', '--lock-timeout', '20'], { cwd: dir });
    expect(next.code).toBe(1);
    expect(next.stdout).toMatch(/0005_alter\.sql is recorded as running on staging\/app .*\(1 of 3 statements applied\)/);
    expect(next.stdout).toMatch(/bb repair --env staging --version 0005/);

    // The way out: wait for the server to finish (or abort) the orphaned ALTER, look at what it left,
    // undo a half-done statement by hand, then resume at the interrupted statement.
    await waitFor(async () => (await MysqlDatabases.query(url, "SELECT 1 FROM information_schema.PROCESSLIST WHERE INFO LIKE 'ALTER TABLE big%'")).length === 0, 60_000);
    const columns = async (): Promise<string[]> => (await MysqlDatabases.query<{ c: string }>(url, "SELECT COLUMN_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'big' ORDER BY ORDINAL_POSITION")).map((r) => r.c);
    const before = await columns();
    expect(before.slice(0, 3)).toEqual(['id', 'v', 'a']);
    if (before.includes('b')) await MysqlDatabases.query(url, 'ALTER TABLE big DROP COLUMN b');
    const repair = await bb(['repair', '--env', 'staging', '--version', '0005', '--retry'], { cwd: dir });
    expect(repair.code, repair.stdout + repair.stderr).toBe(0);
    const resumed = await bb(['migrate', '--env', 'staging'], { cwd: dir, timeoutMs: 60_000 });
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(await columns()).toEqual(['id', 'v', 'a', 'b', 'c']);
    expect((await history(url)).find((r) => r.version === '0005')).toMatchObject({ status: 'done', applied: 3, total: 3 });
  }, 120_000);
});

describe.skipIf(!up)('tidb engine (run against MariaDB over the same protocol)', () => {
  it('refuses a stored procedure at plan time, naming file and line, before anything runs', async () => {
    const url = (await dbs.create('tidb_plan')).replace(/^mysql:/, 'tidb:');
    const dir = project({
      'bb.config.yaml': `databases:\n  app: { engine: tidb, migrations: migrations }\nenvironments:\n  - name: prod\n    targets:\n      app: ${url}\n`,
      'migrations/0001_table.sql': 'CREATE TABLE t (id int PRIMARY KEY);\n',
      'migrations/0002_proc.sql': '-- archive\nDELIMITER //\nCREATE PROCEDURE archive() BEGIN DELETE FROM t; END //\nDELIMITER ;\n',
    });
    try {
      const plan = await bb(['plan', '--env', 'prod'], { cwd: dir });
      expect(plan.code).toBe(1);
      expect(plan.stdout).toContain('migrations/0002_proc.sql:3: TiDB does not support stored procedures (CREATE PROCEDURE archive)');
      expect(plan.stdout).toMatch(/TiDB does not support stored procedures/);
      const run = await bb(['migrate', '--env', 'prod'], { cwd: dir });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/TiDB does not support stored procedures/);
      // Nothing ran: not even 0001, whose plan was fine.
      expect(await MysqlDatabases.query(url.replace(/^tidb:/, 'mysql:'), "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()")).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
