/**
 * bb backup / restore on real PostgreSQL, MariaDB and PGlite: migrate, back up (manifest: engine,
 * version, size, SHA-256), delete a row by hand, restore into a new database (row back, same schema
 * as `bb dump` sees it, history at the manifest's version), a one-byte change refused, --replace over
 * the original, backup: before-migrate, and a tool too old for the server named with what to install.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load.js';
import { resolveTargets } from '../src/config/targets.js';
import { loadEngine, type Target } from '../src/engine.js';
import { BbError, exitCode } from '../src/errors.js';
import { backupBeforeMigrate, listBackups, runBackup, runRestore, type BackupManifest } from '../src/backup/backup.js';
import migrate from '../src/cli/commands/migrate.js';
import restore from '../src/cli/commands/restore.js';
import { MysqlDatabases, PostgresDatabases, mysqlAvailable, postgresAvailable } from './support/servers.js';

const tmp = mkdtempSync(join(tmpdir(), 'bbt-backup-'));
const pgDbs = new PostgresDatabases('bbt_backup');
const myDbs = new MysqlDatabases('bbt_backup');
const context = { cwd: tmp, signal: new AbortController().signal, progress: () => undefined, interactive: false };

interface Case {
  name: string;
  engine: 'postgres' | 'mysql';
  available: () => Promise<boolean>;
  create: () => Promise<string>;
  /** URL of another new, empty database. */
  fresh: () => Promise<string>;
  /** URL of a database named `name` next to the main one. */
  sibling: (url: string, name: string) => string;
  exec: (url: string, sql: string) => Promise<Record<string, unknown>[]>;
  drop: (name: string) => Promise<void>;
  cleanup: () => Promise<void>;
  migrations: Record<string, string>;
}

const MIGRATIONS_PG = {
  '001_users.sql': "CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);\nINSERT INTO users VALUES (1, 'ada@example.com'), (2, 'bob@example.org'), (3, 'cy@example.net');",
  '002_orders.sql': 'CREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES users(id), total numeric(10,2));\nCREATE INDEX orders_user ON orders (user_id);\nCREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 100;',
};
const MIGRATIONS_MY = {
  '001_users.sql': "CREATE TABLE users (id int PRIMARY KEY, email varchar(100) NOT NULL);\nINSERT INTO users VALUES (1, 'ada@example.com'), (2, 'bob@example.org'), (3, 'cy@example.net');",
  '002_orders.sql': 'CREATE TABLE orders (id int PRIMARY KEY, user_id int, total decimal(10,2), KEY orders_user (user_id), CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users(id));\nCREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 100;',
};

async function pgExec(url: string, sql: string): Promise<Record<string, unknown>[]> {
  return PostgresDatabases.query(url, sql);
}

const cases: Case[] = [
  {
    name: 'postgres', engine: 'postgres', available: postgresAvailable,
    create: () => pgDbs.create('main'),
    fresh: () => pgDbs.create('fresh'),
    sibling: (url, name) => {
      const u = new URL(url);
      u.pathname = `/${name}`;
      return u.toString();
    },
    exec: pgExec,
    drop: (name) => pgDbs.admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    cleanup: () => pgDbs.dropAll(),
    migrations: MIGRATIONS_PG,
  },
  {
    name: 'mariadb', engine: 'mysql', available: mysqlAvailable,
    create: () => myDbs.create('main'),
    fresh: () => myDbs.create('fresh'),
    sibling: (_url, name) => MysqlDatabases.urlFor(name),
    exec: (url, sql) => MysqlDatabases.query(url, sql),
    drop: (name) => myDbs.admin(`DROP DATABASE IF EXISTS \`${name}\``),
    cleanup: () => myDbs.dropAll(),
    migrations: MIGRATIONS_MY,
  },
];

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function dumpOf(engineName: 'postgres' | 'mysql', url: string): Promise<string> {
  const engine = await loadEngine(engineName);
  const target: Target = { ref: { environment: 'x', database: 'app', id: 'x/app', url: 'x' }, engine: engineName, url, baseDir: tmp, history: { table: 'bb_migration_history', snapshotTable: 'bb_migration_history_snapshots' }, session: {} };
  const session = await engine.connect(target);
  try {
    return session.dump(await session.introspect());
  } finally {
    await session.close();
  }
}

for (const c of cases) {
  describe(`bb backup / restore on ${c.name}`, () => {
    let skip = false;
    let url = '';
    let dir = '';
    let manifest: BackupManifest;
    const restored = `bbt_backup_restored_${c.name}`;

    beforeAll(async () => {
      if (!(await c.available())) {
        skip = true;
        return;
      }
      url = await c.create();
      dir = join(tmp, c.name);
      mkdirSync(join(dir, 'migrations'), { recursive: true });
      for (const [file, sql] of Object.entries(c.migrations)) writeFileSync(join(dir, 'migrations', file), sql);
      writeFileSync(join(dir, 'bb.config.yaml'), `
databases:
  app: { engine: ${c.engine}, migrations: migrations }
environments:
  - name: dev
    targets: { app: "${url}" }
  - name: guarded
    backup: before-migrate
    targets: { app: "${url}" }
  - name: broken
    backup: before-migrate
    targets: { app: "${c.engine === 'postgres' ? 'postgres://postgres@127.0.0.1:1/nowhere' : 'mysql://root@127.0.0.1:1/nowhere'}" }
  - name: tenants
    targets:
      app:
        discover: { url: "${url}", match: "/^bbt_backup_main$/" }
`);
      const out = await migrate({ config: join(dir, 'bb.config.yaml'), env: 'dev', format: 'json', color: false, quiet: true, lockTimeout: '10' } as never, { ...context, cwd: dir });
      expect(out.exitCode).toBe(0);
    });
    afterAll(async () => {
      if (skip) return;
      await c.drop(restored);
      await c.cleanup();
    });

    it('backs up with a manifest, restores a deleted row into a new database with the same schema', async () => {
      if (skip) return;
      const config = await loadConfig({ configPath: join(dir, 'bb.config.yaml') });
      const report = await runBackup({ config, env: 'dev', cwd: dir });
      expect(report.errors).toEqual([]);
      manifest = report.backups[0]!;
      expect(manifest).toMatchObject({ engine: c.engine, version: '002', target: { id: 'dev/app', environment: 'dev', database: 'app' } });
      expect(manifest.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(manifest.size).toBeGreaterThan(100);
      expect(manifest.serverVersion).toMatch(c.engine === 'postgres' ? /PostgreSQL/ : /MariaDB/);
      // The tool's full version, as `--version` prints it (PostgreSQL: read from the archive's header).
      if (c.engine === 'postgres') expect(manifest.tool).toMatch(/^pg_dump \d+\.\d+\b.* \(custom format\)$/);
      expect(readFileSync(join(config.backupsDir, manifest.file)).length).toBe(manifest.size);
      expect((await listBackups(config.backupsDir)).backups.map((m) => m.id)).toContain(manifest.id);

      await c.exec(url, 'DELETE FROM users WHERE id = 2');
      await c.drop(restored);
      const r = await runRestore({ config, env: 'dev', from: manifest.id, into: restored, replace: false, cwd: dir });
      expect(r).toMatchObject({ database: restored, replaced: false, manifestVersion: '002', restoredVersion: '002' });
      const rows = await c.exec(c.sibling(url, restored), 'SELECT id, email FROM users ORDER BY id');
      expect(rows.map((x) => Number(x.id))).toEqual([1, 2, 3]);
      expect(await c.exec(url, 'SELECT id FROM users WHERE id = 2')).toEqual([]);
      expect(await dumpOf(c.engine, c.sibling(url, restored))).toBe(await dumpOf(c.engine, url));
    });

    it('refuses a backup file changed by one byte, and an existing database name', async () => {
      if (skip) return;
      const config = await loadConfig({ configPath: join(dir, 'bb.config.yaml') });
      const other = join(dir, 'tampered');
      mkdirSync(other, { recursive: true });
      copyFileSync(join(config.backupsDir, `${manifest.id}.manifest.json`), join(other, `${manifest.id}.manifest.json`));
      const bytes = readFileSync(join(config.backupsDir, manifest.file));
      bytes[Math.floor(bytes.length / 2)] ^= 0x01;
      writeFileSync(join(other, manifest.file), bytes);
      const error = await runRestore({ config, env: 'dev', from: join(other, `${manifest.id}.manifest.json`), into: `${restored}_x`, replace: false, cwd: dir }).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(BbError);
      expect((error as BbError).code).toBe('restore.checksum');
      expect((error as BbError).message).toMatch(/Nothing was restored/);
      // The new database (made while the checksum was computed) is gone again.
      const databases = c.engine === 'postgres' ? 'pg_database WHERE datname' : 'information_schema.schemata WHERE schema_name';
      const leftover = await c.exec(url, `SELECT 1 AS found FROM ${databases} = '${restored}_x'`);
      expect(leftover).toHaveLength(0);
      // Over the original: refused before anything is written.
      await c.exec(url, "INSERT INTO users VALUES (40, 'kept@example.com')");
      const replaced = await runRestore({ config, env: 'dev', from: join(other, `${manifest.id}.manifest.json`), replace: true, cwd: dir }).then(() => undefined, (e: unknown) => e);
      expect((replaced as BbError).code).toBe('restore.checksum');
      expect((await c.exec(url, 'SELECT id FROM users WHERE id = 40')).length).toBe(1);
      await c.exec(url, 'DELETE FROM users WHERE id = 40');
      const exists = await runRestore({ config, env: 'dev', from: manifest.id, into: restored, replace: false, cwd: dir }).then(() => undefined, (e: unknown) => e);
      expect((exists as BbError).code).toBe('restore.exists');
    });

    it('restores over the original with --replace; the history shows the manifest version', async () => {
      if (skip) return;
      const config = await loadConfig({ configPath: join(dir, 'bb.config.yaml') });
      const r = await runRestore({ config, env: 'dev', from: manifest.id, replace: true, cwd: dir });
      expect(r).toMatchObject({ replaced: true, restoredVersion: '002' });
      expect((await c.exec(url, 'SELECT id FROM users ORDER BY id')).map((x) => Number(x.id))).toEqual([1, 2, 3]);
    });

    it('refuses --into together with --replace (exit 2) and restores nothing anywhere', async () => {
      if (skip) return;
      await c.exec(url, "INSERT INTO users VALUES (41, 'kept@example.com')");
      try {
        const error = await restore({ config: join(dir, 'bb.config.yaml'), env: 'dev', from: manifest.id, into: `${restored}_both`, replace: true, yes: true } as never, { ...context, cwd: dir }).then(() => undefined, (e: unknown) => e);
        expect(error).toBeInstanceOf(BbError);
        expect(exitCode(error)).toBe(2);
        expect((error as BbError).message).toMatch(/--into .* and --replace cannot be used together/);
        // The target keeps the row added after the backup, and no database of that name was made.
        expect((await c.exec(url, 'SELECT id FROM users WHERE id = 41')).length).toBe(1);
        const databases = c.engine === 'postgres' ? 'pg_database WHERE datname' : 'information_schema.schemata WHERE schema_name';
        expect(await c.exec(url, `SELECT 1 AS found FROM ${databases} = '${restored}_both'`)).toHaveLength(0);
      } finally {
        await c.exec(url, 'DELETE FROM users WHERE id = 41');
      }
    });

    it('restores --into a name with ; and # (escaped in the URL) and reads its version there', async () => {
      if (skip) return;
      const config = await loadConfig({ configPath: join(dir, 'bb.config.yaml') });
      const name = `${restored}_a;b#c`;
      await c.drop(name);
      try {
        const r = await runRestore({ config, env: 'dev', from: manifest.id, into: name, replace: false, cwd: dir });
        expect(r).toMatchObject({ database: name, restoredVersion: '002' });
      } finally {
        await c.drop(name);
      }
    });

    it('drops the new database again when the restore tool fails on a file that matches its manifest', async () => {
      if (skip) return;
      const config = await loadConfig({ configPath: join(dir, 'bb.config.yaml') });
      const other = join(dir, 'not-a-dump');
      mkdirSync(other, { recursive: true });
      const junk = Buffer.from('this is not a backup;\n');
      writeFileSync(join(other, manifest.file), junk);
      const edited = { ...manifest, size: junk.length, sha256: createHash('sha256').update(junk).digest('hex') };
      writeFileSync(join(other, `${manifest.id}.manifest.json`), JSON.stringify(edited));
      const name = `${restored}_failed`;
      await c.drop(name);
      const error = await runRestore({ config, env: 'dev', from: join(other, `${manifest.id}.manifest.json`), into: name, replace: false, cwd: dir }).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(BbError);
      const databases = c.engine === 'postgres' ? 'pg_database WHERE datname' : 'information_schema.schemata WHERE schema_name';
      expect(await c.exec(url, `SELECT 1 AS found FROM ${databases} = '${name}'`)).toHaveLength(0);
    });

    it('restores after the database was dropped: --into a new database, and --replace creates it again', async () => {
      if (skip) return;
      const config = await loadConfig({ configPath: join(dir, 'bb.config.yaml') });
      const name = decodeURIComponent(new URL(url).pathname.slice(1));
      await c.drop(name);
      await c.drop(`${restored}_after_drop`);
      try {
        const into = await runRestore({ config, env: 'dev', from: manifest.id, into: `${restored}_after_drop`, replace: false, cwd: dir });
        expect(into).toMatchObject({ database: `${restored}_after_drop`, restoredVersion: '002' });
        expect((await c.exec(c.sibling(url, `${restored}_after_drop`), 'SELECT id FROM users ORDER BY id')).map((x) => Number(x.id))).toEqual([1, 2, 3]);
      } finally {
        await c.drop(`${restored}_after_drop`);
      }
      const over = await runRestore({ config, env: 'dev', from: manifest.id, replace: true, cwd: dir });
      expect(over).toMatchObject({ replaced: true, restoredVersion: '002' });
      expect((await c.exec(url, 'SELECT id FROM users ORDER BY id')).map((x) => Number(x.id))).toEqual([1, 2, 3]);
    });

    it('reads the restored version even when the server closed bb\'s idle connection during a long restore', async () => {
      if (skip || c.engine !== 'postgres') return;
      // pg_restore takes 0.6 s longer; bb's sessions on this environment are closed after 200 ms idle.
      const real = [...readdirSync('/usr/lib/postgresql').map((v) => `/usr/lib/postgresql/${v}/bin/pg_restore`)].filter((p) => existsSync(p)).sort((a, b) => Number(/(\d+)\/bin/.exec(b)![1]) - Number(/(\d+)\/bin/.exec(a)![1]))[0];
      if (!real) return;
      const bin = join(tmp, 'slow-bin');
      mkdirSync(bin, { recursive: true });
      writeFileSync(join(bin, 'pg_restore'), `#!/bin/sh\ncase "$1" in --version) ;; *) sleep 0.6 ;; esac\nexec '${real}' "$@"\n`, { mode: 0o755 });
      const file = join(dir, 'idle.yaml');
      writeFileSync(file, `databases:\n  app: { engine: postgres, migrations: migrations }\nenvironments:\n  - name: dev\n    targets:\n      app: { url: "${url}", session: { idle_session_timeout: 200 } }\n`);
      const config = await loadConfig({ configPath: file });
      const before = process.env.BB_PG_BIN;
      process.env.BB_PG_BIN = bin;
      try {
        await c.drop('bbt_backup_idle');
        const r = await runRestore({ config, env: 'dev', from: manifest.id, into: 'bbt_backup_idle', replace: false, cwd: dir });
        expect(r).toMatchObject({ database: 'bbt_backup_idle', restoredVersion: '002' });
      } finally {
        if (before === undefined) delete process.env.BB_PG_BIN;
        else process.env.BB_PG_BIN = before;
        await c.drop('bbt_backup_idle');
      }
    });

    it('backup: before-migrate backs up first and refuses when the backup fails', async () => {
      if (skip) return;
      const config = await loadConfig({ configPath: join(dir, 'bb.config.yaml') });
      const guarded = config.environments.find((e) => e.name === 'guarded')!;
      const made = await backupBeforeMigrate(config, guarded, new Set(['guarded/app']));
      expect(made).toHaveLength(1);
      expect(made[0]!.target.environment).toBe('guarded');
      const dev = config.environments.find((e) => e.name === 'dev')!;
      expect(await backupBeforeMigrate(config, dev, new Set(['dev/app']))).toEqual([]);
      const broken = config.environments.find((e) => e.name === 'broken')!;
      const error = await backupBeforeMigrate(config, broken, new Set(['broken/app'])).then(() => undefined, (e: unknown) => e);
      expect((error as BbError).code).toBe('backup.before-migrate');
      expect((error as BbError).message).toMatch(/Nothing was migrated/);
    });

    it('bb migrate on a before-migrate environment backs up only when there is something to apply', async () => {
      if (skip) return;
      const project = join(tmp, `${c.name}-before-migrate`);
      mkdirSync(join(project, 'migrations'), { recursive: true });
      for (const [file, sql] of Object.entries(c.migrations)) writeFileSync(join(project, 'migrations', file), sql);
      writeFileSync(join(project, 'bb.config.yaml'), `databases:\n  app: { engine: ${c.engine}, migrations: migrations }\nenvironments:\n  - name: prod\n    backup: before-migrate\n    targets: { app: "${await c.fresh()}" }\n`);
      const run = async () => (await migrate({ config: join(project, 'bb.config.yaml'), env: 'prod', format: 'json', color: false, quiet: true, lockTimeout: '10' } as never, { ...context, cwd: project })).exitCode;
      const count = async () => (await listBackups(join(project, '.bb', 'backups'))).backups.length;
      expect(await run()).toBe(0);
      expect(await count()).toBe(1); // the empty database, before 001 and 002
      expect(await run()).toBe(0);
      expect(await count()).toBe(1); // nothing to apply: no backup
      writeFileSync(join(project, 'migrations', '003_notes.sql'), 'CREATE TABLE notes (id int PRIMARY KEY);\n');
      expect(await run()).toBe(0);
      const { backups } = await listBackups(join(project, '.bb', 'backups'));
      expect(backups).toHaveLength(2);
      expect(backups[0]!.version).toBe('002'); // taken before 003 ran
    });

    it('backs up the discovered members of a group, and never replaces another database with a member\'s backup', async () => {
      if (skip) return;
      const config = await loadConfig({ configPath: join(dir, 'bb.config.yaml') });
      const report = await runBackup({ config, env: 'tenants', cwd: dir });
      expect(report.errors).toEqual([]);
      expect(report.backups.map((b) => b.target.id)).toEqual(['tenants/app[bbt_backup_main]']);
      const refused = await runRestore({ config, env: 'dev', from: report.backups[0]!.id, replace: true, cwd: dir }).then(() => undefined, (e: unknown) => e);
      expect((refused as BbError).code).toBe('restore.member');
      expect((refused as BbError).message).toMatch(/has no member bbt_backup_main/);
    });

    it('reports a server it cannot reach as a connection error, and leaves no file behind', async () => {
      if (skip) return;
      const config = await loadConfig({ configPath: join(dir, 'bb.config.yaml') });
      const out = join(tmp, `unreachable-${c.name}`);
      const report = await runBackup({ config, env: 'broken', cwd: dir, out });
      expect(report.backups).toEqual([]);
      expect(report.errors).toHaveLength(1);
      expect(report.errors[0]).toMatchObject({ kind: 'connect', code: 'connect.failed' });
      expect(report.errors[0]!.message).toMatch(/Cannot connect to broken\/app/);
      expect(readdirSync(out)).toEqual([]);
    });

    it('names what to install when the dump tool is older than the server', async () => {
      if (skip) return;
      const config = await loadConfig({ configPath: join(dir, 'bb.config.yaml') });
      const engine = await loadEngine(c.engine);
      const tasks = (await engine.dataTasks!())!;
      const [dt] = await resolveTargets(config, config.environments[0]!, [config.databases.get('app')!]);
      const server = c.engine === 'postgres' ? 'PostgreSQL 99.1' : 'MySQL 8.4.0';
      const error = await tasks.backup(dt!.members[0]!, join(tmp, 'never.dump'), { serverVersion: Promise.resolve(server) }).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(BbError);
      expect((error as BbError).kind).toBe('config');
      expect((error as BbError).hint).toMatch(c.engine === 'postgres' ? /postgresql-client-99/ : /mysql-client/);
    });
  });
}

describe('bb backup / restore on PGlite', () => {
  it('backs up with pglite-tools pg_dump and restores into a new folder', async () => {
    const dir = join(tmp, 'pglite');
    mkdirSync(join(dir, 'migrations'), { recursive: true });
    for (const [file, sql] of Object.entries(MIGRATIONS_PG)) writeFileSync(join(dir, 'migrations', file), sql);
    writeFileSync(join(dir, 'bb.config.yaml'), 'databases:\n  app: { engine: postgres, migrations: migrations }\nenvironments:\n  - name: dev\n    targets: { app: "pglite://data/app" }\n');
    const out = await migrate({ config: join(dir, 'bb.config.yaml'), env: 'dev', format: 'json', color: false, quiet: true, lockTimeout: '10' } as never, { ...context, cwd: dir });
    expect(out.exitCode).toBe(0);
    const config = await loadConfig({ configPath: join(dir, 'bb.config.yaml') });
    const report = await runBackup({ config, env: 'dev', cwd: dir });
    expect(report.errors).toEqual([]);
    const m = report.backups[0]!;
    expect(m).toMatchObject({ engine: 'postgres', version: '002' });
    expect(m.tool).toMatch(/^@electric-sql\/pglite-tools \d+\.\d+\.\d+ pg_dump/); // the installed version, found beside its entry point
    const r = await runRestore({ config, env: 'dev', from: m.id, into: 'app_copy', replace: false, cwd: dir });
    expect(r).toMatchObject({ database: 'app_copy', restoredVersion: '002' });
    const { PGlite } = await import('@electric-sql/pglite');
    const copy = new PGlite(join(dir, 'data', 'app_copy'));
    try {
      expect((await copy.query<{ n: number }>('SELECT count(*)::int AS n FROM users')).rows[0]!.n).toBe(3);
    } finally {
      await copy.close();
    }
    expect(await dumpOf('postgres', `pglite://${join(dir, 'data', 'app_copy')}`)).toBe(await dumpOf('postgres', `pglite://${join(dir, 'data', 'app')}`));
  });
});
