/**
 * bb query / backup / backups / restore through the real binary on PostgreSQL: exit codes (refusals
 * are 2), formats on stdout, -f file, the audit file, and the backup round trip with its output.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bb, clean, project } from './support/bb.js';
import { PostgresDatabases, postgresAvailable } from './support/servers.js';

const dbs = new PostgresDatabases('bbt_query_cli');

describe('bb query and bb backup through the binary', () => {
  let skip = false;
  let dir = '';
  let url = '';
  beforeAll(async () => {
    if (!(await postgresAvailable())) {
      skip = true;
      return;
    }
    url = await dbs.create('main');
    await PostgresDatabases.query(url, "CREATE TABLE users (id int PRIMARY KEY, name text, email text); INSERT INTO users VALUES (1, 'Ada', 'ada@example.com'), (2, 'Bob, Jr.', 'bob@example.org')");
    dir = project({
      'migrations/.keep': '',
      'bb.config.yaml': `databases:\n  app:\n    engine: postgres\n    migrations: migrations\n    masking: [{ column: "*.email", method: full }]\nenvironments:\n  - name: dev\n    targets: { app: "${url}" }\n  - name: prod\n    protected: true\n    query: false\n    targets: { app: "${url}" }\n`,
      'q.sql': 'SELECT id, name, email FROM users ORDER BY id;\n',
    });
  });
  afterAll(async () => {
    if (skip) return;
    await dbs.admin('DROP DATABASE IF EXISTS bbt_query_cli_copy WITH (FORCE)');
    await dbs.dropAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints masked rows as a table, csv and json; refusals exit 2 with the reason', async () => {
    if (skip) return;
    const table = await bb(['query', '--env', 'dev', 'SELECT * FROM users ORDER BY id'], { cwd: dir });
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/ id \| name\s+\| email/);
    expect(table.stdout).toMatch(/\(2 rows\)/);
    expect(table.stdout).not.toMatch(/@example/);
    const csv = await bb(['query', '--env', 'dev', '-f', 'q.sql', '--format', 'csv'], { cwd: dir });
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout).toBe('id,name,email\n1,Ada,***\n2,"Bob, Jr.",***\n');
    const json = await bb(['query', '--env', 'dev', '--format', 'json', 'SELECT name FROM users ORDER BY id'], { cwd: dir });
    expect(JSON.parse(json.stdout)).toEqual([{ name: 'Ada' }, { name: 'Bob, Jr.' }]);
    // JSON has numbers and booleans where PostgreSQL's text is one (bigint stays a string: its digits);
    // a masked column stays the mask's text.
    const typed = await bb(['query', '--env', 'dev', '--format', 'json', "SELECT id, id > 1 AS later, id::bigint AS big, json_build_object('n', id) AS doc FROM users ORDER BY id"], { cwd: dir });
    expect(JSON.parse(typed.stdout)).toEqual([{ id: 1, later: false, big: '1', doc: { n: 1 } }, { id: 2, later: true, big: '2', doc: { n: 2 } }]);
    const masked = await bb(['query', '--env', 'dev', '--format', 'ndjson', 'SELECT id, email FROM users ORDER BY id'], { cwd: dir });
    expect(masked.stdout).toBe('{"id":1,"email":"***"}\n{"id":2,"email":"***"}\n');

    for (const sql of ['DELETE FROM users', 'SELECT 1; DROP TABLE users']) {
      const refused = await bb(['query', '--env', 'dev', sql], { cwd: dir });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/Refused: the query/);
      expect(refused.stdout).toBe('');
      expect(clean(refused)).toBe(true);
    }
    const typo = await bb(['query', '--env', 'dev', 'SELEC name FROM users'], { cwd: dir });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/does not parse: syntax error at or near "SELEC"/);
    expect(typo.stderr).toMatch(/hint: Fix the SQL/);
    expect(typo.stderr).not.toMatch(/only reads/);
    const two = await bb(['query', '--env', 'dev', 'SELECT 1; SELECT 2'], { cwd: dir });
    expect([two.code, two.stderr]).toEqual([2, 'error: Refused: the query has 2 statements; bb query runs one statement at a time.\nhint: Run each statement with its own bb query.\n']);
    const closed = await bb(['query', '--env', 'prod', 'SELECT 1'], { cwd: dir });
    expect(closed.code).toBe(2);
    expect(closed.stderr).toMatch(/does not allow queries/);
    const lines = readFileSync(join(dir, '.bb/audit.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(10);
    expect((await PostgresDatabases.query(url, 'SELECT count(*)::int AS n FROM users'))[0]!.n).toBe(2);
  });

  it('refuses --timeout 0 (and below) as a usage error, exit 2', async () => {
    if (skip) return;
    for (const timeout of ['0', '-1']) {
      const r = await bb(['query', '--env', 'dev', '--timeout', timeout, 'SELECT 1'], { cwd: dir });
      expect([r.code, r.stderr], timeout).toEqual([2, `error: --timeout must be a number of seconds above 0, got "${timeout}".\nhint: For example --timeout 30; raise it for long exports.\n`]);
    }
    const fraction = await bb(['query', '--env', 'dev', '--timeout', '0.5', 'SELECT 1 AS one'], { cwd: dir });
    expect(fraction.code, fraction.stderr).toBe(0);
  });

  it('refuses --member on a target that is not a group, saying so, exit 2', async () => {
    if (skip) return;
    const member = await bb(['query', '--env', 'dev', '--db', 'app', '--member', 'x', 'SELECT 1'], { cwd: dir });
    expect([member.code, member.stderr]).toEqual([2, 'error: --member picks a member of a group, and dev/app is a single database, not a group.\nhint: Leave --member out (or pick another database with --db).\n']);
  });

  it('backs up, lists and restores into a new database; --replace on a protected environment needs --yes', async () => {
    if (skip) return;
    const backup = await bb(['backup', '--env', 'dev'], { cwd: dir });
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/✓ dev\/app: dev-app-\d{8}T\d{6}Z\.dump/);
    const list = await bb(['backups', '--format', 'json'], { cwd: dir });
    const manifests = JSON.parse(list.stdout) as { backups: { id: string; sha256: string }[] };
    expect(manifests.backups).toHaveLength(1);
    const id = manifests.backups[0]!.id;
    const restore = await bb(['restore', '--env', 'dev', '--from', id, '--into', 'bbt_query_cli_copy'], { cwd: dir });
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toMatch(/into the new database bbt_query_cli_copy/);
    const copy = new URL(url);
    copy.pathname = '/bbt_query_cli_copy';
    expect((await PostgresDatabases.query(copy.toString(), 'SELECT count(*)::int AS n FROM users'))[0]!.n).toBe(2);
    const guarded = await bb(['restore', '--env', 'prod', '--from', id, '--replace'], { cwd: dir });
    expect(guarded.code).toBe(1);
    expect(guarded.stderr).toMatch(/protected/);
    writeFileSync(join(dir, '.bb/backups', `${id}.dump`), 'tampered');
    const tampered = await bb(['restore', '--env', 'dev', '--from', id, '--into', 'bbt_query_cli_never'], { cwd: dir });
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toMatch(/does not match its manifest/);
  });
});
