/**
 * Issue #6 acceptance, drift and schema-as-code, through the real binary: hand-made changes (a column
 * added, an index dropped, a column type changed) are each reported on PostgreSQL, MariaDB and chdb;
 * no drift right after a clean migrate of the real corpora; bb dump is byte-identical across runs and
 * across two databases migrated from one folder; drift: fail / warn before migrate; bb diff.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bb, CORPORA, project } from './support/bb.js';
import { MysqlDatabases, PostgresDatabases, mysqlAvailable, postgresAvailable } from './support/servers.js';
import { loadEngine, type Target } from '../src/engine.js';

const pgUp = await postgresAvailable();
const myUp = await mysqlAvailable();
let chdbUp = true;
try {
  await import('chdb');
} catch {
  chdbUp = false;
}

interface Change { kind: string; name: string; change: string; before?: string; after?: string }
interface DriftJson { targets: { target: { id: string }; status: string; changes: Change[] }[] }

function expectHandChanges(changes: readonly Change[], names: { added: string; index: string; changed: string }, types: { before: RegExp; after: RegExp }): void {
  expect(changes).toContainEqual(expect.objectContaining({ kind: 'column', name: names.added, change: 'added' }));
  expect(changes).toContainEqual(expect.objectContaining({ kind: 'index', name: names.index, change: 'removed' }));
  const changed = changes.find((c) => c.kind === 'column' && c.name === names.changed);
  expect(changed?.change).toBe('changed');
  expect(changed?.before).toMatch(types.before);
  expect(changed?.after).toMatch(types.after);
}

const config = (engine: string, migrations: string, targets: Record<string, string>, extra: Record<string, string> = {}): string =>
  `databases:\n  app: { engine: ${engine}, migrations: ${migrations} }\nenvironments:\n${Object.entries(targets).map(([name, t]) => `  - name: ${name}\n${extra[name] ?? ''}    targets:\n      app: ${t}\n`).join('')}`;

describe.skipIf(!pgUp)('PostgreSQL: hand-made changes, drift: fail|warn, bb diff', () => {
  const dbs = new PostgresDatabases('bbt_drift_pg');
  let dir: string;
  let a: string;
  let b: string;
  beforeAll(async () => {
    a = await dbs.create('a');
    b = await dbs.create('b');
    dir = project({
      'bb.config.yaml': config('postgres', 'migrations', { a, b }, { b: '    drift: fail\n' }),
      'migrations/0001_users.sql': 'CREATE TABLE users (id int PRIMARY KEY, name text NOT NULL, age int);\nCREATE INDEX users_name ON users (name);\n',
    });
    for (const env of ['a', 'b']) expect((await bb(['migrate', '--env', env], { cwd: dir })).code).toBe(0);
  }, 60_000);
  afterAll(async () => {
    await dbs.dropAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it('no drift right after migrate; after the hand changes, each is reported; exit 1', async () => {
    const clean = await bb(['drift', '--env', 'b'], { cwd: dir });
    expect(clean.code, clean.stdout).toBe(0);
    expect(clean.stdout).toContain('b/app: no drift (matches the snapshot after 0001)');
    await PostgresDatabases.query(b, 'ALTER TABLE users ADD COLUMN nickname text');
    await PostgresDatabases.query(b, 'DROP INDEX users_name');
    await PostgresDatabases.query(b, 'ALTER TABLE users ALTER COLUMN age TYPE bigint');
    const run = await bb(['drift', '--env', 'b', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as DriftJson;
    expect(report.targets[0]!.status).toBe('drift');
    expect(report.targets[0]!.changes).toHaveLength(3);
    expectHandChanges(report.targets[0]!.changes, { added: 'public.users.nickname', index: 'public.users_name', changed: 'public.users.age' }, { before: /^integer$/, after: /^bigint$/ });
    const pretty = await bb(['drift', '--env', 'b'], { cwd: dir });
    expect(pretty.stdout).toContain('+ added column public.users.nickname: text');
    expect(pretty.stdout).toContain('- removed index public.users_name: CREATE INDEX users_name ON public.users USING btree (name)');
    expect(pretty.stdout).toContain('~ changed column public.users.age: integer → bigint');
  }, 60_000);

  it('bb diff compares the two environments object by object', async () => {
    const run = await bb(['diff', '--from', 'a', '--to', 'b', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(1);
    const changes = (JSON.parse(run.stdout) as { databases: { changes: Change[] }[] }).databases[0]!.changes;
    expectHandChanges(changes, { added: 'public.users.nickname', index: 'public.users_name', changed: 'public.users.age' }, { before: /^integer$/, after: /^bigint$/ });
    expect((await bb(['diff', '--from', 'a', '--to', 'a'], { cwd: dir })).code).toBe(0);
  }, 60_000);

  it('drift: fail stops bb migrate before it writes; drift: warn prints the drift and goes on', async () => {
    const warnDir = project({
      'bb.config.yaml': config('postgres', 'migrations', { a, b }, { b: '    drift: fail\n' }),
      'migrations/0001_users.sql': readFileSync(join(dir, 'migrations/0001_users.sql'), 'utf8'),
      'migrations/0002_more.sql': 'CREATE TABLE more (id int);\n',
    });
    try {
      expect((await bb(['migrate', '--env', 'a'], { cwd: warnDir })).code).toBe(0);
      const run = await bb(['migrate', '--env', 'b'], { cwd: warnDir });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/b\/app has drifted from its last snapshot \(after 0001\): 1 added, 1 removed, 1 changed/);
      const rows = await PostgresDatabases.query<{ t: string | null }>(b, "SELECT to_regclass('more')::text AS t");
      expect(rows[0]!.t).toBeNull();
      const { writeFileSync } = await import('node:fs');
      writeFileSync(join(warnDir, 'bb.config.yaml'), config('postgres', 'migrations', { a, b }, { b: '    drift: warn\n' }));
      const warned = await bb(['migrate', '--env', 'b'], { cwd: warnDir });
      expect(warned.code, warned.stdout + warned.stderr).toBe(0);
      expect(warned.stdout).toContain('b/app: schema drifted since the snapshot after 0001');
      expect(warned.stdout).toMatch(/b\/app: 1 migration applied/);
      // The new snapshot includes the hand changes: no drift any more.
      expect((await bb(['drift', '--env', 'b'], { cwd: warnDir })).code).toBe(0);
    } finally {
      rmSync(warnDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe.skipIf(!myUp)('MariaDB: hand-made changes', () => {
  const dbs = new MysqlDatabases('bbt_drift_my');
  let dir: string;
  let url: string;
  beforeAll(async () => {
    url = await dbs.create('one');
    dir = project({
      'bb.config.yaml': config('mysql', 'migrations', { prod: url }),
      'migrations/0001_users.sql': 'CREATE TABLE users (id int PRIMARY KEY, name varchar(100) NOT NULL, age int);\nCREATE INDEX users_name ON users (name);\n',
    });
    expect((await bb(['migrate', '--env', 'prod'], { cwd: dir })).code).toBe(0);
  }, 60_000);
  afterAll(async () => {
    await dbs.dropAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it('no drift after migrate; each hand change reported', async () => {
    expect((await bb(['drift', '--env', 'prod'], { cwd: dir })).code).toBe(0);
    await MysqlDatabases.query(url, 'ALTER TABLE users ADD COLUMN nickname varchar(50)');
    await MysqlDatabases.query(url, 'DROP INDEX users_name ON users');
    await MysqlDatabases.query(url, 'ALTER TABLE users MODIFY COLUMN age bigint');
    const run = await bb(['drift', '--env', 'prod', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(1);
    const t = (JSON.parse(run.stdout) as DriftJson).targets[0]!;
    expect(t.changes).toHaveLength(3);
    expectHandChanges(t.changes, { added: 'users.nickname', index: 'users.users_name', changed: 'users.age' }, { before: /^int(\(11\))?( DEFAULT NULL)?$/, after: /^bigint(\(20\))?( DEFAULT NULL)?$/ });
  }, 60_000);
});

describe.skipIf(!chdbUp)('chdb: hand-made changes', () => {
  let dir: string;
  beforeAll(async () => {
    dir = project({
      'bb.config.yaml': config('clickhouse', 'migrations', { dev: 'chdb://.bb/dev?database=bbt_drift_ch' }),
      'migrations/0001_users.sql': 'CREATE TABLE users (id UInt64, name String, age UInt32, INDEX users_name name TYPE bloom_filter GRANULARITY 1) ENGINE = MergeTree ORDER BY id',
    });
    const run = await bb(['migrate', '--env', 'dev'], { cwd: dir, timeoutMs: 120_000 });
    expect(run.code, run.stdout + run.stderr).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('no drift after migrate; each hand change reported', async () => {
    expect((await bb(['drift', '--env', 'dev'], { cwd: dir, timeoutMs: 120_000 })).code).toBe(0);
    // The hand changes, through an embedded session on the same folder (bb is not running now).
    const engine = await loadEngine('clickhouse');
    const url = 'chdb://.bb/dev?database=bbt_drift_ch';
    const target: Target = { ref: { environment: 'dev', database: 'app', id: 'dev/app', url }, engine: 'clickhouse', url, baseDir: dir, history: { table: 'bb_migration_history', snapshotTable: 'bb_migration_history_snapshots' }, session: {} };
    const session = await engine.connect(target, {});
    try {
      await session.execute('ALTER TABLE users ADD COLUMN nickname String');
      await session.execute('ALTER TABLE users DROP INDEX users_name');
      await session.execute('ALTER TABLE users MODIFY COLUMN age UInt64');
    } finally {
      await session.close();
    }
    const run = await bb(['drift', '--env', 'dev', '--format', 'json'], { cwd: dir, timeoutMs: 120_000 });
    expect(run.code, run.stderr).toBe(1);
    const t = (JSON.parse(run.stdout) as DriftJson).targets[0]!;
    expectHandChanges(t.changes, { added: 'users.nickname', index: 'users.users_name', changed: 'users.age' }, { before: /^UInt32$/, after: /^UInt64$/ });
  }, 180_000);
});

describe.skipIf(!pgUp)('real corpora: no drift after a clean migrate; dump is byte-identical', () => {
  const dbs = new PostgresDatabases('bbt_drift_kratos');
  let dir: string;
  beforeAll(async () => {
    const one = await dbs.create('one');
    const two = await dbs.create('two');
    dir = project({ 'bb.config.yaml': config('postgres', join(CORPORA, 'postgres/kratos'), { one, two }) });
    for (const env of ['one', 'two']) {
      const run = await bb(['migrate', '--env', env], { cwd: dir, timeoutMs: 300_000 });
      expect(run.code, run.stdout + run.stderr).toBe(0);
    }
  }, 600_000);
  afterAll(async () => {
    await dbs.dropAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it('postgres/kratos: no drift; dump identical across two runs and two databases', async () => {
    for (const env of ['one', 'two']) {
      const run = await bb(['drift', '--env', env], { cwd: dir });
      expect(run.code, run.stdout).toBe(0);
    }
    const dumps: string[] = [];
    for (const [env, out] of [['one', 'd1'], ['one', 'd2'], ['two', 'd3']] as const) {
      const run = await bb(['dump', '--env', env, '--out', out], { cwd: dir });
      expect(run.code, run.stdout + run.stderr).toBe(0);
      dumps.push(readFileSync(join(dir, out, 'app.sql'), 'utf8'));
    }
    expect(dumps[0]!.length).toBeGreaterThan(10_000);
    expect(dumps[1]).toBe(dumps[0]);
    expect(dumps[2]).toBe(dumps[0]);
  }, 120_000);
});

describe.skipIf(!myUp)('real corpora: mysql/kratos to #344 (sql_mode "") has no drift', () => {
  const dbs = new MysqlDatabases('bbt_drift_mykratos');
  let dir: string;
  afterAll(async () => {
    await dbs.dropAll();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  it('no drift after migrate', async () => {
    const url = await dbs.create('one');
    const folder = join(CORPORA, 'mysql/kratos');
    const to = readdirSync(folder).filter((f) => f.endsWith('.up.sql')).sort()[343]!.slice(0, 20);
    dir = project({ 'bb.config.yaml': config('mysql', folder, { prod: `{ url: "${url}", session: { sql_mode: "" } }` }) });
    const run = await bb(['migrate', '--env', 'prod', '--to', to], { cwd: dir, timeoutMs: 300_000 });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const drift = await bb(['drift', '--env', 'prod'], { cwd: dir });
    expect(drift.code, drift.stdout).toBe(0);
    expect(drift.stdout).toContain(`no drift (matches the snapshot after ${to})`);
  }, 400_000);
});

describe.skipIf(!chdbUp)('real corpora: clickhouse/langfuse on chdb has no drift; dump --check', () => {
  let dir: string;
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  it('no drift after migrate; dump --replay then --check passes', async () => {
    dir = project({ 'bb.config.yaml': config('clickhouse', join(CORPORA, 'clickhouse/langfuse'), { dev: 'chdb://.bb/dev' }) });
    const run = await bb(['migrate', '--env', 'dev'], { cwd: dir, timeoutMs: 300_000 });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const drift = await bb(['drift', '--env', 'dev'], { cwd: dir, timeoutMs: 120_000 });
    expect(drift.code, drift.stdout + drift.stderr).toBe(0);
    const dumped = await bb(['dump', '--env', 'dev', '--out', 'schema'], { cwd: dir, timeoutMs: 120_000 });
    expect(dumped.code, dumped.stderr).toBe(0);
    const check = await bb(['dump', '--check'], { cwd: dir, timeoutMs: 300_000 });
    expect(check.code, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toContain('schema/app.sql matches the replayed migrations of app');
  }, 600_000);
});

describe('bb dump --replay / --check on PGlite (no server needed)', () => {
  let dir: string;
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  it('passes on a committed replay, fails naming the first differing line after a new migration', async () => {
    dir = project({
      'bb.config.yaml': config('postgres', 'migrations', { dev: 'pglite://.bb/dev' }),
      'migrations/0001_users.sql': 'CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);\nCREATE INDEX users_email ON users (email);\n',
    });
    const replay = await bb(['dump', '--replay'], { cwd: dir, timeoutMs: 120_000 });
    expect(replay.code, replay.stdout + replay.stderr).toBe(0);
    expect(replay.stdout).toContain('wrote schema/app.sql');
    const committed = readFileSync(join(dir, 'schema/app.sql'), 'utf8');
    expect(committed).toContain('CREATE INDEX users_email ON public.users USING btree (email);');
    expect((await bb(['dump', '--check'], { cwd: dir, timeoutMs: 120_000 })).code).toBe(0);
    // The dev environment (PGlite on disk) dumps the same bytes as the in-memory replay.
    expect((await bb(['migrate', '--env', 'dev'], { cwd: dir, timeoutMs: 120_000 })).code).toBe(0);
    expect((await bb(['dump', '--env', 'dev'], { cwd: dir, timeoutMs: 120_000 })).stdout).toBe(committed);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'migrations/0002_name.sql'), 'ALTER TABLE users ADD COLUMN name text;\n');
    const check = await bb(['dump', '--check'], { cwd: dir, timeoutMs: 120_000 });
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/schema\/app\.sql differs from the replayed migrations of app \(first at line \d+\)/);
    expect(check.stdout).toContain('name text');
  }, 300_000);
});
