/**
 * bb query on ClickHouse, embedded (chdb://) and over HTTP (the chdb-backed HTTP front): refusals
 * (exit 2, table unchanged), masking through aliases, SELECT *, views, expressions, joins, subqueries
 * and UNION, the audit log, the server-side timeout (max_execution_time) and read-only (readonly = 1);
 * bb backup of the same database (restored into a new one), and prior backup, which the ClickHouse
 * data tasks still refuse.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load.js';
import { loadEngine } from '../src/engine.js';
import { BbError, exitCode } from '../src/errors.js';
import { runQuery, type QueryInput } from '../src/query/run.js';
import { runBackup, runRestore } from '../src/backup/backup.js';
import { checkRead } from '../engines/clickhouse/query.js';
import { makeTarget } from './support/engine-cases.js';
import type { ClickHouseHttp } from './support/clickhouse-http.js';
import { expectPriorBackupRefused } from './support/prior-backup.js';
import { auditLines, expectNoEmail, maskedQueryConfig, queryRows } from './support/query.js';

const SETUP = [
  'CREATE TABLE users (id UInt32, name String, email Nullable(String), phone String, big UInt64) ENGINE = MergeTree ORDER BY id',
  'CREATE TABLE orders (id UInt32, user_id UInt32, total Decimal(10, 2)) ENGINE = MergeTree ORDER BY id',
  "INSERT INTO users VALUES (1, 'Ada', 'ada@example.com', '+44 20 7946 0018', 18446744073709551615), (2, 'Bob', 'bob@example.org', '+1 555 0100', 2)",
  'INSERT INTO orders VALUES (10, 1, 12.50), (11, 2, 99.00)',
  'CREATE VIEW v_users AS SELECT id, name, email, lower(email) AS le FROM users',
  'CREATE VIEW v_v AS SELECT id, le AS inner_le, email AS contact FROM v_users',
  'CREATE TABLE contacts (id UInt32, email String, lowered String MATERIALIZED lower(email), shout String ALIAS upper(email)) ENGINE = MergeTree ORDER BY id',
  "INSERT INTO contacts (id, email) VALUES (1, 'ada@example.com')",
  "CREATE TABLE events (id UInt64, email String, plain String DEFAULT 'y') ENGINE = MergeTree ORDER BY id",
  "INSERT INTO events (id, email) VALUES (1, 'ada@example.com'), (2, 'bob@example.org')",
  "CREATE DICTIONARY events_dict (id UInt64, email String) PRIMARY KEY id SOURCE(CLICKHOUSE(TABLE 'events')) LAYOUT(FLAT()) LIFETIME(0)",
];

const tmp = mkdtempSync(join(tmpdir(), 'bbt-query-ch-'));
const chdbUrl = `chdb://${join(tmp, 'chdb')}`;
let http: ClickHouseHttp | undefined;

beforeAll(async () => {
  const engine = await loadEngine('clickhouse');
  const session = await engine.connect(makeTarget('clickhouse', chdbUrl, 'dev/app'), {});
  try {
    for (const sql of SETUP) await session.execute(sql);
  } finally {
    await session.close();
  }
  const { startClickHouseHttp } = await import('./support/clickhouse-http.js');
  http = await startClickHouseHttp({ dir: join(tmp, 'http') });
  for (const sql of SETUP) await http.query(sql);
  writeFileSync(join(tmp, 'bb.config.yaml'), maskedQueryConfig('clickhouse', [
    { name: 'dev', url: chdbUrl },
    { name: 'http', url: http.url('default') },
    { name: 'locked', url: chdbUrl, query: false },
  ]));
}, 60_000);

afterAll(async () => {
  await http?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

const config = join(tmp, 'bb.config.yaml');
const fail = (sql: string, extra: Partial<QueryInput> = {}) => queryRows(config, sql, extra).then(() => undefined, (e: unknown) => e);

describe.each([
  ['chdb', 'dev'],
  ['HTTP', 'http'],
])('bb query on ClickHouse (%s)', (_transport, env) => {
  const run = (sql: string, extra: Partial<QueryInput> = {}) => queryRows(config, sql, { env, ...extra });
  const count = async (): Promise<number> => Number((await queryRows(config, 'SELECT count() AS n FROM users', { env })).rows[0]!.n);

  it('masks email through aliases, *, views, expressions, joins, subqueries and UNION; other columns come back as they are', async () => {
    let r = await run('SELECT email FROM users ORDER BY id');
    expect(r.rows).toEqual([{ email: '***' }, { email: '***' }]);
    expect(r.masked).toEqual(['email']);
    r = await run('SELECT email AS e, name FROM users ORDER BY id');
    expectNoEmail(r.rows);
    expect(r.rows).toEqual([{ e: '***', name: 'Ada' }, { e: '***', name: 'Bob' }]);
    r = await run('SELECT * FROM users ORDER BY id');
    expectNoEmail(r.rows);
    expect(r.rows[0]).toMatchObject({ id: 1, name: 'Ada', email: '***', big: '18446744073709551615' });
    expect(String(r.rows[0]!.phone)).toMatch(/^\*+0018$/);
    r = await run('SELECT * FROM v_users ORDER BY id');
    expectNoEmail(r.rows);
    expect(r.rows.map((x) => x.name)).toEqual(['Ada', 'Bob']);
    r = await run('SELECT upper(inner_le) AS shout, contact FROM v_v ORDER BY id');
    expectNoEmail(r.rows);
    r = await run('SELECT lower(email) FROM users');
    expectNoEmail(r.rows);
    r = await run("SELECT concat(name, ' <', email, '>') AS who FROM users");
    expectNoEmail(r.rows);
    r = await run('SELECT u.name, u.email, o.total FROM users u JOIN orders o ON o.user_id = u.id ORDER BY o.id');
    expectNoEmail(r.rows);
    expect(r.rows.map((x) => [x.name, x.total])).toEqual([['Ada', '12.50'], ['Bob', '99.00']]);
    r = await run('SELECT x FROM (SELECT email AS x FROM users) s');
    expectNoEmail(r.rows);
    r = await run('WITH s AS (SELECT id, email AS contact FROM users) SELECT contact FROM s ORDER BY id');
    expectNoEmail(r.rows);
    r = await run('SELECT name FROM users UNION ALL SELECT email FROM users');
    expectNoEmail(r.rows);
    r = await run('SELECT (SELECT any(email) FROM users) AS sneaky');
    expectNoEmail(r.rows);
    r = await run('SELECT lowered, shout, id FROM contacts');
    expect(r.rows).toEqual([{ lowered: '***', shout: '***', id: 1 }]);
    r = await run('SELECT id, name FROM users WHERE id = 2');
    expect(r.rows).toEqual([{ id: 2, name: 'Bob' }]);
    expect(r.masked).toEqual([]);
  });

  it('masks in full what the analyzer expands inside an expression (tuple(*), (*,)) and what dictGet reads by name', async () => {
    for (const sql of [
      'SELECT tuple(*) FROM events',
      'SELECT toString(e) FROM (SELECT (*,) AS e FROM events)',
      "SELECT dictGet('events_dict', 'email', toUInt64(1)) AS e",
    ]) {
      const r = await run(sql);
      expectNoEmail(r.rows);
      expect(r.masked, sql).toEqual(Object.keys(r.rows[0]!));
      for (const row of r.rows) for (const v of Object.values(row)) expect(v, sql).toBe('***');
    }
    // Generators read no table: their columns stay as they are.
    expect((await run('SELECT number FROM numbers(2)')).masked).toEqual([]);
  });

  it('follows merge() to the tables it reads: their masked columns are masked, the others come back as they are', async () => {
    for (const sql of ["SELECT * FROM merge(currentDatabase(), '^events$') ORDER BY id", "SELECT id, email, plain FROM merge('^events$') ORDER BY id"]) {
      const r = await run(sql);
      expect(r.rows, sql).toEqual([{ id: '1', email: '***', plain: 'y' }, { id: '2', email: '***', plain: 'y' }]);
      expect(r.masked, sql).toEqual(['email']);
    }
  });

  it('masks an expression over a partly masked column in full: each slice\'s last 4 characters would rebuild the value', async () => {
    const r = await run('SELECT phone AS p, reverse(phone) AS r, substring(phone, 1, 8) AS a, substring(phone, 1, 12) AS b FROM users WHERE id = 1');
    expect(r.rows).toEqual([{ p: '************0018', r: '***', a: '***', b: '***' }]);
  });

  it('leaves a column with a constant DEFAULT as it is beside a masked one', async () => {
    const r = await run('SELECT id, email, plain FROM events ORDER BY id');
    expect(r.rows).toEqual([{ id: '1', email: '***', plain: 'y' }, { id: '2', email: '***', plain: 'y' }]);
    expect(r.masked).toEqual(['email']);
  });

  it('refuses writes and anything but a query with exit 2, and leaves the table unchanged', async () => {
    for (const sql of [
      "INSERT INTO users VALUES (3, 'Eve', 'eve@example.net', '', 3)",
      'ALTER TABLE users DELETE WHERE id = 1',
      "ALTER TABLE users UPDATE name = 'x' WHERE 1",
      'DELETE FROM users WHERE id = 1',
      'DROP TABLE users',
      'TRUNCATE TABLE users',
      "SELECT 1; INSERT INTO users VALUES (3, 'Eve', 'eve@example.net', '', 3)",
      "SELECT * FROM users INTO OUTFILE '/tmp/bbt-users.csv'",
      'SELECT * FROM users FORMAT CSV',
      'SET readonly = 0',
      'SYSTEM DROP MARK CACHE',
    ]) {
      const error = await fail(sql, { env });
      expect(error, sql).toBeInstanceOf(BbError);
      expect(exitCode(error), `${sql}: ${(error as Error).message}`).toBe(2);
      expect((error as BbError).code, sql).toBe('query.refused');
    }
    expect(await count()).toBe(2);
  });

  it('runs with readonly = 1: the server refuses what bb\'s reader lets through', async () => {
    const error = await fail("SELECT * FROM file('/etc/hostname', 'LineAsString')", { env });
    expect(error).toBeInstanceOf(BbError);
    expect(exitCode(error)).toBe(2);
    expect((error as BbError).message).toMatch(/readonly/i);
  });

  it('cancels a query past --timeout on the server (max_execution_time)', async () => {
    const started = Date.now();
    const error = await fail('SELECT sleep(3) AS slept', { env, timeoutMs: 1000 });
    expect((error as BbError).code).toBe('query.timeout');
    expect((error as BbError).message).toMatch(/ran past --timeout \(1 s\)/);
    expect(Date.now() - started).toBeLessThan(2900);
  });

  it('streams many rows, and stops at --limit', async () => {
    const parsed = await loadConfig({ configPath: config });
    let lines = 0;
    await runQuery({ config: parsed, env, db: 'app', sql: 'SELECT number FROM numbers(200000)', format: 'csv', limit: 0, timeoutMs: 30_000, unmask: false, batchSize: 1000, write: async (t) => void (lines += String(t).split('\n').length - 1) });
    expect(lines).toBe(200_001);
    let limited = '';
    const summary = await runQuery({ config: parsed, env, db: 'app', sql: 'SELECT number FROM numbers(200000)', format: 'table', limit: 100, timeoutMs: 30_000, unmask: false, batchSize: 50, write: async (t) => void (limited += String(t)) });
    expect(summary.truncated).toBe(true);
    expect(limited).toMatch(/\(100 rows\) \(limited to 100/);
  });
});

describe('bb query on ClickHouse: configuration and audit', () => {
  it('refuses on an environment with query: false', async () => {
    const error = await fail('SELECT 1', { env: 'locked' });
    expect((error as BbError).code).toBe('query.disabled');
    expect(exitCode(error)).toBe(2);
  });

  it('audits every query, refused and failed ones included', async () => {
    const lines = auditLines(join(tmp, 'audit.jsonl'));
    const find = (env: string, statement: string) => lines.find((l) => l.environment === env && l.statement === statement);
    for (const env of ['dev', 'http']) {
      expect(find(env, 'SELECT email FROM users ORDER BY id')).toMatchObject({ outcome: 'ok', masked: ['email'] });
      expect(find(env, 'DROP TABLE users')?.outcome).toBe('refused');
      expect(find(env, 'ALTER TABLE users DELETE WHERE id = 1')?.outcome).toBe('refused');
      expect(find(env, "SELECT * FROM file('/etc/hostname', 'LineAsString')")?.outcome).toBe('refused');
      expect(find(env, 'SELECT sleep(3) AS slept')?.outcome).toBe('failed');
    }
    expect(find('locked', 'SELECT 1')?.outcome).toBe('refused');
  });
});

describe('the read-only check', () => {
  it('names what it refuses', async () => {
    expect(await checkRead('INSERT INTO t VALUES (1)')).toEqual({ ok: false, reason: 'is INSERT, which writes' });
    expect(await checkRead('ALTER TABLE t DELETE WHERE 1')).toMatchObject({ ok: false, reason: expect.stringMatching(/^is ALTER TABLE … DELETE, a mutation/) });
    expect(await checkRead('SELECT 1; DROP TABLE t')).toEqual({ ok: false, reason: '(statement 2) is DROP TABLE, which writes' });
    expect(await checkRead('SELECT 1; SELECT 2')).toMatchObject({ ok: false, reason: expect.stringMatching(/2 statements/) });
    expect(await checkRead('SHOW TABLES')).toMatchObject({ ok: false, reason: expect.stringMatching(/not a query/) });
    expect(await checkRead("SELECT 'a")).toMatchObject({ ok: false, syntax: true, reason: expect.stringMatching(/does not parse/) });
    expect(await checkRead('SELECT format FROM t;')).toMatchObject({ ok: true });
    expect(await checkRead('(SELECT a.email FROM db.users a)')).toMatchObject({ ok: true, tables: [{ schema: 'db', table: 'users' }] });
  });
});

describe('what the ClickHouse data tasks refuse', () => {
  it('bb backup is no longer refused: it backs the target up, and a restore brings MATERIALIZED and ALIAS columns back as computed ones', async () => {
    const parsed = await loadConfig({ configPath: config });
    const out = join(tmp, 'backups');
    const report = await runBackup({ config: parsed, env: 'dev', cwd: tmp, out });
    expect(report.errors).toEqual([]);
    expect(report.backups).toMatchObject([{ engine: 'clickhouse', target: { id: 'dev/app' }, file: expect.stringMatching(/\.chbackup$/) }]);
    expect(existsSync(join(out, report.backups[0]!.file))).toBe(true);
    const restored = await runRestore({ config: parsed, env: 'dev', from: join(out, `${report.backups[0]!.id}.manifest.json`), into: 'query_copy', replace: false, cwd: tmp });
    expect(restored).toMatchObject({ database: 'query_copy', replaced: false });
    const engine = await loadEngine('clickhouse');
    const session = await engine.connect(makeTarget('clickhouse', `${chdbUrl}?database=query_copy`, 'dev/copy'), {});
    try {
      expect(await session.query('SELECT id, email, lowered, shout FROM contacts')).toEqual([{ id: 1, email: 'ada@example.com', lowered: 'ada@example.com', shout: 'ADA@EXAMPLE.COM' }]);
      expect(await session.query('SELECT toString(big) AS big FROM users ORDER BY id')).toEqual([{ big: '18446744073709551615' }, { big: '2' }]);
    } finally {
      await session.close();
    }
  });

  it('prior backup (-- bb:backup) stops the migration before it runs; rollback --data is refused with exit 2', async () => {
    const dir = join(tmp, 'prior');
    await expectPriorBackupRefused(dir, 'clickhouse', `chdb://${join(dir, 'db')}`, 'CREATE TABLE t (id UInt32) ENGINE = MergeTree ORDER BY id', 't');
  });
});
