/**
 * bb backup / bb restore through the real binary against real PostgreSQL and MariaDB, as a DBA
 * trying to break them: secrets in the tools' argv, restores that fail or are interrupted part-way.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { findTool } from '../../src/backup/tools.js';
import { bb, clean, project } from '../support/bb.js';
import { MysqlDatabases, PostgresDatabases, mysqlAvailable, postgresAvailable } from '../support/servers.js';

const pgUp = await postgresAvailable();
const myUp = await mysqlAvailable();
const pgDbs = new PostgresDatabases('bbe_bkr');
const myDbs = new MysqlDatabases('bbe_bkr');
const dirs: string[] = [];
const realMariadb = findTool('mariadb') ?? findTool('mysql');
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

/** Resolves once `path` exists (a wrapper tool says it has started). */
async function until(path: string): Promise<void> {
  for (let i = 0; i < 600 && !existsSync(path); i++) await new Promise((r) => setTimeout(r, 50));
  if (!existsSync(path)) throw new Error(`${path} never appeared`);
}

describe.skipIf(!pgUp || !debianPgBin())('PostgreSQL: a restore interrupted part-way', () => {
  it('SIGTERM during pg_restore --into: says the tool was stopped (not "failed to start") and drops the new database', async () => {
    const url = await pgDbs.create('sigterm');
    const dir = project({
      'bb.config.yaml': `databases:\n  app: { engine: postgres, migrations: migrations }\nenvironments:\n  - name: dev\n    targets:\n      app: "${url}"\n`,
      'migrations/0001_t.sql': 'CREATE TABLE t (id int PRIMARY KEY);\nINSERT INTO t VALUES (1);\n',
    });
    dirs.push(dir);
    expect((await bb(['migrate', '--env', 'dev'], { cwd: dir })).code).toBe(0);
    const backup = await bb(['backup', '--env', 'dev', '--format', 'json'], { cwd: dir });
    const id = (JSON.parse(backup.stdout) as { backups: { id: string }[] }).backups[0]!.id;
    // A pg_restore that says it started, then hangs: bb is stopped while it runs.
    const bin = join(dir, 'hanging-bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'pg_restore'), `#!/bin/sh\ncase "$1" in --version) exec '${debianPgBin()}/pg_restore' --version ;; esac\ntouch '${join(dir, 'started')}'\nexec sleep 30\n`, { mode: 0o755 });
    const run = bb(['restore', '--env', 'dev', '--from', id, '--into', 'bbe_bkr_sigterm_into'], { cwd: dir, env: { BB_PG_BIN: bin } });
    try {
      await until(join(dir, 'started'));
      run.child.kill('SIGTERM');
      const done = await run;
      expect(done.code).toBe(143);
      expect(done.stderr).toContain('pg_restore was stopped by SIGTERM. The new database "bbe_bkr_sigterm_into" was dropped again.');
      expect(done.stderr).not.toMatch(/failed to start|aborted/);
      expect(clean(done)).toBe(true);
      expect(await PostgresDatabases.query(url, "SELECT datname FROM pg_database WHERE datname = 'bbe_bkr_sigterm_into'")).toEqual([]);
    } finally {
      run.child.kill('SIGKILL');
      await pgDbs.admin('DROP DATABASE IF EXISTS bbe_bkr_sigterm_into WITH (FORCE)');
    }
  });
});

describe.skipIf(!myUp || !realMariadb)('MariaDB: a restore that stops part-way', () => {
  const setup = async (name: string): Promise<{ dir: string; url: string; id: string }> => {
    const url = await myDbs.create(name);
    const rows = Array.from({ length: 400 }, (_, i) => `(${i + 1}, '${'x'.repeat(40)}')`).join(', ');
    const dir = project({
      'bb.config.yaml': `databases:\n  shop: { engine: mysql, migrations: migrations }\nenvironments:\n  - name: dev\n    targets:\n      shop: "${url}"\n`,
      'migrations/0001_t.sql': `CREATE TABLE a (id int PRIMARY KEY, v varchar(64));\nINSERT INTO a VALUES ${rows};\nCREATE TABLE b (id int PRIMARY KEY, v varchar(64));\nINSERT INTO b VALUES ${rows};\n`,
    });
    dirs.push(dir);
    expect((await bb(['migrate', '--env', 'dev'], { cwd: dir })).code).toBe(0);
    const backup = await bb(['backup', '--env', 'dev', '--format', 'json'], { cwd: dir });
    expect(backup.code, backup.stderr).toBe(0);
    return { dir, url, id: (JSON.parse(backup.stdout) as { backups: { id: string }[] }).backups[0]!.id };
  };
  /** A folder with a `mariadb` first on PATH running `body` (after passing --version to the real one). */
  const wrapper = (dir: string, body: string): Record<string, string> => {
    const bin = join(dir, 'wrapper-bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'mariadb'), `#!/bin/sh\ncase "$1" in --version) exec '${realMariadb}' --version ;; esac\n${body}\n`, { mode: 0o755 });
    return { PATH: `${bin}:${process.env.PATH}` };
  };

  it('--replace whose client fails half-way through the dump says the target was left part-restored, and running it again completes it', async () => {
    const { dir, url, id } = await setup('partial');
    // The client gets the dump's first half only: the statements before the cut run and are committed.
    const size = readdirSync(join(dir, '.bb/backups')).filter((f) => f.endsWith('.sql')).map((f) => readFileSync(join(dir, '.bb/backups', f)).length)[0]!;
    const env = wrapper(dir, `head -c ${Math.floor(size / 2)} | '${realMariadb}' "$@"`);
    await MysqlDatabases.query(url, 'DELETE FROM b');
    const failed = await bb(['restore', '--env', 'dev', '--from', id, '--replace'], { cwd: dir, env });
    expect(failed.code, failed.stderr).toBe(1);
    expect(failed.stderr).toContain('The restore over dev/shop stopped part-way: the tables the dump had reached were dropped and reloaded');
    expect(failed.stderr).toContain('hint: Fix the cause and run the same bb restore --replace again');
    expect(clean(failed)).toBe(true);
    const json = await bb(['restore', '--env', 'dev', '--from', id, '--replace', '--format', 'json'], { cwd: dir, env });
    expect(JSON.parse(json.stdout || json.stderr)).toMatchObject({ error: { code: 'restore.partial' } });
    const again = await bb(['restore', '--env', 'dev', '--from', id, '--replace'], { cwd: dir });
    expect(again.code, again.stderr).toBe(0);
    expect(await MysqlDatabases.query(url, 'SELECT (SELECT count(*) FROM a) AS a, (SELECT count(*) FROM b) AS b')).toEqual([{ a: 400, b: 400 }]);
  });

  it('SIGTERM during the client of --into: says it was stopped, drops the new database', async () => {
    const { dir, id } = await setup('sigterm');
    const env = wrapper(dir, `touch '${join(dir, 'started')}'\nexec sleep 30`);
    const run = bb(['restore', '--env', 'dev', '--from', id, '--into', 'bbe_bkr_sigterm_into'], { cwd: dir, env });
    try {
      await until(join(dir, 'started'));
      run.child.kill('SIGTERM');
      const done = await run;
      expect(done.code).toBe(143);
      expect(done.stderr).toContain('mariadb was stopped by SIGTERM. The new database "bbe_bkr_sigterm_into" was dropped again.');
      expect(done.stderr).not.toMatch(/failed to start|aborted/);
      expect(await MysqlDatabases.query(MysqlDatabases.urlFor('mysql'), "SHOW DATABASES LIKE 'bbe_bkr_sigterm_into'")).toEqual([]);
    } finally {
      run.child.kill('SIGKILL');
      await myDbs.admin('DROP DATABASE IF EXISTS bbe_bkr_sigterm_into');
    }
  });
});

/** A PGlite project with a hand-written backup of `sql` (manifest and checksum as bb backup writes them). */
function pgliteWithBackup(sql: string): { dir: string; id: string } {
  const id = 'dev-app-20240101T000000Z';
  const manifest = {
    format: 'bb-backup/1', id, engine: 'postgres', serverVersion: 'PostgreSQL 17.5', tool: 'hand-written',
    target: { id: 'dev/app', environment: 'dev', database: 'app', url: 'pglite://.bb/dev/app' },
    file: `${id}.sql`, size: Buffer.byteLength(sql), sha256: createHash('sha256').update(sql).digest('hex'), durationMs: 1, createdAt: '2024-01-01T00:00:00.000Z', by: 'ada@host',
  };
  const dir = project({
    'bb.config.yaml': 'databases:\n  app: { engine: postgres, migrations: migrations }\nenvironments:\n  - name: dev\n    targets:\n      app: pglite://.bb/dev/app\n',
    'migrations/0001_t.sql': 'CREATE TABLE kept (id int PRIMARY KEY);\nINSERT INTO kept VALUES (7);\n',
    [`.bb/backups/${id}.sql`]: sql,
    [`.bb/backups/${id}.manifest.json`]: JSON.stringify(manifest),
  });
  dirs.push(dir);
  return { dir, id };
}

describe('PGlite: a restore that fails or is cancelled leaves no folder behind', () => {
  it('a restore whose SQL fails removes the new folder (--into) and leaves the target as it was (--replace)', async () => {
    const { dir, id } = pgliteWithBackup('CREATE TABLE t (id int PRIMARY KEY);\nSELECT 1 / 0;\n');
    expect((await bb(['migrate', '--env', 'dev'], { cwd: dir })).code).toBe(0);
    const into = await bb(['restore', '--env', 'dev', '--from', id, '--into', 'copy'], { cwd: dir });
    expect(into.code, into.stderr).toBe(1);
    expect(into.stderr).toMatch(/division by zero\. The new folder .*copy was removed\./);
    expect(clean(into)).toBe(true);
    const replace = await bb(['restore', '--env', 'dev', '--from', id, '--replace'], { cwd: dir });
    expect(replace.code, replace.stderr).toBe(1);
    expect(replace.stderr).toMatch(/was removed; dev\/app is unchanged\./);
    expect(readdirSync(join(dir, '.bb/dev')).filter((f) => /copy|restoring|before-restore/.test(f))).toEqual([]);
  });

  it('SIGTERM during a --replace stops before the swap: the target is kept and the new folder removed', async () => {
    const { dir, id } = pgliteWithBackup('CREATE TABLE t (id int PRIMARY KEY);\nINSERT INTO t SELECT generate_series(1, 400000);\n');
    expect((await bb(['migrate', '--env', 'dev'], { cwd: dir })).code).toBe(0);
    const run = bb(['restore', '--env', 'dev', '--from', id, '--replace'], { cwd: dir });
    await new Promise((r) => setTimeout(r, 1000));
    run.child.kill('SIGTERM');
    const done = await run;
    expect(done.code, done.stderr).toBe(143);
    expect(done.stderr).toMatch(/was stopped by SIGTERM\. The new folder .* was removed; dev\/app is unchanged\./);
    expect(readdirSync(join(dir, '.bb/dev')).filter((f) => /restoring|before-restore/.test(f))).toEqual([]);
    const status = await bb(['status', '--env', 'dev'], { cwd: dir });
    expect(status.stdout).toMatch(/at 0001/);
  });
});

describe('PGlite: --into is a folder name', () => {
  it('a path (../x, a/b) is refused before anything is made (it made a folder outside the target\'s)', async () => {
    const { dir, id } = pgliteWithBackup('CREATE TABLE t (id int PRIMARY KEY);\n');
    for (const into of ['../escaped', 'nested/copy']) {
      const run = await bb(['restore', '--env', 'dev', '--from', id, '--into', into], { cwd: dir });
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain(`--into "${into}" is not a folder name: a PGlite restore makes a new folder of that name beside`);
      expect(clean(run)).toBe(true);
    }
    expect(existsSync(join(dir, '.bb/escaped'))).toBe(false);
    expect(existsSync(join(dir, '.bb/dev/nested'))).toBe(false);
  });
});

describe('PGlite: a restored history that differs from the manifest', () => {
  it('is said under the restore line (a migration ran while the backup was taken); the same versions say nothing more', async () => {
    const { dir, id } = pgliteWithBackup('CREATE TABLE t (id int PRIMARY KEY);\n');
    const manifest = join(dir, `.bb/backups/${id}.manifest.json`);
    writeFileSync(manifest, JSON.stringify({ ...JSON.parse(readFileSync(manifest, 'utf8')), version: '0002' }));
    const run = await bb(['restore', '--env', 'dev', '--from', id, '--into', 'copy'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/; version none \(manifest: 0002\)\n! The restored history is at no version, not at the manifest's 0002: a migration ran while the backup was taken/);
    const { dir: same, id: sameId } = pgliteWithBackup('CREATE TABLE t (id int PRIMARY KEY);\n');
    const quiet = await bb(['restore', '--env', 'dev', '--from', sameId, '--into', 'copy'], { cwd: same });
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stdout).not.toContain('The restored history');
  });
});

describe('PGlite: --replace when the target folder is gone', () => {
  it('restores into the folder the config names (it was an internal error, leaving the restored copy aside)', async () => {
    const { dir, id } = pgliteWithBackup('CREATE TABLE t (id int PRIMARY KEY);\nINSERT INTO t VALUES (42);\n');
    const run = await bb(['restore', '--env', 'dev', '--from', id, '--replace'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/restored dev-app-20240101T000000Z over dev\/app/);
    expect(readdirSync(join(dir, '.bb/dev')).filter((f) => /restoring|before-restore/.test(f))).toEqual([]);
    const query = await bb(['query', '--env', 'dev', '--format', 'json', 'SELECT id FROM t'], { cwd: dir });
    expect(query.stdout).toContain('42');
  });
});

describe.skipIf(!pgUp)('PostgreSQL: BB_PG_BIN names a folder without the tool', () => {
  it('bb backup and bb restore refuse (exit 2, naming BB_PG_BIN) rather than run another pg_dump / pg_restore', async () => {
    const url = await pgDbs.create('pgbin');
    const dir = project({
      'bb.config.yaml': `databases:\n  app: { engine: postgres, migrations: migrations }\nenvironments:\n  - name: dev\n    targets:\n      app: "${url}"\n`,
      'migrations/0001_t.sql': 'CREATE TABLE t (id int PRIMARY KEY);\n',
      'empty-bin/README': 'no tools here\n',
    });
    dirs.push(dir);
    expect((await bb(['migrate', '--env', 'dev'], { cwd: dir })).code).toBe(0);
    const env = { BB_PG_BIN: join(dir, 'empty-bin') };
    const backup = await bb(['backup', '--env', 'dev'], { cwd: dir, env });
    expect(backup.code, backup.stdout + backup.stderr).toBe(2);
    expect(backup.stdout + backup.stderr).toContain(`BB_PG_BIN is ${join(dir, 'empty-bin')}, which holds no pg_dump.`);
    expect(existsSync(join(dir, '.bb/backups')) ? readdirSync(join(dir, '.bb/backups')) : []).toEqual([]);
    const made = await bb(['backup', '--env', 'dev', '--format', 'json'], { cwd: dir });
    const id = (JSON.parse(made.stdout) as { backups: { id: string }[] }).backups[0]!.id;
    const restore = await bb(['restore', '--env', 'dev', '--from', id, '--into', 'bbe_bkr_pgbin_into'], { cwd: dir, env });
    expect(restore.code, restore.stderr).toBe(2);
    expect(restore.stderr).toContain(`BB_PG_BIN is ${join(dir, 'empty-bin')}, which holds no pg_restore.`);
    expect(await PostgresDatabases.query(url, "SELECT datname FROM pg_database WHERE datname = 'bbe_bkr_pgbin_into'")).toEqual([]);
  });
});

describe.skipIf(!pgUp)('PostgreSQL: a PGlite backup and a server backup each restore only into their own kind', () => {
  it('is refused before anything is made (exit 2, restore.format), not a pg_restore or wire-protocol error', async () => {
    const url = await pgDbs.create('kind');
    const sql = 'CREATE TABLE t (id int PRIMARY KEY);\n';
    const dump = 'PGDMP not really\n';
    const manifest = (id: string, file: string, content: string): string => JSON.stringify({
      format: 'bb-backup/1', id, engine: 'postgres', serverVersion: 'PostgreSQL 17.5', tool: 'hand-written',
      target: { id: 'dev/app', environment: 'dev', database: 'app', url: 'pglite://.bb/dev/app' },
      file, size: Buffer.byteLength(content), sha256: createHash('sha256').update(content).digest('hex'), durationMs: 1, createdAt: '2024-01-01T00:00:00.000Z', by: 'ada@host',
    });
    const dir = project({
      'bb.config.yaml': `databases:\n  app: { engine: postgres, migrations: migrations }\nenvironments:\n  - name: dev\n    targets:\n      app: pglite://.bb/dev/app\n  - name: srv\n    targets:\n      app: "${url}"\n`,
      'migrations/0001_t.sql': 'SELECT 1;\n',
      '.bb/backups/lite.sql': sql, '.bb/backups/lite.manifest.json': manifest('lite', 'lite.sql', sql),
      '.bb/backups/server.dump': dump, '.bb/backups/server.manifest.json': manifest('server', 'server.dump', dump),
    });
    dirs.push(dir);
    const toServer = await bb(['restore', '--env', 'srv', '--from', 'lite', '--into', 'bbe_bkr_kind_into', '--format', 'json'], { cwd: dir });
    expect(toServer.code, toServer.stderr).toBe(2);
    const error = (JSON.parse(toServer.stdout || toServer.stderr) as { error: { code: string; message: string; hint: string } }).error;
    expect(error).toMatchObject({ code: 'restore.format', message: 'lite.sql is a PGlite backup (plain SQL); srv/app is a PostgreSQL server, which bb restores with pg_restore from server backups (.dump).' });
    expect(error.hint).toContain('psql --single-transaction -f');
    expect(await PostgresDatabases.query(url, "SELECT datname FROM pg_database WHERE datname = 'bbe_bkr_kind_into'")).toEqual([]);
    const toLite = await bb(['restore', '--env', 'dev', '--from', 'server', '--into', 'copy'], { cwd: dir });
    expect(toLite.code, toLite.stderr).toBe(2);
    expect(toLite.stderr).toContain('server.dump is a PostgreSQL server\'s backup (pg_dump\'s custom format); dev/app is a PGlite folder');
    expect(existsSync(join(dir, '.bb/dev/copy'))).toBe(false);
  });
});

describe.skipIf(!pgUp || !debianPgBin())('PostgreSQL: bb backup interrupted on its first target', () => {
  it('starts no dump of the next target after SIGTERM, and lists it as not backed up', async () => {
    const one = await pgDbs.create('stop_one');
    const two = await pgDbs.create('stop_two');
    const dir = project({
      'bb.config.yaml': `databases:\n  one: { engine: postgres, migrations: m1 }\n  two: { engine: postgres, migrations: m2 }\nenvironments:\n  - name: dev\n    targets:\n      one: "${one}"\n      two: "${two}"\n`,
      'm1/0001_t.sql': 'SELECT 1;\n', 'm2/0001_t.sql': 'SELECT 1;\n',
    });
    dirs.push(dir);
    const bin = join(dir, 'hanging-bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'pg_dump'), `#!/bin/sh\ncase "$1" in --version) exec '${debianPgBin()}/pg_dump' --version ;; esac\necho "$*" >> '${join(dir, 'started')}'\nexec sleep 30\n`, { mode: 0o755 });
    const run = bb(['backup', '--env', 'dev'], { cwd: dir, env: { BB_PG_BIN: bin } });
    try {
      await until(join(dir, 'started'));
      run.child.kill('SIGTERM');
      const done = await run;
      expect(done.code).toBe(143);
      expect(done.stdout).toContain('dev/one: Backup of dev/one: pg_dump was stopped by SIGTERM.');
      expect(done.stdout).toContain('dev/two: Not backed up: bb was stopped by SIGTERM before it got to dev/two.');
      expect(done.stderr).not.toContain('backing up dev/two');
      expect(readFileSync(join(dir, 'started'), 'utf8').trim().split('\n')).toHaveLength(1);
    } finally {
      run.child.kill('SIGKILL');
    }
  });
});

/** A 4 KiB tmpfs at `path` (root only; undefined where mounting is not allowed) and how to take it away. */
function tinyDisk(path: string): (() => void) | undefined {
  mkdirSync(path, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4k', 'tmpfs', path], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  return () => execFileSync('umount', [path], { stdio: 'ignore' });
}

describe('bb backup to a full disk', () => {
  it('PGlite: says the disk is full and to use --out (it said to reinstall bb: a pglite-tools mismatch)', async (ctx) => {
    const { dir } = pgliteWithBackup('SELECT 1;\n');
    const unmount = tinyDisk(join(dir, 'full'));
    if (!unmount) return ctx.skip();
    try {
      expect((await bb(['migrate', '--env', 'dev'], { cwd: dir })).code).toBe(0);
      const run = await bb(['backup', '--env', 'dev', '--out', 'full'], { cwd: dir });
      expect(run.code, run.stdout + run.stderr).toBe(1);
      expect(run.stdout).toContain('dev/app: Backup of dev/app failed: ENOSPC');
      expect(run.stdout).toContain(`hint: The disk of ${join(dir, 'full')} is full: free space there, or back up to another folder with --out.`);
      expect(run.stdout).not.toContain('reinstall');
      expect(readdirSync(join(dir, 'full'))).toEqual([]);
    } finally {
      unmount();
    }
  });
});

describe.skipIf(!pgUp)('PostgreSQL: --replace with --db naming another database of the config', () => {
  it('is refused (exit 2, restore.database) and leaves that database alone; a database renamed in the config is still restorable', async () => {
    const app = await pgDbs.create('xdb_app');
    const billing = await pgDbs.create('xdb_billing');
    const dir = project({
      'bb.config.yaml': `databases:\n  app: { engine: postgres, migrations: m1 }\n  billing: { engine: postgres, migrations: m2 }\nenvironments:\n  - name: prod\n    targets:\n      app: "${app}"\n      billing: "${billing}"\n`,
      'renamed.yaml': `databases:\n  core: { engine: postgres, migrations: m1 }\nenvironments:\n  - name: prod\n    targets:\n      core: "${app}"\n`,
      'm1/0001_users.sql': 'CREATE TABLE users (id int PRIMARY KEY);\nINSERT INTO users VALUES (1);\n',
      'm2/0001_invoices.sql': 'CREATE TABLE invoices (id int PRIMARY KEY);\nINSERT INTO invoices VALUES (1);\n',
    });
    dirs.push(dir);
    expect((await bb(['migrate', '--env', 'prod'], { cwd: dir })).code).toBe(0);
    const backup = await bb(['backup', '--env', 'prod', '--db', 'app', '--format', 'json'], { cwd: dir });
    const id = (JSON.parse(backup.stdout) as { backups: { id: string }[] }).backups[0]!.id;
    const run = await bb(['restore', '--env', 'prod', '--db', 'billing', '--from', id, '--replace', '--yes'], { cwd: dir });
    expect(run.code, run.stdout + run.stderr).toBe(2);
    expect(run.stderr).toContain(`error: Backup ${id} is of database "app"; --replace would put it over database "billing".`);
    expect((await PostgresDatabases.query<{ t: string }>(billing, "SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).map((r) => r.t)).toEqual(['bb_migration_history', 'bb_migration_history_snapshots', 'invoices']);
    const into = await bb(['restore', '--env', 'prod', '--db', 'billing', '--from', id, '--into', 'bbe_bkr_xdb_into'], { cwd: dir });
    await pgDbs.admin('DROP DATABASE IF EXISTS bbe_bkr_xdb_into WITH (FORCE)');
    expect(into.code, into.stderr).toBe(0);
    const renamed = await bb(['restore', '-c', 'renamed.yaml', '--env', 'prod', '--db', 'core', '--from', id, '--replace'], { cwd: dir });
    expect(renamed.code, renamed.stderr).toBe(0);
  });
});

describe.skipIf(!pgUp || !myUp)('a user who may not create databases restores --into', () => {
  it('gets the server\'s refusal and what to do (exit 1), not "Internal error … a bug in bb"', async () => {
    const pgUrl = await pgDbs.create('weak');
    const myUrl = await myDbs.create('weak');
    const pgDb = new URL(pgUrl).pathname.slice(1);
    const myDb = new URL(myUrl).pathname.slice(1);
    await pgDbs.admin('DROP ROLE IF EXISTS bbe_bkr_weak');
    await pgDbs.admin("CREATE ROLE bbe_bkr_weak LOGIN PASSWORD 'weakPw1'");
    await pgDbs.admin(`GRANT ALL ON DATABASE ${pgDb} TO bbe_bkr_weak`);
    await myDbs.admin("CREATE USER IF NOT EXISTS 'bbe_bkr_weak'@'%' IDENTIFIED BY 'weakPw1'");
    await myDbs.admin(`GRANT ALL ON \`${myDb}\`.* TO 'bbe_bkr_weak'@'%'`);
    const as = (url: string): string => {
      const u = new URL(url);
      u.username = 'bbe_bkr_weak';
      u.password = 'weakPw1';
      return u.toString();
    };
    try {
      const dir = project({
        'bb.config.yaml': `databases:\n  app: { engine: postgres, migrations: m1 }\n  shop: { engine: mysql, migrations: m2 }\nenvironments:\n  - name: dev\n    targets:\n      app: "${pgUrl}"\n      shop: "${myUrl}"\n  - name: weak\n    targets:\n      app: "${as(pgUrl)}"\n      shop: "${as(myUrl)}"\n`,
        'm1/0001_t.sql': 'CREATE TABLE t (id int PRIMARY KEY);\n', 'm2/0001_t.sql': 'CREATE TABLE t (id int PRIMARY KEY);\n',
      });
      dirs.push(dir);
      expect((await bb(['migrate', '--env', 'dev'], { cwd: dir })).code).toBe(0);
      const made = JSON.parse((await bb(['backup', '--env', 'dev', '--format', 'json'], { cwd: dir })).stdout) as { backups: { id: string; target: { database: string } }[] };
      const idOf = (db: string): string => made.backups.find((b) => b.target.database === db)!.id;
      const pg = await bb(['restore', '--env', 'weak', '--from', idOf('app'), '--into', 'bbe_bkr_weak_into'], { cwd: dir });
      expect(pg.code, pg.stderr).toBe(1);
      expect(pg.stderr).toContain('error: Cannot create database "bbe_bkr_weak_into" on the server of weak/app: [42501] permission denied to create database. Nothing was restored.');
      expect(pg.stderr).toContain('CREATEDB');
      const my = await bb(['restore', '--env', 'weak', '--from', idOf('shop'), '--into', 'bbe_bkr_weak_into'], { cwd: dir });
      expect(my.code, my.stderr).toBe(1);
      expect(my.stderr).toContain('error: Cannot create database "bbe_bkr_weak_into" on the server of weak/shop: Access denied');
      for (const run of [pg, my]) {
        expect(run.stderr).not.toMatch(/Internal error|bug in bb/);
        expect(clean(run, ['weakPw1'])).toBe(true);
      }
    } finally {
      await pgDbs.dropAll();
      await pgDbs.admin('DROP ROLE IF EXISTS bbe_bkr_weak');
      await myDbs.admin("DROP USER IF EXISTS 'bbe_bkr_weak'@'%'");
    }
  });
});

describe.skipIf(!pgUp)('concurrent bb backup of one target within the same second', () => {
  it('gives each its own id and an intact file (two took the same <id>.partial: one failed with ENOENT, or a file changed after its hash)', async () => {
    const url = await pgDbs.create('race');
    const dir = project({
      'bb.config.yaml': `databases:\n  app: { engine: postgres, migrations: m }\nenvironments:\n  - name: dev\n    targets:\n      app: "${url}"\n`,
      'm/0001_t.sql': 'CREATE TABLE t (id int PRIMARY KEY, v text);\nINSERT INTO t SELECT g, md5(g::text) FROM generate_series(1, 20000) g;\n',
    });
    dirs.push(dir);
    expect((await bb(['migrate', '--env', 'dev'], { cwd: dir })).code).toBe(0);
    // Started together just after a second begins: their ids share that second.
    await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 5));
    const runs = await Promise.all([1, 2, 3, 4].map(() => bb(['backup', '--env', 'dev', '--format', 'json'], { cwd: dir })));
    for (const run of runs) expect(run.code, run.stdout + run.stderr).toBe(0);
    const ids = runs.map((r) => (JSON.parse(r.stdout) as { backups: { id: string }[] }).backups[0]!.id);
    expect(new Set(ids).size).toBe(4);
    const folder = join(dir, '.bb/backups');
    for (const id of ids) {
      const m = JSON.parse(readFileSync(join(folder, `${id}.manifest.json`), 'utf8')) as { file: string; sha256: string };
      expect(createHash('sha256').update(readFileSync(join(folder, m.file))).digest('hex')).toBe(m.sha256);
    }
    expect(readdirSync(folder).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });
});

describe.skipIf(!pgUp)('PostgreSQL: --into a name longer than 63 bytes', () => {
  it('is refused before anything is made (PostgreSQL would cut it, and bb named a database that is not there)', async () => {
    const url = await pgDbs.create('long');
    const dir = project({
      'bb.config.yaml': `databases:\n  app: { engine: postgres, migrations: m }\nenvironments:\n  - name: dev\n    targets:\n      app: "${url}"\n`,
      'm/0001_t.sql': 'CREATE TABLE t (id int PRIMARY KEY);\n',
    });
    dirs.push(dir);
    expect((await bb(['migrate', '--env', 'dev'], { cwd: dir })).code).toBe(0);
    const id = (JSON.parse((await bb(['backup', '--env', 'dev', '--format', 'json'], { cwd: dir })).stdout) as { backups: { id: string }[] }).backups[0]!.id;
    const name = `bbe_bkr_long_${'x'.repeat(60)}`;
    const run = await bb(['restore', '--env', 'dev', '--from', id, '--into', name], { cwd: dir });
    await pgDbs.admin(`DROP DATABASE IF EXISTS "${name.slice(0, 63)}" WITH (FORCE)`);
    expect(run.code, run.stdout + run.stderr).toBe(2);
    expect(run.stderr).toContain(`error: Database name "${name}" is 73 bytes long; PostgreSQL keeps at most 63 (it would create "${name.slice(0, 63)}").`);
  });
});
