/**
 * bb query on real PostgreSQL and on PGlite: refusals (exit 2, table unchanged), masking through
 * aliases, SELECT *, views, expressions, joins and subqueries, the audit log, timeouts cancelled on
 * the server, formats and limits.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { loadConfig } from '../src/config/load.js';
import { exitCode, BbError } from '../src/errors.js';
import { runQuery, type QueryInput } from '../src/query/run.js';
import { auditLines, EMAILS, expectNoEmail, queryRows } from './support/query.js';
import { whoAmI } from '../src/query/audit.js';
import { PostgresDatabases, postgresAvailable } from './support/servers.js';

const SCHEMA = `
  CREATE TABLE users (id int PRIMARY KEY, name text NOT NULL, email text, phone text, ssn text);
  CREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES users(id), total numeric(10,2));
  CREATE SEQUENCE s;
  INSERT INTO users VALUES (1, 'Ada', 'ada@example.com', '+44 20 7946 0018', '123-45-6789'), (2, 'Bob', 'bob@example.org', '+1 555 0100', NULL);
  INSERT INTO orders VALUES (10, 1, 12.50), (11, 2, 99.00);
  CREATE VIEW v_users AS SELECT id, name, email, lower(email) AS le FROM users;
  CREATE VIEW v_users2 AS SELECT name, le, email AS contact FROM v_users;
  CREATE SCHEMA other;
  CREATE FUNCTION other.contacts() RETURNS SETOF text LANGUAGE sql AS 'SELECT email FROM public.users';
  CREATE FUNCTION other.people() RETURNS SETOF users LANGUAGE sql AS 'SELECT * FROM public.users';
  CREATE VIEW v_contacts AS SELECT other.contacts() AS c;
  ANALYZE users;
`;

interface Case { name: string; url: () => Promise<string>; setup(url: string): Promise<void>; count(url: string, sql: string): Promise<number>; cleanup(): Promise<void>; server: boolean }

const dbs = new PostgresDatabases('bbt_query');
const tmp = mkdtempSync(join(tmpdir(), 'bbt-query-'));
const pgliteDir = join(tmp, 'pglite-data');

async function pgExec(url: string, sql: string): Promise<pg.QueryResult[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query(sql);
    return Array.isArray(r) ? r : [r];
  } finally {
    await client.end();
  }
}

async function pgliteExec(sql: string): Promise<unknown[]> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = new PGlite(pgliteDir);
  try {
    const r = await db.exec(sql);
    return r.at(-1)?.rows ?? [];
  } finally {
    await db.close();
  }
}

const cases: Case[] = [
  {
    name: 'postgres', server: true,
    url: () => dbs.create('main'),
    setup: async (url) => void (await pgExec(url, SCHEMA)),
    count: async (url, sql) => Number((await pgExec(url, sql)).at(-1)!.rows[0].n),
    cleanup: () => dbs.dropAll(),
  },
  {
    name: 'pglite', server: false,
    url: async () => `pglite://${pgliteDir}`,
    setup: async () => void (await pgliteExec(SCHEMA)),
    count: async (_url, sql) => Number(((await pgliteExec(sql))[0] as { n: number }).n),
    cleanup: async () => undefined,
  },
];

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

for (const c of cases) {
  describe(`bb query on ${c.name}`, () => {
    let url = '';
    let dir = '';
    let audit = '';
    let skip = false;

    beforeAll(async () => {
      if (c.server && !(await postgresAvailable())) {
        skip = true;
        return;
      }
      url = await c.url();
      await c.setup(url);
      dir = join(tmp, c.name);
      mkdirSync(join(dir, 'migrations'), { recursive: true });
      audit = join(dir, 'audit.jsonl');
      writeFileSync(join(dir, 'bb.config.yaml'), `
databases:
  app:
    engine: postgres
    migrations: migrations
    masking:
      - { column: "*.email", method: full }
      - { column: users.phone, method: partial, keep: 4 }
      - { column: "*.ssn", method: hash }
audit:
  file: audit.jsonl
environments:
  - name: dev
    targets: { app: "${url}" }
  - name: plain
    masking: false
    targets: { app: "${url}" }
  - name: closed
    query: false
    targets: { app: "${url}" }
  - name: granted
    unmask: [${whoAmI().user}]
    targets: { app: "${url}" }
${c.server ? `  - name: tenants
    targets:
      app:
        discover: { url: "${url}", match: "/^bbt_query_main$/" }
` : ''}`);
    });
    afterAll(async () => {
      if (!skip) await c.cleanup();
    });

    const run = (sql: string, extra: Partial<QueryInput> = {}) => queryRows(join(dir, 'bb.config.yaml'), sql, extra);
    const refused = async (sql: string, extra: Partial<QueryInput> = {}): Promise<BbError> => {
      const error = await run(sql, extra).then(() => undefined, (e: unknown) => e);
      expect(error, sql).toBeInstanceOf(BbError);
      expect(exitCode(error), `${sql}: ${(error as Error).message}`).toBe(2);
      return error as BbError;
    };

    it('reads a discovered member of a group, still masked', async () => {
      if (skip || !c.server) return;
      const { rows } = await run('SELECT id, email FROM users ORDER BY id', { env: 'tenants', member: 'bbt_query_main' });
      expect(rows.map((r) => r.id)).toEqual([1, 2]);
      expectNoEmail(rows);
    });

    it("prints PostgreSQL's own text of each value (JSON numbers, booleans and documents where the type is one), the same on a server and on PGlite", async () => {
      if (skip) return;
      const { rows } = await run("SELECT true AS b, timestamptz '2024-01-02 03:04:05+00' AT TIME ZONE 'UTC' AS ts, 1.50::numeric AS n, '{1,2}'::int[] AS a, '\\x0102'::bytea AS bin, NULL::text AS nothing");
      expect(rows).toEqual([{ b: true, ts: '2024-01-02 03:04:05', n: '1.50', a: '{1,2}', bin: '\\x0102', nothing: null }]);
    });

    it('masks email whatever the query calls it, and leaves other columns as they are', async () => {
      if (skip) return;
      let r = await run('SELECT email FROM users ORDER BY id');
      expect(r.rows).toEqual([{ email: '***' }, { email: '***' }]);
      r = await run('SELECT email AS e, name FROM users ORDER BY id');
      expectNoEmail(r.rows);
      expect(r.rows.map((x) => x.name)).toEqual(['Ada', 'Bob']);
      r = await run('SELECT * FROM users ORDER BY id');
      expectNoEmail(r.rows);
      expect(r.rows[0]!.name).toBe('Ada');
      expect(String(r.rows[0]!.id)).toBe('1');
      expect(r.masked).toEqual(expect.arrayContaining(['email', 'phone', 'ssn']));
      expect(r.masked).not.toContain('name');
      r = await run('SELECT lower(email) FROM users');
      expectNoEmail(r.rows);
      r = await run('SELECT u.name, u.email, o.total FROM users u JOIN orders o ON o.user_id = u.id ORDER BY o.id');
      expectNoEmail(r.rows);
      expect(r.rows.map((x) => x.name)).toEqual(['Ada', 'Bob']);
      expect(r.rows.map((x) => String(x.total))).toEqual(['12.50', '99.00']);
      r = await run('SELECT x FROM (SELECT email AS x FROM users) s');
      expectNoEmail(r.rows);
      r = await run("SELECT name || ' <' || email || '>' AS who FROM users");
      expectNoEmail(r.rows);
    });

    it('masks a whole-row reference to a table with masked columns in full (row_to_json(u), json_agg(users), …)', async () => {
      if (skip) return;
      let r = await run('SELECT u FROM users u ORDER BY id');
      expect(r.rows).toEqual([{ u: '***' }, { u: '***' }]);
      expect(r.masked).toEqual(['u']);
      for (const sql of [
        'SELECT row_to_json(u) AS j FROM users u',
        'SELECT json_agg(users) AS j FROM users',
        "SELECT format('%s', u) AS j FROM users u",
        'SELECT to_jsonb(u) AS j FROM users u',
        'SELECT (SELECT array_agg(x) FROM users x) AS j',
        'SELECT row_to_json(s) AS j FROM (SELECT id, phone FROM users) s',
        'WITH c AS (SELECT * FROM users) SELECT c::text AS j FROM c',
        'SELECT to_json(v) AS j FROM v_users v',
      ]) {
        r = await run(sql);
        expect(r.rows.length, sql).toBeGreaterThan(0);
        expect(r.rows.every((x) => x.j === '***'), `${sql}: ${JSON.stringify(r.rows)}`).toBe(true);
      }
      r = await run('SELECT u.id, u FROM users u ORDER BY id');
      expect(r.rows).toEqual([{ id: 1, u: '***' }, { id: 2, u: '***' }]);
      const lines = auditLines(audit);
      expect(lines.find((l) => l.statement === 'SELECT json_agg(users) AS j FROM users' && l.environment === 'dev')?.masked).toEqual(['j']);
    });

    it('masks through views, views over views, and expressions over view columns', async () => {
      if (skip) return;
      let r = await run('SELECT * FROM v_users ORDER BY id');
      expectNoEmail(r.rows);
      expect(r.rows.map((x) => x.name)).toEqual(['Ada', 'Bob']);
      expect(r.masked).toEqual(expect.arrayContaining(['email', 'le']));
      r = await run('SELECT * FROM v_users2 ORDER BY name');
      expectNoEmail(r.rows);
      expect(r.rows.map((x) => x.name)).toEqual(['Ada', 'Bob']);
      r = await run('SELECT upper(le) AS shout FROM v_users');
      expectNoEmail(r.rows);
      expect(JSON.stringify(r.rows)).not.toMatch(/EXAMPLE/);
    });

    it("masks what a function or operator outside pg_catalog returns (it may read a masked column the query does not name), directly or through a view", async () => {
      if (skip) return;
      for (const sql of ['SELECT other.contacts() AS j', 'SELECT j FROM other.contacts() AS j', 'SELECT c AS j FROM v_contacts', 'SELECT upper(c) AS j FROM v_contacts']) {
        const r = await run(sql);
        expect(r.rows.length, sql).toBe(2);
        expect(r.rows.every((x) => x.j === '***'), `${sql}: ${JSON.stringify(r.rows)}`).toBe(true);
      }
      const r = await run('SELECT id, name FROM other.people() ORDER BY 1');
      expect(r.rows).toEqual([{ id: '***', name: '***' }, { id: '***', name: '***' }]);
      // The server's own functions stay traceable: nothing else is masked.
      expect((await run("SELECT upper(name) AS n FROM users WHERE id = 1")).rows).toEqual([{ n: 'ADA' }]);
    });

    it("refuses the planner's column statistics (pg_stats, pg_statistic, …), which hold masked columns' values", async () => {
      if (skip) return;
      for (const sql of ["SELECT histogram_bounds FROM pg_stats WHERE tablename = 'users'", 'SELECT stavalues1 FROM pg_catalog.pg_statistic', 'SELECT * FROM pg_stats_ext']) {
        const error = await refused(sql);
        expect([error.message, error.hint], sql).toEqual([expect.stringMatching(/^Refused: the query reads pg_stat\w+, whose sample values/), expect.stringMatching(/own client/)]);
      }
    });

    it('refuses functions whose effects a read-only transaction neither stops nor rolls back', async () => {
      if (skip) return;
      for (const sql of ["SELECT pg_stat_reset_single_table_counters('users'::regclass)", 'SELECT lo_creat(-1)', 'SELECT pg_ls_waldir()', "SELECT pg_backup_start('x')", "SELECT pg_copy_logical_replication_slot('a', 'b')", 'SELECT pg_log_backend_memory_contexts(pg_backend_pid())', "SELECT pg_import_system_collations('pg_catalog')", "SELECT pg_replication_origin_create('x')"]) {
        expect((await refused(sql)).message, sql).toMatch(/which has side effects/);
      }
    });

    it.runIf(c.server)('reads the query as it was checked when the database has standard_conforming_strings off', async () => {
      if (skip) return;
      // With it off, the server would read the backslash as an escape: a call hidden in what the check reads as a string.
      const sql = "SELECT 'a\\'' , pg_advisory_lock(4242)::text -- '\n AS y";
      await pgExec(url, "ALTER DATABASE bbt_query_main SET standard_conforming_strings = off");
      try {
        const r = await run(sql);
        expect(r.rows).toEqual([{ y: "a\\' , pg_advisory_lock(4242)::text -- " }]);
      } finally {
        await pgExec(url, 'ALTER DATABASE bbt_query_main RESET standard_conforming_strings');
      }
    });

    it("withholds a failure's server message that could quote a masked value (SELECT email::int), keeping the SQLSTATE", async () => {
      if (skip) return;
      for (const sql of ['SELECT email::int FROM users WHERE id = 1', "SELECT to_date(email, 'YYYY') FROM users", 'SELECT c::json FROM v_contacts']) {
        const error = await run(sql).then(() => undefined, (e: unknown) => e);
        expect([(error as BbError).code, exitCode(error)], sql).toEqual(['query.failed', 1]);
        expect((error as BbError).message, sql).toMatch(/^The query failed \[22\w{3}\]; the server's message is withheld/);
        expect(JSON.stringify(auditLines(audit).filter((l) => l.statement === sql)), sql).not.toMatch(/example/);
      }
      // About the SQL (class 42), where masking is off, or when the query reads no masked column: shown.
      expect((await run('SELECT emial FROM users').then(() => undefined, (e: unknown) => e) as Error).message).toMatch(/column "emial" does not exist/);
      expect((await run('SELECT email::int FROM users WHERE id = 1', { env: 'plain' }).then(() => undefined, (e: unknown) => e) as Error).message).toMatch(/ada@example\.com/);
      if (c.server) expect((await run('SELECT name::int FROM users WHERE id = 1').then(() => undefined, (e: unknown) => e) as Error).message).toMatch(/"Ada"/);
    });

    it('runs a query followed by empty statements (;;) or a comment after its semicolon', async () => {
      if (skip) return;
      for (const sql of ['SELECT 1 AS one;;', "SELECT 1 AS one; -- done\n; /* again */ ;", ';SELECT 1 AS one']) {
        expect((await run(sql)).rows, sql).toEqual([{ one: 1 }]);
      }
    });

    it('applies partial and hash masking', async () => {
      if (skip) return;
      const r = await run('SELECT phone, ssn FROM users ORDER BY id');
      expect(r.rows[0]!.phone).toMatch(/^\*+0018$/);
      expect(r.rows[0]!.ssn).toMatch(/^[0-9a-f]{16}$/);
      expect(r.rows[1]!.ssn).toBeNull();
    });

    it('refuses writes with exit 2 and leaves the table unchanged', async () => {
      if (skip) return;
      const statements = [
        'DELETE FROM users',
        "UPDATE users SET name = 'x'",
        'DROP TABLE users',
        'SELECT 1; DELETE FROM users',
        'WITH d AS (DELETE FROM users RETURNING *) SELECT * FROM d',
        'SELECT * FROM users FOR UPDATE',
        "SELECT nextval('s')",
        'SELECT * INTO users_copy FROM users',
        'TRUNCATE users',
      ];
      for (const sql of statements) await refused(sql);
      expect(await c.count(url, 'SELECT count(*) AS n FROM users')).toBe(2);
      expect(await c.count(url, "SELECT count(*) AS n FROM pg_class WHERE relname = 'users_copy'")).toBe(0);
    });

    it('refuses functions that run SQL text (query_to_xml, table_to_xml, dblink, …) before sending anything', async () => {
      if (skip) return;
      for (const sql of [
        "SELECT query_to_xml('select email, ssn from users', true, false, '')",
        "SELECT table_to_xml('users', true, false, '')",
        "SELECT cursor_to_xml('c', 10, true, false, '')",
        "SELECT * FROM ts_stat('select to_tsvector(email) from users')",
      ]) expect((await refused(sql)).message).toMatch(/runs SQL text or reads whole tables/);
      if (!c.server) return;
      const victim = new pg.Client({ connectionString: url });
      await victim.connect();
      try {
        const pid = (await victim.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
        await refused(`SELECT query_to_xml('select pg_terminate_backend(${pid})', true, false, '')`);
        expect((await victim.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one).toBe(1);
      } finally {
        await victim.end().catch(() => undefined);
      }
    });

    it('honours query: false, --unmask grants and masking: false', async () => {
      if (skip) return;
      await refused('SELECT 1', { env: 'closed' });
      await refused('SELECT email FROM users', { unmask: true });
      const granted = await run('SELECT email FROM users ORDER BY id', { env: 'granted', unmask: true });
      expect(granted.rows.map((x) => x.email)).toEqual(EMAILS);
      const plain = await run('SELECT email FROM users ORDER BY id', { env: 'plain' });
      expect(plain.rows.map((x) => x.email)).toEqual(EMAILS);
    });

    it('streams every format, and limits table output', async () => {
      if (skip) return;
      const config = await loadConfig({ configPath: join(dir, 'bb.config.yaml') });
      const collect = async (format: QueryInput['format'], limit: number, sql: string): Promise<string> => {
        let out = '';
        await runQuery({ config, env: 'dev', db: 'app', sql, format, limit, timeoutMs: 10_000, unmask: false, write: async (t) => void (out += t), batchSize: 100 });
        return out;
      };
      const csv = await collect('csv', 0, "SELECT g AS n, 'a,b' AS t, NULL::text AS z FROM generate_series(1, 2500) g");
      const lines = csv.trim().split('\n');
      expect(lines[0]).toBe('n,t,z');
      expect(lines).toHaveLength(2501);
      expect(lines[2500]).toBe('2500,"a,b",');
      const json = JSON.parse(await collect('json', 0, 'SELECT id, email FROM users ORDER BY id')) as { id: unknown; email: string }[];
      expect(json.map((r) => r.email)).toEqual(['***', '***']);
      const table = await collect('table', 1000, 'SELECT g FROM generate_series(1, 1500) g');
      expect(table).toMatch(/\(1000 rows\) \(limited to 1000/);
      expect(table.split('\n').filter((l) => /^\s+\d+$/.test(l))).toHaveLength(1000);
    });

    it.runIf(c.server)('cancels a query that runs past --timeout on the server', async () => {
      if (skip) return;
      const started = Date.now();
      const error = await run('SELECT pg_sleep(20) AS slept, 7 AS marker', { timeoutMs: 1000 }).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(BbError);
      expect((error as BbError).code).toBe('query.timeout');
      expect(Date.now() - started).toBeLessThan(8000);
      const active = await pgExec(url, "SELECT count(*) AS n FROM pg_stat_activity WHERE query LIKE '%pg_sleep(20)%' AND state = 'active' AND pid <> pg_backend_pid()");
      expect(Number(active[0]!.rows[0].n)).toBe(0);
    });

    it('writes an audit line for every query, refused and failed ones included', async () => {
      if (skip) return;
      const lines = auditLines(audit);
      const find = (sql: string, env = 'dev'): (typeof lines)[number] | undefined => lines.find((l) => l.statement === sql && l.environment === env);
      expect(find('SELECT email FROM users ORDER BY id')).toMatchObject({ outcome: 'ok', rows: 2, masked: ['email'], target: 'dev/app' });
      for (const sql of ['DELETE FROM users', "UPDATE users SET name = 'x'", 'DROP TABLE users', 'SELECT 1; DELETE FROM users', 'WITH d AS (DELETE FROM users RETURNING *) SELECT * FROM d']) {
        expect(find(sql)?.outcome, sql).toBe('refused');
      }
      expect(find('SELECT 1', 'closed')?.outcome).toBe('refused');
      expect(find('SELECT lower(email) FROM users')?.masked).toHaveLength(1);
      if (c.server) expect(find('SELECT pg_sleep(20) AS slept, 7 AS marker')?.outcome).toBe('failed');
      expect(lines.every((l) => l.user && l.host)).toBe(true);
    });
  });
}
