/**
 * Issue #2 acceptance, through the real binary: promotion dev (PGlite) → staging → prod (PostgreSQL),
 * the gate, checksum errors, failure and repair, concurrent runners, SIGKILL, and bad input.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bb, clean, CORPORA, project } from '../support/bb.js';
import { PostgresDatabases, postgresAvailable } from '../support/servers.js';
import { rejectingPostgres } from '../support/fake-postgres.js';

const pgUp = await postgresAvailable();
const dbs = new PostgresDatabases('bbt_e2e');

afterAll(async () => {
  if (pgUp) await dbs.dropAll();
});

function threeEnvConfig(migrations: string, staging: string, prod: string, extra = ''): string {
  return `databases:
  app: { engine: postgres, migrations: ${migrations} }
environments:
  - name: dev
    targets:
      app: pglite://.bb/dev/app
  - name: staging
    targets:
      app: ${staging}
  - name: prod
    protected: true
    targets:
      app: ${prod}
${extra}`;
}

describe.skipIf(!pgUp)('real corpora through dev (PGlite) → staging → prod', () => {
  let dir: string;
  const urls: Record<string, string> = {};

  beforeAll(async () => {
    for (const name of ['kratos_staging', 'kratos_prod', 'harbor_staging', 'harbor_prod']) urls[name] = await dbs.create(name);
    // harbor's 0030 alters golang-migrate's own table: it must exist first, as it would under golang-migrate.
    for (const name of ['harbor_staging', 'harbor_prod']) await PostgresDatabases.query(urls[name]!, 'CREATE TABLE schema_migrations (version bigint PRIMARY KEY, dirty boolean NOT NULL)');
    dir = project({
      'bb.config.yaml': `databases:
  kratos: { engine: postgres, migrations: ${join(CORPORA, 'postgres/kratos')} }
  harbor: { engine: postgres, migrations: ${join(CORPORA, 'postgres/harbor')} }
environments:
  - name: dev
    targets:
      kratos: pglite://.bb/dev/kratos
      harbor: pglite://.bb/dev/harbor
  - name: staging
    targets:
      kratos: \${KRATOS_STAGING}
      harbor: \${HARBOR_STAGING}
  - name: prod
    protected: true
    targets:
      kratos: \${KRATOS_PROD}
      harbor: \${HARBOR_PROD}
`,
    });
    const { PGlite } = await import('@electric-sql/pglite');
    mkdirSync(join(dir, '.bb/dev/harbor'), { recursive: true });
    const db = new PGlite(join(dir, '.bb/dev/harbor'));
    await db.exec('CREATE TABLE schema_migrations (version bigint PRIMARY KEY, dirty boolean NOT NULL)');
    await db.close();
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const env = (): Record<string, string> => ({ KRATOS_STAGING: urls.kratos_staging!, KRATOS_PROD: urls.kratos_prod!, HARBOR_STAGING: urls.harbor_staging!, HARBOR_PROD: urls.harbor_prod! });

  it('applies kratos (346) and harbor (39) on every environment in order; a second run is a no-op', async () => {
    for (const e of ['dev', 'staging', 'prod']) {
      const run = await bb(['migrate', '--env', e, '--yes'], { cwd: dir, env: env() });
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toMatch(/kratos\b.*346 migrations applied/);
      expect(run.stdout).toMatch(/harbor\b.*39 migrations applied/);
    }
    const again = await bb(['migrate', '--env', 'prod', '--yes'], { cwd: dir, env: env() });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/prod\/kratos: nothing to do, up to date at 20260703000000000000 \(346 applied\)/);
    expect(again.stdout).toMatch(/prod\/harbor: nothing to do/);
    const rows = await PostgresDatabases.query<{ n: string }>(urls.kratos_prod!, "SELECT count(*) AS n FROM bb_migration_history WHERE status = 'done'");
    expect(Number(rows[0]!.n)).toBe(346);
  }, 600_000);

  it('shows all three environments in one status table', async () => {
    const run = await bb(['status'], { cwd: dir, env: env() });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/version\s+file\s+dev\/kratos\s+staging\/kratos\s+prod\/kratos/);
    expect(run.stdout).toMatch(/0190\s+\S+0190_2\.16\.0_schema\.up\.sql\s+✓ done\s+✓ done\s+✓ done/);
    const json = JSON.parse((await bb(['status', '--format', 'json'], { cwd: dir, env: env() })).stdout) as { columns: { target: { id: string }; counts: { done: number } }[] };
    expect(json.columns.map((c) => [c.target.id, c.counts.done])).toEqual([
      ['dev/kratos', 346], ['staging/kratos', 346], ['prod/kratos', 346], ['dev/harbor', 39], ['staging/harbor', 39], ['prod/harbor', 39],
    ]);
  }, 300_000);
});

describe.skipIf(!pgUp)('promotion gate, checksums, failure and repair', () => {
  let dir: string;
  let staging: string;
  let prod: string;
  beforeAll(async () => {
    staging = await dbs.create('gate_staging');
    prod = await dbs.create('gate_prod');
    dir = project({
      'bb.config.yaml': threeEnvConfig('migrations', staging, prod),
      'migrations/0001_create_users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n',
    });
    for (const e of ['dev', 'staging', 'prod']) expect((await bb(['migrate', '--env', e, '--yes'], { cwd: dir })).code).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses prod for a version staging lacks, naming both, and writes nothing', async () => {
    writeFileSync(join(dir, 'migrations/0002_add_name.sql'), 'ALTER TABLE users ADD COLUMN name text;\n');
    expect((await bb(['migrate', '--env', 'dev'], { cwd: dir })).code).toBe(0);
    const run = await bb(['migrate', '--env', 'prod', '--yes'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('version 0002');
    expect(run.stdout).toContain('staging/app in staging');
    expect(run.stdout).toContain('bb migrate --env staging');
    const rows = await PostgresDatabases.query(prod, 'SELECT version FROM bb_migration_history');
    expect(rows.map((r) => r.version)).toEqual(['0001']);
    const cols = await PostgresDatabases.query(prod, "SELECT column_name FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'name'");
    expect(cols).toEqual([]);
  });

  it('a protected environment needs --yes', async () => {
    expect((await bb(['migrate', '--env', 'staging'], { cwd: dir })).code).toBe(0);
    const run = await bb(['migrate', '--env', 'prod'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Environment "prod" is protected/);
    expect(run.stderr).toContain('--yes');
    expect((await bb(['migrate', '--env', 'prod', '--yes'], { cwd: dir })).code).toBe(0);
  });

  it('--dry-run and plan write nothing', async () => {
    writeFileSync(join(dir, 'migrations/0003_add_index.sql'), 'CREATE INDEX users_email ON users (email);\n');
    const plan = await bb(['plan', '--env', 'dev'], { cwd: dir });
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('0003_add_index.sql');
    const dry = await bb(['migrate', '--env', 'dev', '--dry-run'], { cwd: dir });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Dry run');
    const after = await bb(['plan', '--env', 'dev', '--format', 'json'], { cwd: dir });
    expect((JSON.parse(after.stdout) as { targets: { steps: unknown[] }[] }).targets[0]!.steps).toHaveLength(1);
    rmSync(join(dir, 'migrations/0003_add_index.sql'));
  });

  it('an edited applied file is a checksum error in migrate and status', async () => {
    const path = join(dir, 'migrations/0001_create_users.sql');
    const original = readFileSync(path, 'utf8');
    appendFileSync(path, 'CREATE INDEX users_email_idx ON users (email);\n');
    const run = await bb(['migrate', '--env', 'staging'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('migrations/0001_create_users.sql changed after it was applied to staging/app');
    const status = await bb(['status'], { cwd: dir });
    expect(status.code).toBe(1);
    expect(status.stdout).toMatch(/0001\s+migrations\/0001_create_users\.sql\s+≠ changed/);
    // The way out, as migrate gives it (one text: src/plan/plan.ts describeBlocker), under the note per target.
    const hint = 'hint: Restore the file and put the change in a new migration (or, if the edit is cosmetic, bb repair --env staging --accept-checksums).';
    expect(run.stdout).toContain(hint);
    expect(status.stdout).toContain(`staging/app 0001: migrations/0001_create_users.sql changed after it was applied`);
    expect(status.stdout).toContain(hint);
    const cell = (JSON.parse((await bb(['status', '--format', 'json'], { cwd: dir })).stdout) as { rows: { version: string; cells: { column: string; state: string; hint?: string }[] }[] }).rows.find((r) => r.version === '0001')!.cells.find((c) => c.column === 'staging/app');
    expect(cell).toMatchObject({ state: 'mismatch', hint: hint.slice('hint: '.length) });
    writeFileSync(path, original);
    expect((await bb(['status'], { cwd: dir })).code).toBe(0);
  });

  it('a migration failing at its third statement rolls back entirely, is recorded, and repair + a fixed file succeed', async () => {
    // A project and database of its own, so the failure happens on PostgreSQL itself.
    const staging = await dbs.create('failing');
    const dir = project({ 'migrations/.keep': '', 'bb.config.yaml': `databases:\n  app: { engine: postgres, migrations: migrations }\nenvironments:\n  - name: staging\n    targets:\n      app: ${staging}\n` });
    const path = join(dir, 'migrations/0004_orders.sql');
    writeFileSync(path, 'CREATE TABLE orders (id bigint PRIMARY KEY);\nINSERT INTO orders VALUES (1);\nINSERT INTO orders VALUES (1);\nCREATE INDEX orders_id ON orders (id);\n');
    const run = await bb(['migrate', '--env', 'staging'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('migrations/0004_orders.sql: statement 3 of 4 (line 3) failed on staging/app');
    expect(run.stdout).toMatch(/duplicate key value violates unique constraint/);
    expect(await PostgresDatabases.query(staging, "SELECT to_regclass('orders')::text AS t")).toEqual([{ t: null }]);
    const [row] = await PostgresDatabases.query<{ status: string; failed_statement: number; error: string; applied: number }>(staging, "SELECT status, failed_statement, error, applied FROM bb_migration_history WHERE version = '0004'");
    expect(row).toMatchObject({ status: 'failed', failed_statement: 2, applied: 0 });
    expect(row!.error).toMatch(/23505.*duplicate key/);
    const blocked = await bb(['migrate', '--env', 'staging'], { cwd: dir });
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toContain('bb repair');
    writeFileSync(path, 'CREATE TABLE orders (id bigint PRIMARY KEY);\nINSERT INTO orders VALUES (1);\nINSERT INTO orders VALUES (2);\nCREATE INDEX orders_id ON orders (id);\n');
    const repair = await bb(['repair', '--env', 'staging'], { cwd: dir });
    expect(repair.code, repair.stdout + repair.stderr).toBe(0);
    expect(repair.stdout).toContain('cleared the failed record');
    const again = await bb(['migrate', '--env', 'staging'], { cwd: dir });
    expect(again.code, again.stdout).toBe(0);
    expect(await PostgresDatabases.query(staging, 'SELECT count(*)::int AS n FROM orders')).toEqual([{ n: 2 }]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('history lists what ran, newest first', async () => {
    const run = await bb(['history', '--env', 'staging'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout.indexOf('0004')).toBeLessThan(run.stdout.indexOf('0001'));
  });
});

describe.skipIf(!pgUp)('concurrency and crashes', () => {
  let dir: string;
  let url: string;
  beforeAll(async () => {
    url = await dbs.create('lock');
    dir = project({
      'bb.config.yaml': `databases:\n  app: { engine: postgres, migrations: migrations }\nenvironments:\n  - name: staging\n    targets:\n      app: ${url}\n`,
      'migrations/0001_slow.sql': 'CREATE TABLE hits (n int);\nSELECT pg_sleep(2);\nINSERT INTO hits VALUES (1);\n',
      'migrations/0002_more.sql': 'INSERT INTO hits VALUES (2);\n',
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('two runners started together apply each version exactly once; the second says it waited', async () => {
    const [a, b] = await Promise.all([bb(['migrate', '--env', 'staging'], { cwd: dir }), bb(['migrate', '--env', 'staging'], { cwd: dir })]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const waited = [a, b].filter((r) => /waiting for the migration lock/.test(r.stderr));
    expect(waited).toHaveLength(1);
    expect(waited[0]!.stdout).toMatch(/nothing to do, already up to date at 0002 \(after waiting for the lock\)/);
    expect(await PostgresDatabases.query(url, 'SELECT n FROM hits ORDER BY n')).toEqual([{ n: 1 }, { n: 2 }]);
    expect(await PostgresDatabases.query(url, 'SELECT count(*)::int AS n FROM bb_migration_history')).toEqual([{ n: 2 }]);
  });

  it('a runner killed during a transactional migration leaves nothing half-applied; the next run proceeds', async () => {
    writeFileSync(join(dir, 'migrations/0003_long.sql'), 'CREATE TABLE long_one (id int);\nSELECT pg_sleep(30);\nINSERT INTO hits VALUES (3);\n');
    const run = bb(['migrate', '--env', 'staging'], { cwd: dir });
    // by what the backend waits on, not its query text: the statement may run inside the migration's one
    // multi-statement round trip, whose text pg_stat_activity cuts at track_activity_query_size
    await waitFor(async () => (await PostgresDatabases.query(url, "SELECT 1 FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND datname = current_database()")).length > 0);
    run.child.kill('SIGKILL');
    await run;
    writeFileSync(join(dir, 'migrations/0003_long.sql'), 'CREATE TABLE long_one (id int);\nINSERT INTO hits VALUES (3);\n');
    const next = await bb(['migrate', '--env', 'staging', '--lock-timeout', '20'], { cwd: dir });
    expect(next.code, next.stdout + next.stderr).toBe(0);
    expect(next.stdout).toMatch(/1 migration applied/);
    expect(await PostgresDatabases.query(url, 'SELECT count(*)::int AS n FROM hits WHERE n = 3')).toEqual([{ n: 1 }]);
  }, 60_000);

  it('a runner killed during a non-transactional migration leaves a pending row that is reported with what to do', async () => {
    writeFileSync(join(dir, 'migrations/0004_online.sql'), '-- bb:transaction off\nCREATE INDEX CONCURRENTLY hits_n ON hits (n);\nSELECT pg_sleep(30);\nINSERT INTO hits VALUES (4);\n');
    const run = bb(['migrate', '--env', 'staging'], { cwd: dir });
    await waitFor(async () => (await PostgresDatabases.query(url, "SELECT 1 FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(30)%'")).length > 0);
    run.child.kill('SIGKILL');
    await run;
    const next = await bb(['migrate', '--env', 'staging', '--lock-timeout', '20'], { cwd: dir });
    expect(next.code).toBe(1);
    expect(next.stdout).toMatch(/0004_online\.sql is recorded as running on staging\/app .*\(1 of 3 statements applied\)/);
    expect(next.stdout).toMatch(/bb repair --env staging --version 0004 --retry/);
    writeFileSync(join(dir, 'migrations/0004_online.sql'), '-- bb:transaction off\nCREATE INDEX CONCURRENTLY hits_n ON hits (n);\nSELECT 1;\nINSERT INTO hits VALUES (4);\n');
    const repair = await bb(['repair', '--env', 'staging', '--version', '0004', '--retry'], { cwd: dir });
    expect(repair.code, repair.stdout + repair.stderr).toBe(0);
    const resumed = await bb(['migrate', '--env', 'staging'], { cwd: dir });
    expect(resumed.code, resumed.stdout).toBe(0);
    expect(await PostgresDatabases.query(url, "SELECT status, applied FROM bb_migration_history WHERE version = '0004'")).toEqual([{ status: 'done', applied: 3 }]);
    expect(await PostgresDatabases.query(url, 'SELECT count(*)::int AS n FROM hits WHERE n = 4')).toEqual([{ n: 1 }]);
  }, 60_000);
});

describe('bad input: one short error naming the thing, exit 2 or 3, no stack, no password', () => {
  const SECRET = 's3cr3t-pw';
  const base = (target: string, extra = ''): Record<string, string> => ({
    'bb.config.yaml': `databases:\n  app: { engine: postgres, migrations: migrations }\nenvironments:\n  - name: dev\n    targets:\n      app: ${target}\n${extra}`,
    'migrations/0001_a.sql': 'SELECT 1;\n',
  });
  const cases: [string, Record<string, string>, string[], number, RegExp][] = [
    ['missing config', { 'x.txt': '' }, ['migrate'], 2, /No bb config found in .*\n.*hint: Run "bb init"/],
    ['YAML syntax error', { 'bb.config.yaml': 'databases:\n  app: { engine: postgres, migrations: m\nenvironments: []\n' }, ['migrate'], 2, /bb\.config\.yaml:\d+:\d+: YAML syntax error/],
    ['unknown key', { ...base('pglite://.bb/x'), 'bb.config.yaml': base('pglite://.bb/x')['bb.config.yaml']!.replace('engine: postgres', 'engine: postgres, migration_dir: x') }, ['migrate'], 2, /bb\.config\.yaml:2: databases\.app\.migration_dir: unknown key "migration_dir" \(did you mean "migrations"\?\)/],
    ['missing environment variable', base('${APP_DB_URL}'), ['migrate', '--env', 'dev'], 2, /bb\.config\.yaml:\d+: environments\[0\]\.targets\.app: environment variable APP_DB_URL is not set\./],
    ['unreachable host', base(`postgres://app:${SECRET}@127.0.0.1:9/app`), ['migrate', '--env', 'dev'], 3, /Cannot connect to dev\/app \(bb\.config\.yaml:6, environments\[0\]\.targets\.app: postgres:\/\/app:\*\*\*@127\.0\.0\.1:9\/app\).*ECONNREFUSED/],
    ['unknown environment', base('pglite://.bb/x'), ['migrate', '--env', 'deev'], 2, /Unknown environment "deev" \(did you mean "dev"\?\)/],
    ['duplicate version', { ...base('pglite://.bb/x'), 'migrations/1_b.sql': 'SELECT 2;' }, ['migrate', '--env', 'dev'], 2, /Duplicate version 1 in migrations: migrations\/0001_a\.sql and migrations\/1_b\.sql/],
    // Flags checked before anything connects (src/cli/flags.ts): --to was an "Internal error … BigInt",
    // --limit was ignored, an unknown --env of bb backups listed nothing.
    ['a --to that is not a version', base('pglite://.bb/x'), ['migrate', '--env', 'dev', '--to', 'latest'], 2, /^error: --to "latest" is not a version\.\nhint: Give a version such as 0042/],
    // A --to naming no file applied everything pending and exited 0.
    ['a --to that names no migration (migrate)', base('pglite://.bb/x'), ['migrate', '--env', 'dev', '--to', '0009'], 2, /^error: --to 0009 names no migration of app \(its versions go from 0001 to 0001\)\.\nhint: Give the version of a migration file/],
    ['a --to that names no migration (plan)', base('pglite://.bb/x'), ['plan', '--env', 'dev', '--to', '2'], 2, /^error: --to 2 names no migration of app/],
    ['a --limit that is not a number', base('pglite://.bb/x'), ['history', '--env', 'dev', '--limit', 'all'], 2, /^error: --limit must be a positive whole number, got "all"\./],
    ['an unknown environment for bb backups', base('pglite://.bb/x'), ['backups', '--env', 'deev'], 2, /^error: Unknown environment "deev" \(did you mean "dev"\?\)/],
    ['--only on an environment without a group', base('pglite://.bb/x'), ['migrate', '--env', 'dev', '--only', 'tenant_*'], 2, /^error: --only and --exclude pick members of a group, and environment "dev" has no group target\./],
    ['an --out that cannot be written', { ...base('pglite://.bb/x'), taken: 'a file' }, ['report', '--out', 'taken/r.html'], 2, /^error: Cannot write .*\/taken\/r\.html: ENOTDIR: not a directory, open '.*\/taken\/r\.html'\.\nhint: Choose another --out path/],
  ];
  for (const [name, files, args, code, message] of cases) {
    it(name, async () => {
      const dir = project(files);
      try {
        const run = await bb(args, { cwd: dir, env: { APP_DB_URL: undefined } });
        expect(run.code, run.stderr).toBe(code);
        expect(run.stdout + run.stderr).toMatch(message);
        expect(clean(run, [SECRET])).toBe(true);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('non-UTF-8 file', async () => {
    const dir = project(base('pglite://.bb/x'));
    writeFileSync(join(dir, 'migrations/0002_latin1.sql'), Buffer.from([0x53, 0x45, 0x4c, 0x45, 0x43, 0x54, 0x20, 0x27, 0xe9, 0x27, 0x3b, 0x0a]));
    const run = await bb(['migrate', '--env', 'dev'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/migrations\/0002_latin1\.sql is not valid UTF-8 \(first bad byte at offset 8, line 1\)/);
    expect(clean(run)).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a target that cannot be reached is named with the file, line and key of its URL, among many targets', async () => {
    const dir = project({
      'bb.config.yaml': [
        'databases:',
        '  app: { engine: postgres, migrations: migrations }',
        '  events: { engine: postgres, migrations: migrations }',
        'environments:',
        '  - name: dev',
        '    targets: { app: pglite://.bb/app, events: pglite://.bb/events }',
        '  - name: staging',
        '    targets:',
        '      app: pglite://.bb/staging-app',
        `      events: "postgres://app:${SECRET}@127.0.0.1:1/events"`,
        '  - name: prod',
        '    targets:',
        '      app:',
        '        urls:',
        `          - postgres://app:${SECRET}@127.0.0.1:1/t1`,
        `          - postgres://app:${SECRET}@127.0.0.1:1/t2`,
        '',
      ].join('\n'),
      'migrations/0001_a.sql': 'SELECT 1;\n',
    });
    try {
      const run = await bb(['migrate', '--env', 'staging', '--db', 'events'], { cwd: dir });
      expect(run.code, run.stdout + run.stderr).toBe(3);
      expect(run.stdout).toContain('  error: Cannot connect to staging/events (bb.config.yaml:10, environments[1].targets.events: postgres://app:***@127.0.0.1:1/events): connect ECONNREFUSED 127.0.0.1:1.\n  hint: ');
      expect(clean(run, [SECRET])).toBe(true);
      // A group member: its own urls[i] entry.
      const status = await bb(['status', '--env', 'prod', '--format', 'json'], { cwd: dir });
      expect(status.stdout).toContain('Cannot connect to prod/app[t2] (bb.config.yaml:16, environments[2].targets.app.urls[1]: postgres://app:***@127.0.0.1:1/t2): connect ECONNREFUSED 127.0.0.1:1.');
      expect(clean(status, [SECRET])).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('wrong password', async () => {
    const server = await rejectingPostgres();
    const dir = project(base(`postgres://app:${SECRET}@127.0.0.1:${server.port}/app`));
    try {
      const run = await bb(['migrate', '--env', 'dev'], { cwd: dir });
      expect(run.code).toBe(3);
      expect(run.stdout + run.stderr).toMatch(/Cannot connect to dev\/app \(bb\.config\.yaml:6, environments\[0\]\.targets\.app: postgres:\/\/app:\*\*\*@127\.0\.0\.1:\d+\/app\): \[28P01\] password authentication failed/);
      expect(run.stdout + run.stderr).toMatch(/hint: Check the user and password for dev\/app/);
      expect(clean(run, [SECRET])).toBe(true);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a password with a space and an escaped / reaches the server as written: pg alone read "s3 cret%2Fx"', async () => {
    const server = await rejectingPostgres();
    const dir = project(base(`postgres://app:s3 cret%2Fx@127.0.0.1:${server.port}/app`));
    try {
      const run = await bb(['migrate', '--env', 'dev'], { cwd: dir });
      expect(run.code, run.stdout + run.stderr).toBe(3);
      expect(server.passwords).toEqual(['s3 cret/x']);
      expect(clean(run, ['s3 cret', 'cret/x', 'cret%2F'])).toBe(true);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not met in time');
}

describe('--to names a migration (PGlite)', () => {
  it('is refused before anything is created when no folder has it; a version of one of several databases, or spelt without its zeros, is applied up to', async () => {
    const dir = project({
      'bb.config.yaml': 'databases:\n  app: { engine: postgres, migrations: app }\n  audit: { engine: postgres, migrations: audit }\nenvironments:\n  - name: dev\n    targets: { app: "pglite://.bb/app", audit: "pglite://.bb/audit" }\n',
      'app/0001_a.sql': 'CREATE TABLE a (id int PRIMARY KEY);\n',
      'app/0002_b.sql': 'CREATE TABLE b (id int PRIMARY KEY);\n',
      'audit/0001_log.sql': 'CREATE TABLE log (id int PRIMARY KEY);\n',
      'audit/0003_more.sql': 'CREATE TABLE more (id int PRIMARY KEY);\n',
    });
    try {
      const refused = await bb(['migrate', '--env', 'dev', '--to', '0004'], { cwd: dir });
      expect(refused.code, refused.stderr).toBe(2);
      expect(refused.stderr).toContain('--to 0004 names no migration of app, audit (their versions go from 0001 to 0003).');
      expect(existsSync(join(dir, '.bb'))).toBe(false);
      const one = await bb(['migrate', '--env', 'dev', '--db', 'app', '--to', '3'], { cwd: dir });
      expect(one.code).toBe(2);
      expect(one.stderr).toContain('--to 3 names no migration of app (its versions go from 0001 to 0002).');
      const both = await bb(['migrate', '--env', 'dev', '--to', '2'], { cwd: dir }); // 0002 is app's; audit runs up to it too
      expect(both.code, both.stdout + both.stderr).toBe(0);
      expect(both.stdout).toMatch(/^✓ dev\/app: 2 migrations applied in \d+ ms, now at 0002$/m);
      expect(both.stdout).toMatch(/^✓ dev\/audit: 1 migration applied in \d+ ms, now at 0001$/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('out of order (PGlite)', () => {
  it('an older version added later is refused, then applied with --allow-out-of-order; the summary names where the target stands', async () => {
    const dir = project({
      'bb.config.yaml': 'databases:\n  app: { engine: postgres, migrations: migrations }\nenvironments:\n  - name: dev\n    targets: { app: "pglite://.bb/dev" }\n',
      'migrations/0002_b.sql': 'CREATE TABLE b (id int PRIMARY KEY);\n',
    });
    try {
      expect((await bb(['migrate', '--env', 'dev'], { cwd: dir })).stdout).toContain('✓ dev/app: 1 migration applied in');
      writeFileSync(join(dir, 'migrations/0001_a.sql'), 'CREATE TABLE a (id int PRIMARY KEY);\n');
      const refused = await bb(['migrate', '--env', 'dev'], { cwd: dir });
      expect(refused.code).toBe(1);
      expect(refused.stdout).toContain('migrations/0001_a.sql (version 0001) is pending on dev/app, below the highest applied version 0002');
      const allowed = await bb(['migrate', '--env', 'dev', '--allow-out-of-order'], { cwd: dir });
      expect(allowed.code, allowed.stderr).toBe(0);
      expect(allowed.stdout).toMatch(/^✓ dev\/app: 1 migration applied in \d+ ms, now at 0002$/m); // not "now at 0001"
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
