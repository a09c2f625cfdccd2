/**
 * The commands beside migrate that open an embedded database (a chdb or PGlite folder, or a chdb
 * database in an existing folder) never create one that does not exist yet, through the binary:
 * bb unlock says `not locked (the database does not exist yet)` (exit 0), bb repair `nothing to repair
 * (the database does not exist yet)` (exit 0), bb backup says the database
 * does not exist (connect.not-created, exit 3), bb rollback (and --dry-run) has nothing to roll back,
 * rollback --data no prior backup, and a discover: group on a missing folder is its connect error.
 * `backup: before-migrate` on a first migrate backs up nothing (nothing to lose) and migrates.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bb, clean, project } from '../support/bb.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A project whose dev target is `url` (dev: backup: before-migrate when `guarded`), with one migration and its down file. */
function make(engine: 'clickhouse' | 'postgres', url: string, sql: string, guarded = false): string {
  const dir = project({
    'bb.config.yaml': `databases:\n  app: { engine: ${engine}, migrations: migrations }\nenvironments:\n  - name: dev\n${guarded ? '    backup: before-migrate\n' : ''}    targets: { app: "${url}" }\n`,
    'migrations/0001_t.sql': sql,
    'migrations/0001_t.down.sql': 'DROP TABLE t;\n',
  });
  dirs.push(dir);
  return dir;
}

async function run(dir: string, args: string[]): Promise<{ code: number; out: string; stdout: string }> {
  const r = await bb(args, { cwd: dir });
  expect(clean(r)).toBe(true);
  return { code: r.code, out: r.stdout + r.stderr, stdout: r.stdout };
}

/** unlock, repair, backup, rollback (dry run and not) and rollback --data on dev, whose database `url` does not exist. */
async function writeAll(dir: string, url: string): Promise<void> {
  expect(await run(dir, ['unlock', '--env', 'dev'])).toMatchObject({ code: 0, out: 'dev/app: not locked (the database does not exist yet)\n' });
  const unlock = await run(dir, ['unlock', '--env', 'dev', '--format', 'json']);
  expect(JSON.parse(unlock.stdout)).toEqual({ environment: 'dev', targets: [{ target: 'dev/app', lock: 'not-locked', created: false }] });

  expect(await run(dir, ['repair', '--env', 'dev'])).toMatchObject({ code: 0, out: 'dev/app: nothing to repair (the database does not exist yet)\n' });
  const repair = await run(dir, ['repair', '--env', 'dev', '--format', 'json']);
  expect(JSON.parse(repair.stdout)).toEqual({ environment: 'dev', targets: [{ target: 'dev/app', actions: [], snapshot: false, warnings: [], created: false }] });

  const backup = await run(dir, ['backup', '--env', 'dev']);
  expect(backup.code, backup.out).toBe(3);
  expect(backup.out).toContain(`✗ dev/app: the embedded database ${url} does not exist yet.`); // the id said once
  expect(backup.out).toContain('hint: Nothing has been applied there; bb migrate creates it.');
  const backups = join(dir, '.bb/backups');
  expect(existsSync(backups) ? readdirSync(backups) : []).toEqual([]);

  for (const args of [['rollback', '--env', 'dev', '--dry-run'], ['rollback', '--env', 'dev']]) {
    expect(await run(dir, args), args.join(' ')).toMatchObject({ code: 0, out: 'dev/app: nothing to roll back\n' });
  }
  for (const args of [['rollback', '--env', 'dev', '--data', '0001', '--dry-run'], ['rollback', '--env', 'dev', '--data', '0001']]) {
    const r = await run(dir, args);
    expect(r.code, args.join(' ')).toBe(2);
    expect(r.out).toContain(`No prior backup of version 0001 on dev/app: the embedded database ${url} does not exist yet.`);
  }
}

describe('chdb', () => {
  it('a missing folder stays missing', async () => {
    const dir = make('clickhouse', 'chdb://.bb/ch?database=app', 'CREATE TABLE t (id UInt32) ENGINE = MergeTree ORDER BY id;\n');
    await writeAll(dir, 'chdb://.bb/ch?database=app');
    expect(existsSync(join(dir, '.bb/ch'))).toBe(false);
  }, 180_000);

  it('a database missing from an existing folder is not created in it', async () => {
    const seed = make('clickhouse', 'chdb://.bb/ch?database=other', 'CREATE TABLE t (id UInt32) ENGINE = MergeTree ORDER BY id;\n');
    expect((await bb(['migrate', '--env', 'dev'], { cwd: seed })).code).toBe(0);
    const url = `chdb://${join(seed, '.bb/ch')}?database=app`;
    await writeAll(make('clickhouse', url, 'CREATE TABLE t (id UInt32) ENGINE = MergeTree ORDER BY id;\n'), url);
    const databases = await bb(['query', '--env', 'dev', '--format', 'json', 'SELECT name FROM system.databases ORDER BY name'], { cwd: seed });
    expect(databases.code, databases.stderr).toBe(0);
    expect((JSON.parse(databases.stdout) as { name: string }[]).map((r) => r.name)).toEqual(['INFORMATION_SCHEMA', 'default', 'information_schema', 'other', 'system']);
  }, 180_000);

  it('a discover: group on a missing folder says so, and creates nothing', async () => {
    const dir = project({
      'bb.config.yaml': 'databases:\n  app: { engine: clickhouse, migrations: migrations }\nenvironments:\n  - name: dev\n    targets:\n      app:\n        discover: { url: "chdb://.bb/fleet", match: "%" }\n',
      'migrations/0001_t.sql': 'CREATE TABLE t (id UInt32) ENGINE = MergeTree ORDER BY id;\n',
    });
    dirs.push(dir);
    for (const command of ['status', 'migrate', 'backup', 'unlock']) {
      const r = await run(dir, [command, '--env', 'dev']);
      expect(r.code, `${command}: ${r.out}`).toBe(3);
      expect(r.out).toContain('the embedded database chdb://.bb/fleet does not exist yet: there is nothing to discover in it.');
      expect(r.out).toContain('a discover: group finds the databases that are there already, and bb creates none for it.');
      // bb status quotes it in the group's column, which names the group once (it said "dev/app: discovery for dev/app: …").
      expect(r.out).toContain(command === 'status' ? '! dev/app: the embedded database' : 'discovery for dev/app: the embedded database');
      if (command === 'status') expect(r.out).not.toContain('discovery for dev/app');
    }
    expect(existsSync(join(dir, '.bb/fleet'))).toBe(false);
  }, 180_000);
});

describe('pglite', () => {
  it('a missing folder stays missing', async () => {
    const dir = make('postgres', 'pglite://.bb/dev', 'CREATE TABLE t (id int);\n');
    await writeAll(dir, 'pglite://.bb/dev');
    expect(existsSync(join(dir, '.bb')) ? readdirSync(join(dir, '.bb')).filter((f) => f !== 'backups') : []).toEqual([]);
  }, 180_000);

  it('backup: before-migrate on a database that does not exist yet backs up nothing and migrates', async () => {
    const dir = make('postgres', 'pglite://.bb/dev', 'CREATE TABLE t (id int);\n', true);
    const r = await run(dir, ['migrate', '--env', 'dev']);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('0001');
    const backups = join(dir, '.bb/backups');
    expect(existsSync(backups) ? readdirSync(backups) : []).toEqual([]);
    // Once it exists, the next run with something to apply is backed up.
    const again = await run(dir, ['backup', '--env', 'dev']);
    expect(again.code, again.out).toBe(0);
  }, 180_000);
});
