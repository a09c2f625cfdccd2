/**
 * The snapshot follows every change bb itself makes, through the real binary on MariaDB with
 * drift: fail (the default of protected environments): a migration that failed halfway, its hand fix
 * recorded with bb repair --mark-done or --forget, and bb rollback. Before, each of these left the
 * snapshot behind: bb drift reported bb's own changes, and drift: fail refused the next bb migrate,
 * so a half-applied migration could not even be resumed with bb repair --retry.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bb, project } from './support/bb.js';
import { MysqlDatabases, mysqlAvailable } from './support/servers.js';

const myUp = await mysqlAvailable();

describe.skipIf(!myUp)('MariaDB with drift: fail: the snapshot follows retry, repair and rollback', () => {
  const dbs = new MysqlDatabases('bbt_snaprefresh');
  let dir: string;
  let url: string;
  const run = (...args: string[]) => bb(args, { cwd: dir });
  beforeAll(async () => {
    url = await dbs.create('dev');
    dir = project({
      'bb.config.yaml': `databases:\n  app: { engine: mysql, migrations: migrations }\nenvironments:\n  - name: dev\n    drift: fail\n    targets:\n      app: ${url}\n`,
      'migrations/0001_users.sql': 'CREATE TABLE users (id int PRIMARY KEY, name varchar(20) NOT NULL);\n',
      'migrations/0001_users.down.sql': 'DROP TABLE users;\n',
      // The second statement fails on duplicate names; the first one stays applied.
      'migrations/0002_half.sql': 'ALTER TABLE users ADD COLUMN tz varchar(32) NULL;\nALTER TABLE users ADD UNIQUE KEY users_name (name);\n',
      'migrations/0002_half.down.sql': 'ALTER TABLE users DROP INDEX users_name;\nALTER TABLE users DROP COLUMN tz;\n',
    });
    expect((await run('migrate', '--env', 'dev', '--to', '0001')).code).toBe(0);
    await MysqlDatabases.query(url, "INSERT INTO users VALUES (1, 'a'), (2, 'a')");
  }, 120_000);
  afterAll(async () => {
    await dbs.dropAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a migration that failed halfway: no drift, and bb repair --retry + bb migrate resume it', async () => {
    const failed = await run('migrate', '--env', 'dev');
    expect(failed.code, failed.stdout).toBe(1);
    expect(failed.stdout).toContain('statement 2 of 2 (line 2) failed');
    const drift = await run('drift', '--env', 'dev');
    expect(drift.code, drift.stdout).toBe(0);
    expect(drift.stdout).toContain('no drift (matches the snapshot after 0002)');
    await MysqlDatabases.query(url, "UPDATE users SET name = 'b' WHERE id = 2");
    expect((await run('repair', '--env', 'dev', '--version', '2', '--retry')).code).toBe(0);
    const resumed = await run('migrate', '--env', 'dev');
    expect(resumed.code, resumed.stdout).toBe(0);
    expect(resumed.stdout).toContain('1 migration applied');
  }, 120_000);

  it('bb rollback takes a new snapshot: no drift after it, and bb migrate applies the version again', async () => {
    const rolled = await run('rollback', '--env', 'dev');
    expect(rolled.code, rolled.stdout).toBe(0);
    expect(rolled.stdout).toContain('rolled back 0002');
    const drift = await run('drift', '--env', 'dev');
    expect(drift.code, drift.stdout).toBe(0);
    expect(drift.stdout).toContain('no drift (matches the snapshot after 0001)');
    const again = await run('migrate', '--env', 'dev');
    expect(again.code, again.stdout).toBe(0);
    expect(again.stdout).toContain('1 migration applied');
  }, 120_000);

  it('rolling back every version: the snapshot is the one "with no version applied"', async () => {
    expect((await run('rollback', '--env', 'dev', '--steps', '2')).code).toBe(0);
    const drift = await run('drift', '--env', 'dev');
    expect(drift.code, drift.stdout).toBe(0);
    expect(drift.stdout).toContain('no drift (matches the snapshot with no version applied)');
    expect((await run('migrate', '--env', 'dev', '--to', '0001')).code).toBe(0);
  }, 120_000);

  it('bb repair --mark-done after finishing by hand takes a new snapshot; the next migrate is not refused', async () => {
    await MysqlDatabases.query(url, "INSERT INTO users VALUES (3, 'c'), (4, 'c')");
    expect((await run('migrate', '--env', 'dev')).code).toBe(1);
    await MysqlDatabases.query(url, "UPDATE users SET name = 'd' WHERE id = 4");
    await MysqlDatabases.query(url, 'ALTER TABLE users ADD UNIQUE KEY users_name (name)');
    const repaired = await run('repair', '--env', 'dev', '--version', '0002', '--mark-done');
    expect(repaired.code, repaired.stdout).toBe(0);
    expect(repaired.stdout).toContain('took a new schema snapshot');
    expect((await run('drift', '--env', 'dev')).code).toBe(0);
    writeFileSync(join(dir, 'migrations/0003_more.sql'), 'CREATE TABLE more (id int PRIMARY KEY);\n');
    const next = await run('migrate', '--env', 'dev');
    expect(next.code, next.stdout).toBe(0);
  }, 120_000);

  it('bb plan shows the drift that drift: fail makes bb migrate refuse (it said the plan was fine, exit 0)', async () => {
    await MysqlDatabases.query(url, 'ALTER TABLE users ADD COLUMN sneaky int NULL');
    writeFileSync(join(dir, 'migrations/0004_next.sql'), 'CREATE TABLE next_one (id int PRIMARY KEY);\n');
    try {
      const plan = await run('plan', '--env', 'dev');
      expect(plan.code, plan.stdout).toBe(1);
      expect(plan.stdout).toContain('error: dev/app has drifted from its last snapshot (after 0003): 1 added, 0 removed, 0 changed.');
      expect(plan.stdout).toContain('hint: See bb drift --env dev;');
      const json = JSON.parse((await run('plan', '--env', 'dev', '--format', 'json')).stdout) as { targets: { error?: { kind: string } }[] };
      expect(json.targets[0]!.error?.kind).toBe('drift');
      const migrate = await run('migrate', '--env', 'dev');
      expect(migrate.code).toBe(1);
      expect(migrate.stdout).toContain('dev/app has drifted from its last snapshot (after 0003)');
    } finally {
      await MysqlDatabases.query(url, 'ALTER TABLE users DROP COLUMN sneaky');
    }
    expect((await run('plan', '--env', 'dev')).code).toBe(0);
  }, 120_000);

  it('bb repair --version names a version no target has: exit 2, not "nothing to repair"', async () => {
    const typo = await run('repair', '--env', 'dev', '--version', '0009', '--forget');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('Version 0009 is not in the history of dev/app: nothing to repair.');
    expect(typo.stderr).toContain('bb history --env dev lists the recorded versions.');
  }, 60_000);
});
