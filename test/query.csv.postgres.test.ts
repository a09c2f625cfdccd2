/**
 * bb query --format csv on PostgreSQL takes the server's own CSV (COPY … CSV, masked by the server)
 * when it can: it must print exactly what bb's formatter prints from decoded rows (engineCsv: false),
 * for awkward values (NULL, empty strings, booleans, timestamps, arrays, json, bytea, quotes,
 * newlines, \., non-BMP text), masked or not, limited or not, and count the rows for the audit log.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { loadConfig } from '../src/config/load.js';
import { runQuery, type QueryInput } from '../src/query/run.js';
import { PostgresDatabases, postgresAvailable } from './support/servers.js';
import { auditLines } from './support/query.js';

const SCHEMA = `
  CREATE TABLE odd (
    id int PRIMARY KEY, label text, flag boolean, at timestamptz, day date, tags text[], doc jsonb,
    raw bytea, code char(5), addr inet, email varchar(80), phone text, secret text, amount numeric(10,2)
  );
  INSERT INTO odd VALUES
    (1, 'plain', true, '2024-02-29 13:14:15.5+00', '2024-02-29', '{a,"b c",NULL}', '{"k": [1, "x,y"]}', '\\x0001ff', 'ab', '10.0.0.1/32', 'ada@example.com', '+44 20 7946 0018', 's1', 12.5),
    (2, '', false, NULL, NULL, '{}', '"str"', '', 'abcde', '::1', '', '12', '', 0),
    (3, NULL, NULL, '-infinity', 'infinity', NULL, 'null', NULL, NULL, NULL, NULL, NULL, NULL, NULL),
    (4, 'say "hi", then
leave', true, '1999-12-31 23:59:59+05', '0044-03-15', '{"quote\\"d","comma,ed"}', '{"nl": "a\\nb"}', '\\x22', '"q"', '192.168.0.0/16', 'x"y@z', 'tab	and
nl 😀😀😀😀', '😀secret', -1),
    (5, '\\.', true, '2024-01-01', '2024-01-01', '{{1,2},{3,4}}', '[]', '\\x5c2e', ' ', '1.2.3.4', ' sp ', '😀😀', '\\.', 1e6);
  CREATE VIEW v_odd AS SELECT id, email, upper(phone) AS up FROM odd;
`;

const dbs = new PostgresDatabases('bbt_qcsv');
const tmp = mkdtempSync(join(tmpdir(), 'bbt-qcsv-'));
let skip = false;
let url = '';

beforeAll(async () => {
  if (!(await postgresAvailable())) {
    skip = true;
    return;
  }
  url = await dbs.create('main');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(SCHEMA);
  await client.end();
  mkdirSync(join(tmp, 'migrations'));
  writeFileSync(join(tmp, 'bb.config.yaml'), `
databases:
  app:
    engine: postgres
    migrations: migrations
    masking:
      - { column: "*.email", method: full }
      - { column: odd.phone, method: partial, keep: 3 }
      - { column: odd.addr, method: partial }
      - { column: odd.secret, method: hash }
      - { column: odd.flag, method: hash }
      - { column: odd.code, method: partial, keep: 0 }
audit: { file: audit.jsonl }
environments:
  - name: dev
    targets: { app: "${url}" }
  - name: plain
    masking: false
    targets: { app: "${url}" }
`);
});
afterAll(async () => {
  if (!skip) await dbs.dropAll();
  rmSync(tmp, { recursive: true, force: true });
});

async function csv(sql: string, extra: Partial<QueryInput> = {}): Promise<{ text: string; rows: number; masked: readonly string[]; chunks: number }> {
  const config = await loadConfig({ configPath: join(tmp, 'bb.config.yaml') });
  const parts: Buffer[] = [];
  const summary = await runQuery({
    config, env: 'dev', db: 'app', sql, format: 'csv', limit: 0, timeoutMs: 10_000, unmask: false, batchSize: 2,
    write: async (t) => void parts.push(typeof t === 'string' ? Buffer.from(t) : Buffer.from(t)), ...extra,
  });
  return { text: Buffer.concat(parts).toString('utf8'), rows: summary.rows, masked: summary.masked, chunks: parts.length };
}

/** Both paths, same output; returns the server's. */
async function same(sql: string, extra: Partial<QueryInput> = {}): Promise<{ text: string; rows: number; masked: readonly string[] }> {
  const served = await csv(sql, extra);
  const decoded = await csv(sql, { ...extra, engineCsv: false });
  expect(served.text, sql).toBe(decoded.text);
  expect(served.rows, sql).toBe(decoded.rows);
  expect(served.masked, sql).toEqual(decoded.masked);
  return served;
}

describe('bb query --format csv: the server\'s CSV and bb\'s formatter agree', () => {
  it('prints awkward values the same way, in PostgreSQL\'s text forms', async () => {
    if (skip) return;
    const r = await same('SELECT * FROM odd ORDER BY id', { env: 'plain' });
    expect(r.rows).toBe(5);
    const lines = r.text.split('\n');
    expect(lines[0]).toBe('id,label,flag,at,day,tags,doc,raw,code,addr,email,phone,secret,amount');
    expect(lines[1]).toBe('1,plain,t,2024-02-29 13:14:15.5+00,2024-02-29,"{a,""b c"",NULL}","{""k"": [1, ""x,y""]}",\\x0001ff,ab   ,10.0.0.1,ada@example.com,+44 20 7946 0018,s1,12.50');
    // NULL is an empty field, an empty string is "".
    expect(lines[2]).toBe('2,"",f,,,{},"""str""",\\x,abcde,::1,"",12,"",0.00');
    expect(lines[3]).toBe('3,,,-infinity,infinity,,null,,,,,,,');
    expect(r.text).toContain('4,"say ""hi"", then\nleave",t,1999-12-31 18:59:59+00,0044-03-15,');
    expect(r.text).toContain('"tab\tand\nnl 😀😀😀😀"');
    expect(r.text.endsWith('\n')).toBe(true);
  });

  it('masks the same way on the server as in bb, and never sends the masked values', async () => {
    if (skip) return;
    const r = await same('SELECT * FROM odd ORDER BY id');
    expect(r.masked).toEqual(['flag', 'code', 'addr', 'email', 'phone', 'secret']);
    expect(r.text).not.toContain('example.com');
    expect(r.text).not.toContain('7946');
    expect(r.text).not.toContain('😀secret');
    const lines = r.text.split('\n');
    expect(lines[1]).toMatch(/^1,plain,[0-9a-f]{16},2024-02-29 13:14:15.5\+00,.*,\*{5},\*{4}\.0\.1,\*\*\*,\*{12}018,[0-9a-f]{16},12\.50$/);
    // NULL stays NULL (empty), whatever the method.
    expect(lines[3]).toBe('3,,,-infinity,infinity,,null,,,,,,,');
    // Partial masks count characters, not UTF-16 units.
    expect((await same('SELECT phone FROM odd WHERE id = 4')).text).toBe('phone\n************😀😀😀\n');
  });

  it('masks expressions, aliases and view columns, and keeps repeated column names', async () => {
    if (skip) return;
    for (const sql of [
      'SELECT lower(email) AS e, id FROM odd ORDER BY id',
      'SELECT email AS a, email AS a, id AS a FROM odd ORDER BY id',
      'SELECT * FROM v_odd ORDER BY id',
      'SELECT o.id, v.up FROM odd o JOIN v_odd v USING (id) ORDER BY 1',
    ]) {
      const r = await same(sql);
      expect(r.text, sql).not.toMatch(/example|7946/i);
    }
    expect((await same('SELECT email AS a, email AS a, id AS a FROM odd ORDER BY id')).text.split('\n')[0]).toBe('a,a,a');
  });

  it('honours --limit on both paths and counts rows for the audit log', async () => {
    if (skip) return;
    const r = await same('SELECT id, email FROM odd ORDER BY id DESC', { limit: 2 });
    expect(r.text).toBe('id,email\n5,***\n4,***\n');
    expect((await same('SELECT id FROM odd ORDER BY id', { limit: 2, env: 'plain' })).text).toBe('id\n1\n2\n');
    expect((await same('SELECT id FROM odd WHERE false')).text).toBe('id\n');
    expect((await same('SELECT g FROM generate_series(1, 20000) g', { env: 'plain' })).rows).toBe(20000);
    const audit = auditLines(join(tmp, 'audit.jsonl'));
    expect(audit.filter((a) => a.statement === 'SELECT g FROM generate_series(1, 20000) g').map((a) => [a.outcome, a.rows])).toEqual([['ok', 20000], ['ok', 20000]]);
  });

  it('quotes \\. alone in a one-column result, as COPY does', async () => {
    if (skip) return;
    expect((await same("SELECT label FROM odd WHERE id = 5", { env: 'plain' })).text).toBe('label\n"\\."\n');
    expect((await same("SELECT label, id FROM odd WHERE id = 5", { env: 'plain' })).text).toBe('label,id\n\\.,5\n');
  });

  it('passes a failing query\'s error through and writes what came before it', async () => {
    if (skip) return;
    const failing = 'SELECT 1 / (g - 3000) AS x FROM generate_series(1, 5000) g';
    const error = await csv(failing, { env: 'plain' }).then(() => undefined, (e: unknown) => e);
    expect((error as { code?: string }).code).toBe('query.failed');
    expect((error as Error).message).toMatch(/division by zero/);
  });

  it('cancels a COPY that runs past --timeout on the server, and one whose reader goes away', async () => {
    if (skip) return;
    const started = Date.now();
    const error = await csv('SELECT pg_sleep(30) AS slept_csv', { env: 'plain', timeoutMs: 1000 }).then(() => undefined, (e: unknown) => e);
    expect((error as { code?: string }).code).toBe('query.timeout');
    expect(Date.now() - started).toBeLessThan(8000);
    const config = await loadConfig({ configPath: join(tmp, 'bb.config.yaml') });
    const gone = new Error('EPIPE: the reader went away');
    const failed = await runQuery({
      config, env: 'plain', db: 'app', sql: 'SELECT g AS s_csv FROM generate_series(1, 3000000) g', format: 'csv', limit: 0, timeoutMs: 60_000, unmask: false,
      write: async () => { throw gone; },
    }).then(() => undefined, (e: unknown) => e);
    expect(failed).toBe(gone);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const active = await client.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE '%_csv%' AND state = 'active' AND pid <> pg_backend_pid()");
    await client.end();
    expect(active.rows[0].n).toBe(0);
  });
});
