/**
 * bb query on real MariaDB: refusals (exit 2, table unchanged), masking through aliases, SELECT *,
 * views, expressions, joins and derived tables, the audit log and the server-side timeout.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load.js';
import { loadEngine } from '../src/engine.js';
import { BbError, exitCode } from '../src/errors.js';
import { runQuery, type QueryInput } from '../src/query/run.js';
import { auditLines, EMAILS, expectNoEmail, maskedQueryConfig, queryRows } from './support/query.js';
import { makeTarget } from './support/engine-cases.js';
import { MysqlDatabases, mysqlAvailable } from './support/servers.js';

const dbs = new MysqlDatabases('bbt_query');
const tmp = mkdtempSync(join(tmpdir(), 'bbt-query-my-'));

describe('bb query on MariaDB', () => {
  let url = '';
  let skip = false;
  beforeAll(async () => {
    if (!(await mysqlAvailable())) {
      skip = true;
      return;
    }
    url = await dbs.create('main');
    for (const sql of [
      'CREATE TABLE users (id int PRIMARY KEY, name varchar(50) NOT NULL, email varchar(100), phone varchar(40))',
      'CREATE TABLE orders (id int PRIMARY KEY, user_id int, total decimal(10,2))',
      "INSERT INTO users VALUES (1, 'Ada', 'ada@example.com', '+44 20 7946 0018'), (2, 'Bob', 'bob@example.org', '+1 555 0100')",
      'INSERT INTO orders VALUES (10, 1, 12.50), (11, 2, 99.00)',
      'CREATE VIEW v_users AS SELECT id, name, email, lower(email) AS le FROM users',
      'CREATE FUNCTION contact(i int) RETURNS varchar(100) READS SQL DATA RETURN (SELECT email FROM users WHERE id = i)',
      'CREATE VIEW v_contacts AS SELECT id, contact(id) AS c FROM users',
      'CREATE VIEW v_contacts2 AS SELECT c FROM v_contacts',
    ]) await MysqlDatabases.query(url, sql);
    mkdirSync(join(tmp, 'migrations'), { recursive: true });
    writeFileSync(join(tmp, 'bb.config.yaml'), maskedQueryConfig('mysql', [{ name: 'dev', url }]));
  });
  afterAll(async () => {
    if (!skip) await dbs.dropAll();
    rmSync(tmp, { recursive: true, force: true });
  });

  const run = (sql: string, extra: Partial<QueryInput> = {}) => queryRows(join(tmp, 'bb.config.yaml'), sql, extra);

  it('masks email through aliases, *, views, expressions, joins and derived tables; other columns unchanged', async () => {
    if (skip) return;
    let r = await run('SELECT email FROM users ORDER BY id');
    expect(r.rows).toEqual([{ email: '***' }, { email: '***' }]);
    r = await run('SELECT email AS e, name FROM users ORDER BY id');
    expectNoEmail(r.rows);
    expect(r.rows.map((x) => x.name)).toEqual(['Ada', 'Bob']);
    r = await run('SELECT * FROM users ORDER BY id');
    expectNoEmail(r.rows);
    expect(r.rows[0]).toMatchObject({ id: 1, name: 'Ada' });
    expect(String(r.rows[0]!.phone)).toMatch(/^\*+0018$/);
    r = await run('SELECT * FROM v_users ORDER BY id');
    expectNoEmail(r.rows);
    expect(r.rows.map((x) => x.name)).toEqual(['Ada', 'Bob']);
    r = await run('SELECT lower(email) FROM users');
    expectNoEmail(r.rows);
    r = await run('SELECT u.name, u.email, o.total FROM users u JOIN orders o ON o.user_id = u.id ORDER BY o.id');
    expectNoEmail(r.rows);
    expect(r.rows.map((x) => x.total)).toEqual(['12.50', '99.00']);
    r = await run('SELECT x FROM (SELECT email AS x FROM users) s');
    expectNoEmail(r.rows);
    r = await run('SELECT upper(le) AS shout FROM v_users');
    expectNoEmail(r.rows);
  });

  it('refuses writes with exit 2 and leaves the table unchanged', async () => {
    if (skip) return;
    for (const sql of ['DELETE FROM users', "UPDATE users SET name = 'x'", 'DROP TABLE users', 'SELECT 1; DELETE FROM users', 'WITH d AS (SELECT id FROM users) DELETE FROM users', 'SELECT * FROM users FOR UPDATE', "SELECT GET_LOCK('x', 1)", "SELECT * FROM users INTO OUTFILE '/tmp/x'"]) {
      const error = await run(sql).then(() => undefined, (e: unknown) => e);
      expect(error, sql).toBeInstanceOf(BbError);
      expect(exitCode(error), `${sql}: ${(error as Error).message}`).toBe(2);
    }
    const [row] = await MysqlDatabases.query<{ n: number }>(url, 'SELECT count(*) AS n FROM users');
    expect(Number(row!.n)).toBe(2);
  });

  it('refuses executable comments (/*! … */, /*M! … */) with exit 2, before sending anything', async () => {
    if (skip) return;
    const outfile = join(tmp, 'outfile.txt');
    for (const sql of [`SELECT id FROM users /*!INTO OUTFILE '${outfile}' */`, "SELECT 1 /*!, GET_LOCK('bbt_query_lock', 1) */", "SELECT 1 /*!, LOAD_FILE('/etc/hostname') */", "SELECT id /*!, concat(email,'') AS e */ FROM users", 'SELECT id /*M!, email */ FROM users']) {
      const error = await run(sql).then(() => undefined, (e: unknown) => e);
      expect(error, sql).toBeInstanceOf(BbError);
      expect([exitCode(error), (error as BbError).message, (error as BbError).hint], sql).toEqual([2, expect.stringMatching(/^Refused: the query contains an executable comment/), expect.stringMatching(/plain SQL/)]);
    }
    expect(existsSync(outfile)).toBe(false);
    const [lock] = await MysqlDatabases.query<{ free: number }>(url, "SELECT IS_FREE_LOCK('bbt_query_lock') AS free");
    expect(Number(lock!.free)).toBe(1);
  });

  it('masks and refuses where the parser and the server read the text differently (BINARY email, --x, a side-effect function in a comment)', async () => {
    if (skip) return;
    // node-sql-parser reads `BINARY email` as a column BINARY named email; the server, as email's bytes.
    const r = await run('SELECT BINARY email, CAST(email AS BINARY) AS c FROM users');
    expect(r.rows).toEqual([{ 'BINARY email': '***', c: '***' }, { 'BINARY email': '***', c: '***' }]);
    // `name --phone` is `name - -phone` to the server (the phone's leading number), a comment to the parser.
    for (const sql of ['SELECT name --phone\nFROM users', "SELECT id --GET_LOCK('bbt_query_dash', 1)\nFROM users"]) {
      const error = await run(sql).then(() => undefined, (e: unknown) => e);
      expect([exitCode(error), (error as BbError).message], sql).toEqual([2, expect.stringMatching(/^Refused: the query contains `--` without a space/)]);
    }
    const [lock] = await MysqlDatabases.query<{ free: number }>(url, "SELECT IS_FREE_LOCK('bbt_query_dash') AS free");
    expect(Number(lock!.free)).toBe(1);
    const error = await run('SELECT * FROM mysql.column_stats').then(() => undefined, (e: unknown) => e);
    expect(exitCode(error)).toBe(2);
    const lines = auditLines(join(tmp, 'audit.jsonl'));
    expect(lines.find((l) => l.statement === 'SELECT name --phone\nFROM users')?.outcome).toBe('refused');
    expect(lines.find((l) => l.statement === 'SELECT * FROM mysql.column_stats')?.outcome).toBe('refused');
  });

  it('masks what a stored function returns (it may read a masked column the query does not name), directly or through views', async () => {
    if (skip) return;
    for (const sql of ['SELECT contact(1) AS c', 'SELECT c FROM v_contacts', 'SELECT * FROM v_contacts2', 'SELECT (SELECT max(c) FROM v_contacts) AS c']) {
      const r = await run(sql);
      expect(r.rows.length, sql).toBeGreaterThan(0);
      expect(r.rows.every((x) => x.c === '***'), `${sql}: ${JSON.stringify(r.rows)}`).toBe(true);
    }
    expect((await run('SELECT id, name FROM users ORDER BY id')).rows).toEqual([{ id: 1, name: 'Ada' }, { id: 2, name: 'Bob' }]);
  });

  it('reports a statement that answers without a result set as such, not as a driver message', async () => {
    if (skip) return;
    const engine = await loadEngine('mysql');
    const session = await engine.connect(makeTarget('mysql', url, 'dev/app', tmp), {});
    try {
      const error = await session.readQuery!('DO 1', { timeoutMs: 5000, batchSize: 100 }).then(() => undefined, (e: unknown) => e);
      expect([(error as BbError).code, exitCode(error), (error as Error).message]).toEqual(['query.no-result', 1, 'The server returned no result set: it ran the statement as something other than a query.']);
    } finally {
      await session.close();
    }
  });

  it('cancels a query past --timeout on the server, and streams many rows', async () => {
    if (skip) return;
    const started = Date.now();
    const error = await run('SELECT SLEEP(20) AS slept, 8 AS marker', { timeoutMs: 1000 }).then(() => undefined, (e: unknown) => e);
    expect((error as BbError).code).toBe('query.timeout');
    expect(Date.now() - started).toBeLessThan(8000);
    const list = await MysqlDatabases.query<{ n: number }>(url, "SELECT count(*) AS n FROM information_schema.PROCESSLIST WHERE INFO LIKE 'SELECT SLEEP(20)%'");
    expect(Number(list[0]!.n)).toBe(0);
    const config = await loadConfig({ configPath: join(tmp, 'bb.config.yaml') });
    let lines = 0;
    await runQuery({ config, env: 'dev', db: 'app', sql: 'SELECT seq FROM seq_1_to_5000', format: 'csv', limit: 0, timeoutMs: 10_000, unmask: false, batchSize: 200, write: async (t) => void (lines += t.split('\n').length - 1) });
    expect(lines).toBe(5001);
    let limited = '';
    await runQuery({ config, env: 'dev', db: 'app', sql: 'SELECT seq FROM seq_1_to_5000', format: 'table', limit: 100, timeoutMs: 10_000, unmask: false, batchSize: 50, write: async (t) => void (limited += t) });
    expect(limited).toMatch(/\(100 rows\) \(limited to 100/);
  });

  it('audits every query, refused ones included', async () => {
    if (skip) return;
    const lines = auditLines(join(tmp, 'audit.jsonl'));
    expect(lines.find((l) => l.statement === 'DELETE FROM users')?.outcome).toBe('refused');
    expect(lines.find((l) => l.statement === 'SELECT email FROM users ORDER BY id')?.outcome).toBe('ok');
    expect(lines.find((l) => l.statement.startsWith('SELECT SLEEP(20)'))?.outcome).toBe('failed');
  });
});
