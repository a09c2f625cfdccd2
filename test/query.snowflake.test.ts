/**
 * bb query on Snowflake against the emulator: refusals (exit 2, table unchanged), masking through
 * aliases, SELECT *, views, expressions, joins and subqueries, the audit log, the statement timeout
 * (STATEMENT_TIMEOUT_IN_SECONDS) and BEGIN … ROLLBACK around the query; bb backup and prior backup,
 * which the Snowflake data tasks refuse.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load.js';
import { loadEngine } from '../src/engine.js';
import { BbError, exitCode } from '../src/errors.js';
import { runQuery, type QueryInput } from '../src/query/run.js';
import { runBackup, runRestore } from '../src/backup/backup.js';
import { checkRead } from '../engines/snowflake/query.js';
import { makeTarget } from './support/engine-cases.js';
import { expectPriorBackupRefused } from './support/prior-backup.js';
import { auditLines, expectNoEmail, maskedQueryConfig, queryRows } from './support/query.js';
import { startSnowflakeEmulator, type SnowflakeEmulator } from './support/snowflake-emulator/index.js';

const SETUP = [
  'CREATE TABLE users (id NUMBER, name VARCHAR, email VARCHAR, phone VARCHAR)',
  'CREATE TABLE orders (id NUMBER, user_id NUMBER, total NUMBER(10, 2))',
  "INSERT INTO users VALUES (1, 'Ada', 'ada@example.com', '+44 20 7946 0018'), (2, 'Bob', 'bob@example.org', '+1 555 0100')",
  'INSERT INTO orders VALUES (10, 1, 12.50), (11, 2, 99.00)',
  'CREATE VIEW v_users AS SELECT id, name, email AS contact, lower(email) AS le FROM users',
  'CREATE VIEW v_v AS SELECT id, contact AS c2 FROM v_users',
];

const tmp = mkdtempSync(join(tmpdir(), 'bbt-query-sf-'));
let emu: SnowflakeEmulator;
const url = (): string => `snowflake://bb:bb@local/BBT/PUBLIC?accessUrl=${encodeURIComponent(emu.accessUrl)}`;

beforeAll(async () => {
  emu = await startSnowflakeEmulator({ users: [{ name: 'bb', password: 'bb' }] });
  const engine = await loadEngine('snowflake');
  const session = await engine.connect(makeTarget('snowflake', url(), 'dev/app'), {});
  try {
    for (const sql of SETUP) await session.execute(sql);
  } finally {
    await session.close();
  }
  writeFileSync(join(tmp, 'bb.config.yaml'), maskedQueryConfig('snowflake', [{ name: 'dev', url: url() }, { name: 'locked', url: url(), query: false }]));
}, 60_000);

afterAll(async () => {
  await emu?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const config = join(tmp, 'bb.config.yaml');
const run = (sql: string, extra: Partial<QueryInput> = {}) => queryRows(config, sql, extra);
const fail = (sql: string, extra: Partial<QueryInput> = {}) => queryRows(config, sql, extra).then(() => undefined, (e: unknown) => e);
const count = async (): Promise<number> => Number((await run('SELECT count(*) AS n FROM users')).rows[0]!.N);

describe('bb query on Snowflake (emulator)', () => {
  it('masks email through aliases, *, views, expressions, joins and subqueries; other columns come back as they are', async () => {
    let r = await run('SELECT email FROM users ORDER BY id');
    expect(r.rows).toEqual([{ EMAIL: '***' }, { EMAIL: '***' }]);
    expect(r.masked).toEqual(['EMAIL']);
    r = await run('SELECT email AS e, name FROM users ORDER BY id');
    expect(r.rows).toEqual([{ E: '***', NAME: 'Ada' }, { E: '***', NAME: 'Bob' }]);
    r = await run('SELECT * FROM users ORDER BY id');
    expectNoEmail(r.rows);
    expect(r.rows[0]).toMatchObject({ ID: 1, NAME: 'Ada', EMAIL: '***' });
    expect(String(r.rows[0]!.PHONE)).toMatch(/^\*+0018$/);
    r = await run('SELECT u.* FROM users u ORDER BY id');
    expect(r.rows[1]).toMatchObject({ ID: 2, NAME: 'Bob', EMAIL: '***' });
    for (const sql of ['SELECT * FROM v_users ORDER BY id', 'SELECT c2 FROM v_v', 'SELECT lower(email) FROM users', "SELECT name || ' <' || email || '>' AS who FROM users"]) {
      expectNoEmail((await run(sql)).rows);
    }
    r = await run('SELECT u.name, u.email, o.total FROM users u JOIN orders o ON o.user_id = u.id ORDER BY o.id');
    expectNoEmail(r.rows);
    expect(r.rows.map((x) => [x.NAME, x.EMAIL, x.TOTAL])).toEqual([['Ada', '***', 12.5], ['Bob', '***', 99]]);
    r = await run('SELECT u.name n, u.email e FROM users u WHERE u.id = 1');
    expect(r.rows).toEqual([{ N: 'Ada', E: '***' }]);
    for (const sql of ['SELECT x FROM (SELECT email AS x FROM users) s', 'WITH s AS (SELECT id, email AS contact FROM users) SELECT contact FROM s ORDER BY id', 'SELECT name FROM users UNION ALL SELECT email FROM users']) {
      expectNoEmail((await run(sql)).rows);
    }
    // Nothing masked is touched: every column as it is.
    r = await run('SELECT id, name FROM users WHERE id = 2');
    expect(r).toEqual({ rows: [{ ID: 2, NAME: 'Bob' }], masked: [] });
    r = await run('SELECT o.id, o.total * 2 AS twice FROM orders o ORDER BY o.id');
    expect(r.rows).toEqual([{ ID: 10, TWICE: 25 }, { ID: 11, TWICE: 198 }]);
  });

  it('refuses anything but one query before it is sent (exit 2), and the table is unchanged', async () => {
    for (const sql of [
      "INSERT INTO users VALUES (3, 'Eve', 'eve@example.net', '')",
      "UPDATE users SET email = 'x'",
      'DELETE FROM users WHERE id = 1',
      'DROP TABLE users',
      'SELECT 1; DELETE FROM users',
      'WITH x AS (SELECT 1) DELETE FROM users',
      'SHOW TABLES',
      "SELECT SYSTEM$CANCEL_QUERY('01')",
    ]) {
      const before = emu.queries.length;
      const error = await fail(sql);
      expect(error, sql).toBeInstanceOf(BbError);
      expect(exitCode(error), `${sql}: ${(error as Error).message}`).toBe(2);
      expect((error as BbError).code, sql).toBe('query.refused');
      expect(emu.queries.slice(before).some((q) => q.includes(sql)), sql).toBe(false);
    }
    expect(await count()).toBe(2);
  });

  it('sends STATEMENT_TIMEOUT_IN_SECONDS and runs the query between BEGIN and ROLLBACK', async () => {
    const before = emu.queries.length;
    await run('SELECT id FROM orders', { timeoutMs: 7_000 });
    const sent = emu.queries.slice(before);
    const at = (text: string): number => sent.findIndex((q) => q === text);
    expect(at('ALTER SESSION SET STATEMENT_TIMEOUT_IN_SECONDS = 7')).toBeGreaterThanOrEqual(0);
    expect(at('BEGIN TRANSACTION')).toBeGreaterThan(at('ALTER SESSION SET STATEMENT_TIMEOUT_IN_SECONDS = 7'));
    expect(at('SELECT id FROM orders')).toBeGreaterThan(at('BEGIN TRANSACTION'));
    expect(at('ROLLBACK')).toBeGreaterThan(at('SELECT id FROM orders'));
  });

  it('reports the server cancelling a query past --timeout', async () => {
    const started = Date.now();
    const error = await fail('SELECT SYSTEM$WAIT(5)', { timeoutMs: 1000 });
    expect((error as BbError).code).toBe('query.timeout');
    expect((error as BbError).message).toMatch(/ran past --timeout \(1 s\)/);
    expect(Date.now() - started).toBeLessThan(4500);
  });

  it('streams rows in batches and stops at --limit', async () => {
    const parsed = await loadConfig({ configPath: config });
    let out = '';
    const summary = await runQuery({ config: parsed, env: 'dev', db: 'app', sql: 'SELECT id, name FROM users ORDER BY id', format: 'csv', limit: 1, timeoutMs: 30_000, unmask: false, batchSize: 1, write: async (t) => void (out += String(t)) });
    expect(summary).toMatchObject({ rows: 1, truncated: true });
    expect(out).toMatch(/^ID,NAME\n1,Ada\n/);
  });

  it('refuses on an environment with query: false', async () => {
    const error = await fail('SELECT 1', { env: 'locked' });
    expect((error as BbError).code).toBe('query.disabled');
    expect(exitCode(error)).toBe(2);
  });

  it('audits every query, refused and failed ones included', async () => {
    const lines = auditLines(join(tmp, 'audit.jsonl'));
    const find = (env: string, statement: string) => lines.find((l) => l.environment === env && l.statement === statement);
    expect(find('dev', 'SELECT email FROM users ORDER BY id')).toMatchObject({ outcome: 'ok', masked: ['EMAIL'] });
    expect(find('dev', 'DROP TABLE users')?.outcome).toBe('refused');
    expect(find('dev', 'SELECT 1; DELETE FROM users')?.outcome).toBe('refused');
    expect(find('dev', 'SELECT SYSTEM$WAIT(5)')?.outcome).toBe('failed');
    expect(find('locked', 'SELECT 1')?.outcome).toBe('refused');
  });
});

describe('the Snowflake read-only check', () => {
  it('names what it refuses, and what a query reads', async () => {
    expect(await checkRead('INSERT INTO t VALUES (1)')).toMatchObject({ ok: false, reason: expect.stringMatching(/^is INSERT, which writes/) });
    expect(await checkRead('SELECT 1; DROP TABLE t')).toMatchObject({ ok: false, reason: expect.stringMatching(/^\(statement 2\) is DROP/) });
    expect(await checkRead('SELECT 1; SELECT 2')).toMatchObject({ ok: false, reason: expect.stringMatching(/2 statements/) });
    expect(await checkRead('DESCRIBE TABLE t')).toMatchObject({ ok: false, reason: expect.stringMatching(/not a query/) });
    expect(await checkRead('SELECT email FROM users ->> SELECT * FROM $1')).toMatchObject({ ok: false, reason: expect.stringMatching(/pipe operator/) });
    expect(await checkRead("SELECT * FROM TABLE(RESULT_SCAN('01b2'))")).toMatchObject({ ok: false, reason: expect.stringMatching(/RESULT_SCAN/) });
    expect(await checkRead('SELECT $1 FROM @my_stage/users.csv')).toMatchObject({ ok: false, reason: expect.stringMatching(/stage/) });
    expect(await checkRead('SELECT FILTER(arr, a -> a > 1) AS big FROM t')).toMatchObject({ ok: true });
    expect(await checkRead("SELECT 'a")).toMatchObject({ ok: false, syntax: true, reason: expect.stringMatching(/does not parse/) });
    expect(await checkRead('SELECT a.email FROM analytics.users a JOIN "Orders" o ON o.uid = a.id;')).toMatchObject({ ok: true, tables: [{ schema: 'ANALYTICS', table: 'USERS' }, { table: 'Orders' }], star: false });
  });
});

describe('what the Snowflake data tasks refuse', () => {
  it('bb backup and restore are refused (backup.unsupported) before connecting, with CLONE / Time Travel as the hint', async () => {
    const parsed = await loadConfig({ configPath: config });
    const out = join(tmp, 'backups');
    const report = await runBackup({ config: parsed, env: 'dev', cwd: tmp, out });
    expect(report.backups).toEqual([]);
    expect(report.errors).toMatchObject([{ target: 'dev/app', kind: 'usage', code: 'backup.unsupported', message: expect.stringMatching(/not available for the snowflake engine/), hint: expect.stringMatching(/CLONE .*Time Travel/) }]);
    expect(existsSync(out)).toBe(false);
    // bb restore of a (hand-made) Snowflake manifest: refused with the same code, nothing restored.
    const held = join(tmp, 'held');
    mkdirSync(held);
    writeFileSync(join(held, 'x.sql'), 'SELECT 1;\n');
    writeFileSync(join(held, 'x.manifest.json'), JSON.stringify({ format: 'bb-backup/1', id: 'x', engine: 'snowflake', serverVersion: '?', tool: '?', target: { id: 'dev/app', environment: 'dev', database: 'app', url: 'snowflake://local/BBT' }, file: 'x.sql', size: 10, sha256: '0'.repeat(64), durationMs: 0, createdAt: new Date().toISOString(), by: 'test' }));
    const error = await runRestore({ config: parsed, env: 'dev', from: join(held, 'x.manifest.json'), into: 'COPY', replace: false, cwd: tmp }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(BbError);
    expect((error as BbError).code).toBe('backup.unsupported');
    expect((error as BbError).hint).toMatch(/CLONE/);
    expect(exitCode(error)).toBe(2);
    const tasks = await (await loadEngine('snowflake')).dataTasks!();
    expect(tasks.backup).toBeUndefined();
    expect(tasks.restore).toBeUndefined();
  });

  it('prior backup (-- bb:backup) stops the migration before it runs; rollback --data is refused with exit 2', async () => {
    await expectPriorBackupRefused(join(tmp, 'prior'), 'snowflake', url(), 'CREATE TABLE prior_t (id NUMBER)', 'prior_t');
  });
});
