/**
 * bb doctor through the real binary on MariaDB: a version whose row is pending while a runner holds
 * the migration lock is work in progress (bb status says "running", exit 0), not a failed check.
 * doctor used to count it "failed or interrupted" and exit 1 during every deploy.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bb, project } from './support/bb.js';
import { MysqlDatabases, mysqlAvailable } from './support/servers.js';

const myUp = await mysqlAvailable();

describe.skipIf(!myUp)('bb doctor on MariaDB', () => {
  const dbs = new MysqlDatabases('bbt_doctor');
  let dir: string;
  let url: string;
  beforeAll(async () => {
    url = await dbs.create('dev');
    dir = project({
      'bb.config.yaml': `databases:\n  app: { engine: mysql, migrations: migrations }\nenvironments:\n  - name: dev\n    targets:\n      app: ${url}\n`,
      'migrations/0001_users.sql': 'CREATE TABLE users (id int PRIMARY KEY);\n',
      'migrations/0002_slow.sql': 'DO SLEEP(6);\nCREATE TABLE slow (id int PRIMARY KEY);\n',
    });
    expect((await bb(['migrate', '--env', 'dev', '--to', '0001'], { cwd: dir })).code).toBe(0);
  }, 60_000);
  afterAll(async () => {
    await dbs.dropAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a migration running now is reported as running, and the check passes (exit 0)', async () => {
    const migrate = bb(['migrate', '--env', 'dev'], { cwd: dir, timeoutMs: 60_000 });
    try {
      // Wait until the runner has written its pending row.
      for (let i = 0; i < 100; i++) {
        const rows = await MysqlDatabases.query<{ status: string }>(url, "SELECT status FROM bb_migration_history WHERE version = '0002'");
        if (rows[0]?.status === 'pending') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const doctor = await bb(['doctor'], { cwd: dir });
      expect(doctor.code, doctor.stdout + doctor.stderr).toBe(0);
      expect(doctor.stdout).toMatch(/✓ dev\/app: .*2 history row\(s\), 0002 running now \(the migration lock is held by /);
      expect(doctor.stdout).not.toContain('failed or interrupted');
    } finally {
      expect((await migrate).code).toBe(0);
    }
  }, 90_000);
});
