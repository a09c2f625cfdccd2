/**
 * bb backup / bb restore through the real binary against real PostgreSQL and MariaDB, as a DBA
 * trying to break them: secrets in the tools' argv, restores that fail or are interrupted part-way.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bb, clean, project } from '../support/bb.js';
import { MysqlDatabases, PostgresDatabases, mysqlAvailable, postgresAvailable } from '../support/servers.js';

const pgUp = await postgresAvailable();
const myUp = await mysqlAvailable();
const pgDbs = new PostgresDatabases('bbe_bkr');
const myDbs = new MysqlDatabases('bbe_bkr');
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  if (pgUp) await pgDbs.dropAll();
  if (myUp) await myDbs.dropAll();
});

/** The newest pg_dump / pg_restore of Debian's folders, or undefined. */
function debianPgBin(): string | undefined {
  const majors = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  return majors.map((v) => `/usr/lib/postgresql/${v}/bin`).find((d) => existsSync(join(d, 'pg_dump')));
}

/** A BB_PG_BIN folder whose pg_dump and pg_restore log their argv and PGPASSWORD to `log`, then run the real tool. */
function loggingPgBin(dir: string, real: string): { bin: string; log: string } {
  const bin = join(dir, 'logging-bin');
  const log = join(dir, 'argv.log');
  mkdirSync(bin, { recursive: true });
  for (const tool of ['pg_dump', 'pg_restore']) {
    writeFileSync(join(bin, tool), `#!/bin/sh\necho "${tool} $*" >> '${log}'\necho "PGPASSWORD=$PGPASSWORD" >> '${log}'\nexec '${join(real, tool)}' "$@"\n`, { mode: 0o755 });
  }
  return { bin, log };
}

describe.skipIf(!pgUp || !debianPgBin())('PostgreSQL: passwords never in the tools\' argv', () => {
  it('a ?password= in the URL goes to pg_dump and pg_restore in PGPASSWORD, not on their command line', async () => {
    const url = new URL(await pgDbs.create('qpw'));
    url.search = '?password=Qry5ecret&application_name=bb%20e2e';
    const dir = project({
      'bb.config.yaml': `databases:\n  app: { engine: postgres, migrations: migrations }\nenvironments:\n  - name: dev\n    targets:\n      app: "${url.toString()}"\n`,
      'migrations/0001_t.sql': 'CREATE TABLE t (id int PRIMARY KEY);\nINSERT INTO t VALUES (1);\n',
    });
    dirs.push(dir);
    const { bin, log } = loggingPgBin(dir, debianPgBin()!);
    const env = { BB_PG_BIN: bin };
    expect((await bb(['migrate', '--env', 'dev'], { cwd: dir })).code).toBe(0);
    const backup = await bb(['backup', '--env', 'dev', '--format', 'json'], { cwd: dir, env });
    expect(backup.code, backup.stderr).toBe(0);
    const id = (JSON.parse(backup.stdout) as { backups: { id: string }[] }).backups[0]!.id;
    const restore = await bb(['restore', '--env', 'dev', '--from', id, '--into', 'bbe_bkr_qpw_into'], { cwd: dir, env });
    try {
      expect(restore.code, restore.stderr).toBe(0);
    } finally {
      await pgDbs.admin('DROP DATABASE IF EXISTS bbe_bkr_qpw_into WITH (FORCE)');
    }
    const argv = readFileSync(log, 'utf8').split('\n').filter((l) => /^pg_(dump|restore) --[a-z]/.test(l) && !l.endsWith('--version'));
    expect(argv).toHaveLength(2);
    for (const line of argv) {
      expect(line).not.toContain('Qry5ecret');
      expect(line).toContain('application_name=bb%20e2e');
    }
    expect(readFileSync(log, 'utf8')).toContain('PGPASSWORD=Qry5ecret');
    expect(clean(backup, ['Qry5ecret']) && clean(restore, ['Qry5ecret'])).toBe(true);
    expect(readFileSync(join(dir, '.bb/backups', `${id}.manifest.json`), 'utf8')).not.toContain('Qry5ecret');
  });
});
