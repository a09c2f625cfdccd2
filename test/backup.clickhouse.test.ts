/**
 * bb backup / restore on ClickHouse, embedded (chdb://) and over HTTP (the chdb-backed HTTP front):
 * migrate with bb, back up (manifest: engine, version, size, SHA-256), delete a row by hand, restore
 * into a new database (the row is back, the schema is the same, a materialized view's rows are neither
 * lost nor doubled, the history shows the manifest's version), refuse a file changed by one byte and an
 * existing database name, and restore over the original with --replace.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load.js';
import { loadEngine } from '../src/engine.js';
import { BbError } from '../src/errors.js';
import { runBackup, runRestore, type BackupManifest } from '../src/backup/backup.js';
import migrate from '../src/cli/commands/migrate.js';
import { makeTarget } from './support/engine-cases.js';
import type { ClickHouseHttp } from './support/clickhouse-http.js';

const tmp = mkdtempSync(join(tmpdir(), 'bbt-backup-ch-'));
const context = { cwd: tmp, signal: new AbortController().signal, progress: () => undefined, interactive: false };
let http: ClickHouseHttp | undefined;

const MIGRATIONS: Record<string, string> = {
  '001_users.sql': `
CREATE TABLE users (id UInt32, email String, score Float64, tags Array(String), at DateTime64(3, 'UTC'), note Nullable(String)) ENGINE = MergeTree ORDER BY id;
CREATE MATERIALIZED VIEW user_count ENGINE = SummingMergeTree ORDER BY k AS SELECT toUInt8(0) AS k, count() AS n FROM users;
INSERT INTO users VALUES (1, 'ada@example.com', nan, ['a', 'b'], '2024-01-02 03:04:05.678', NULL), (2, 'bob@example.org', -0.1, [], '1970-01-01 00:00:00.001', 'tab\\there'), (3, 'cy@example.net', 1e300, ['x'], '2100-12-31 23:59:59.999', '');
`,
  '002_view.sql': `
CREATE VIEW positive AS SELECT id, email FROM users WHERE score > 0;
CREATE TABLE events (n UInt64, s String) ENGINE = MergeTree ORDER BY n;
INSERT INTO events SELECT number, toString(number) FROM numbers(200000);
CREATE DICTIONARY emails (id UInt64, email String) PRIMARY KEY id SOURCE(CLICKHOUSE(QUERY 'SELECT toUInt64(1) AS id, \\'dict@example.com\\' AS email')) LAYOUT(FLAT()) LIFETIME(0);
CREATE DICTIONARY user_emails (id UInt64, email String) PRIMARY KEY id SOURCE(CLICKHOUSE(TABLE 'users')) LAYOUT(HASHED()) LIFETIME(0);
`,
};

async function sessionOf(url: string) {
  const engine = await loadEngine('clickhouse');
  return engine.connect(makeTarget('clickhouse', url, 'test/app', tmp), {});
}

async function rows(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const session = await sessionOf(url);
  try {
    return [...(await session.query<Record<string, unknown>>(sql))];
  } finally {
    await session.close();
  }
}

async function exec(url: string, sql: string): Promise<void> {
  const session = await sessionOf(url);
  try {
    await session.execute(sql);
  } finally {
    await session.close();
  }
}

async function dumpOf(url: string): Promise<string> {
  const session = await sessionOf(url);
  try {
    return session.dump(await session.introspect());
  } finally {
    await session.close();
  }
}

const USERS = 'SELECT id, email, toString(score) AS score, tags, toString(at) AS at, note FROM users ORDER BY id';

beforeAll(async () => {
  const { startClickHouseHttp } = await import('./support/clickhouse-http.js');
  http = await startClickHouseHttp({ dir: join(tmp, 'http-data') });
  await http.query('CREATE DATABASE app');
}, 60_000);

afterAll(async () => {
  await http?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

const cases = [
  { name: 'chdb', url: () => `chdb://${join(tmp, 'chdb-data')}?database=app`, sibling: (db: string) => `chdb://${join(tmp, 'chdb-data')}?database=${db}` },
  { name: 'http', url: () => http!.url('app'), sibling: (db: string) => http!.url(db) },
];

describe.each(cases)('bb backup / restore on ClickHouse ($name)', (c) => {
  let dir = '';
  let url = '';
  let manifest: BackupManifest;
  let original: string[];
  const restored = `app_copy_${c.name}`;

  beforeAll(async () => {
    url = c.url();
    dir = join(tmp, c.name);
    mkdirSync(join(dir, 'migrations'), { recursive: true });
    for (const [file, sql] of Object.entries(MIGRATIONS)) writeFileSync(join(dir, 'migrations', file), sql);
    writeFileSync(join(dir, 'bb.config.yaml'), `databases:\n  app: { engine: clickhouse, migrations: migrations }\nenvironments:\n  - name: dev\n    targets: { app: "${url}" }\n`);
    const out = await migrate({ config: join(dir, 'bb.config.yaml'), env: 'dev', format: 'json', color: false, quiet: true, lockTimeout: '10' } as never, { ...context, cwd: dir });
    expect(out.exitCode).toBe(0);
    original = (await rows(url, USERS)).map((r) => JSON.stringify(r));
    expect(original).toHaveLength(3);
  }, 60_000);

  it('backs up with a manifest; restores a deleted row into a new database with the same schema and history', async () => {
    const config = await loadConfig({ configPath: join(dir, 'bb.config.yaml') });
    const report = await runBackup({ config, env: 'dev', cwd: dir });
    expect(report.errors).toEqual([]);
    manifest = report.backups[0]!;
    expect(manifest).toMatchObject({ engine: 'clickhouse', version: '002', target: { id: 'dev/app', environment: 'dev', database: 'app' }, file: expect.stringMatching(/\.chbackup$/), tool: expect.stringMatching(/^bb .*bb-clickhouse-backup\/1/) });
    expect(manifest.serverVersion).toMatch(/ClickHouse/);
    expect(manifest.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(join(config.backupsDir, manifest.file)).length).toBe(manifest.size);

    await exec(url, 'ALTER TABLE users DELETE WHERE id = 2');
    expect((await rows(url, 'SELECT id FROM users ORDER BY id')).map((r) => Number(r.id))).toEqual([1, 3]);

    const r = await runRestore({ config, env: 'dev', from: manifest.id, into: restored, replace: false, cwd: dir });
    expect(r).toMatchObject({ database: restored, replaced: false, manifestVersion: '002', restoredVersion: '002' });
    const copy = c.sibling(restored);
    // Every value back exactly (NaN, 1e300, arrays, DateTime64, NULL vs ''), the deleted row included.
    expect((await rows(copy, USERS)).map((x) => JSON.stringify(x))).toEqual(original);
    expect((await rows(url, 'SELECT id FROM users WHERE id = 2'))).toEqual([]);
    // The materialized view's own rows came back once: not lost, and not counted again by the restore's inserts.
    expect(Number((await rows(copy, 'SELECT sum(n) AS n FROM user_count'))[0]!.n)).toBe(3);
    expect((await rows(copy, 'SELECT id FROM positive ORDER BY id')).map((x) => Number(x.id))).toEqual([3]);
    expect(await rows(copy, "SELECT dictGet('emails', 'email', toUInt64(1)) AS e")).toEqual([{ e: 'dict@example.com' }]);
    // More rows than one block (about 65,000): streamed out and in over several frames.
    expect(await rows(copy, 'SELECT toString(count()) AS c, toString(sum(n)) AS total, max(s) AS m FROM events')).toEqual([{ c: '200000', total: '19999900000', m: '99999' }]);
    expect(await dumpOf(copy)).toBe(await dumpOf(url));
    expect(await dumpOf(copy)).toMatch(/CREATE VIEW positive/);
  }, 60_000);

  it('refuses a backup file changed by one byte (no database left behind, the original untouched) and an existing database name', async () => {
    const config = await loadConfig({ configPath: join(dir, 'bb.config.yaml') });
    const other = join(dir, 'tampered');
    mkdirSync(other, { recursive: true });
    copyFileSync(join(config.backupsDir, `${manifest.id}.manifest.json`), join(other, `${manifest.id}.manifest.json`));
    const bytes = readFileSync(join(config.backupsDir, manifest.file));
    bytes[bytes.length - 40] ^= 0x01;
    writeFileSync(join(other, manifest.file), bytes);
    const from = join(other, `${manifest.id}.manifest.json`);
    const error = await runRestore({ config, env: 'dev', from, into: `${restored}_x`, replace: false, cwd: dir }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(BbError);
    expect((error as BbError).code).toBe('restore.checksum');
    expect((error as BbError).message).toMatch(/Nothing was restored/);
    expect(await rows(url, `SELECT name FROM system.databases WHERE name = '${restored}_x'`)).toEqual([]);

    await exec(url, "INSERT INTO users (id, email) VALUES (40, 'kept@example.com')");
    const replaced = await runRestore({ config, env: 'dev', from, replace: true, cwd: dir }).then(() => undefined, (e: unknown) => e);
    expect((replaced as BbError).code).toBe('restore.checksum');
    expect((await rows(url, 'SELECT id FROM users ORDER BY id')).map((x) => Number(x.id))).toEqual([1, 3, 40]);

    const exists = await runRestore({ config, env: 'dev', from: manifest.id, into: restored, replace: false, cwd: dir }).then(() => undefined, (e: unknown) => e);
    expect((exists as BbError).code).toBe('restore.exists');
    expect((exists as BbError).message).toMatch(new RegExp(`Database "${restored}" already exists`));
  }, 60_000);

  it('restores over the original with --replace: the rows as backed up, the history at the manifest version', async () => {
    const config = await loadConfig({ configPath: join(dir, 'bb.config.yaml') });
    const r = await runRestore({ config, env: 'dev', from: manifest.id, replace: true, cwd: dir });
    expect(r).toMatchObject({ replaced: true, database: 'app', manifestVersion: '002', restoredVersion: '002' });
    expect((await rows(url, USERS)).map((x) => JSON.stringify(x))).toEqual(original);
    expect(Number((await rows(url, 'SELECT sum(n) AS n FROM user_count'))[0]!.n)).toBe(3);
    // user_emails reads users: ClickHouse refuses to drop users before it (HAVE_DEPENDENT_OBJECTS).
    expect(await rows(url, "SELECT dictGet('user_emails', 'email', toUInt64(3)) AS e")).toEqual([{ e: 'cy@example.net' }]);
    expect(await dumpOf(url)).toBe(await dumpOf(c.sibling(restored)));
    // bb migrate there has nothing left to apply, and takes its lock as usual.
    const out = await migrate({ config: join(dir, 'bb.config.yaml'), env: 'dev', format: 'json', color: false, quiet: true, lockTimeout: '10' } as never, { ...context, cwd: dir });
    expect(out.exitCode).toBe(0);
  }, 60_000);
});
