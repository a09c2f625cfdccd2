/**
 * ClickHouse end to end through the real binary: the Langfuse corpus (46 files, one without any
 * semicolon) on embedded chdb, a re-run that does nothing, lint without syntax findings, and a
 * migration failing at its second statement, repaired and resumed, on chdb and over HTTP.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { bb, clean, CORPORA, project } from './support/bb.js';
import { startClickHouseHttp, type ClickHouseHttp } from './support/clickhouse-http.js';

const LANGFUSE = join(CORPORA, 'clickhouse/langfuse');
const folders: string[] = [];
afterAll(() => {
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

function config(url: string, migrations: string): string {
  return `databases:\n  events: { engine: clickhouse, migrations: ${migrations} }\nenvironments:\n  - name: dev\n    targets:\n      events: "${url}"\n`;
}

describe('clickhouse: the Langfuse corpus on chdb', () => {
  it('applies all 46 migrations, then a re-run is a no-op and the schema shows no drift', async () => {
    const dir = project({ 'bb.config.yaml': config('chdb://.bb/dev/events', LANGFUSE) });
    folders.push(dir);
    const first = await bb(['migrate', '--env', 'dev'], { cwd: dir, timeoutMs: 300_000 });
    expect(first.code, first.stderr + first.stdout).toBe(0);
    expect(first.stdout + first.stderr).toMatch(/46 migrations applied/);
    expect(clean(first), first.stdout + first.stderr).toBe(true);
    const again = await bb(['migrate', '--env', 'dev'], { cwd: dir });
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout + again.stderr).toMatch(/nothing to do, up to date at 0046/);
    const history = JSON.parse((await bb(['history', '--env', 'dev', '--format', 'json'], { cwd: dir })).stdout) as { targets: { rows: { version: string; status: string; applied: number; total: number }[] }[] };
    const rows = history.targets[0]!.rows;
    expect(rows).toHaveLength(46);
    const bad = rows.filter((r) => r.status !== 'done' || r.applied !== r.total);
    expect(bad).toEqual([]);
    const drift = await bb(['drift', '--env', 'dev'], { cwd: dir });
    expect(drift.code, drift.stdout + drift.stderr).toBe(0);
  });

  it('lints every file without a syntax finding', async () => {
    const dir = project({ 'bb.config.yaml': config('chdb://.bb/dev/events', LANGFUSE) });
    folders.push(dir);
    const run = await bb(['lint', '--all', '--format', 'json'], { cwd: dir });
    const out = JSON.parse(run.stdout) as { findings: { ruleId: string }[]; files: { statements: number }[] };
    expect(out.files).toHaveLength(46);
    expect(out.files.reduce((n, f) => n + f.statements, 0)).toBe(94);
    const findings = out.findings;
    expect(findings.filter((f) => f.ruleId === 'syntax')).toEqual([]);
    expect(run.stdout + run.stderr).not.toMatch(/rule-error/);
  });
});

describe('clickhouse: two embedded targets in one environment', () => {
  it('share one chdb folder with a database each, with separate histories', async () => {
    const dir = project({
      'bb.config.yaml': 'databases:\n  a: { engine: clickhouse, migrations: m1 }\n  b: { engine: clickhouse, migrations: m2 }\nenvironments:\n  - name: dev\n    targets:\n      a: chdb://.bb/dev/ch?database=a\n      b: chdb://.bb/dev/ch?database=b\n',
      'm1/0001_x.sql': 'CREATE TABLE x (id UInt64) ENGINE = MergeTree ORDER BY id;\n',
      'm2/0001_y.sql': 'CREATE TABLE y (id UInt64) ENGINE = MergeTree ORDER BY id;\n',
      'm2/0002_z.sql': 'CREATE TABLE z (id UInt64) ENGINE = MergeTree ORDER BY id;\n',
    });
    folders.push(dir);
    const run = await bb(['migrate', '--env', 'dev'], { cwd: dir });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const history = JSON.parse((await bb(['history', '--env', 'dev', '--format', 'json'], { cwd: dir })).stdout) as { targets: { target: string; rows: { version: string }[] }[] };
    expect(history.targets.map((t) => [t.target, t.rows.map((r) => r.version).sort()])).toEqual([['dev/a', ['0001']], ['dev/b', ['0001', '0002']]]);
  });

  it('explains what to do when they use two folders', async () => {
    const dir = project({
      'bb.config.yaml': 'databases:\n  a: { engine: clickhouse, migrations: m1 }\n  b: { engine: clickhouse, migrations: m2 }\nenvironments:\n  - name: dev\n    targets:\n      a: chdb://.bb/dev/a\n      b: chdb://.bb/dev/b\n',
      'm1/0001_x.sql': 'CREATE TABLE x (id UInt64) ENGINE = MergeTree ORDER BY id;\n',
      'm2/0001_y.sql': 'CREATE TABLE y (id UInt64) ENGINE = MergeTree ORDER BY id;\n',
    });
    folders.push(dir);
    const run = await bb(['migrate', '--env', 'dev'], { cwd: dir });
    expect(run.code).toBe(3);
    expect(run.stdout + run.stderr).toMatch(/one folder with a database each/);
    const one = await bb(['migrate', '--env', 'dev', '--db', 'b'], { cwd: dir });
    expect(one.code, one.stdout + one.stderr).toBe(0);
  });
});

describe('clickhouse: a chdb:// URL with a parameter it does not take', () => {
  it('is a config error naming the file, line and parameter, and nothing is created (a misspelt database= used to migrate `default`)', async () => {
    const dir = project({ 'bb.config.yaml': config('chdb://.bb/dev/ch?databse=events', 'migrations'), 'migrations/0001_x.sql': 'CREATE TABLE x (id UInt64) ENGINE = MergeTree ORDER BY id;\n' });
    folders.push(dir);
    const run = await bb(['migrate', '--env', 'dev'], { cwd: dir });
    expect(run.code, run.stdout + run.stderr).toBe(2);
    expect(run.stdout + run.stderr).toMatch(/bb\.config\.yaml:6: environments\[0\]\.targets\.events: chdb:\/\/\.bb\/dev\/ch\?databse=events \(dev\/events\) has the parameter databse=, which a chdb:\/\/ URL does not take/);
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, '.bb/dev/ch'))).toBe(false);
  });
});

describe('clickhouse: bb repair of a migration whose mutation failed', () => {
  it('warns that the mutation is still queued, naming the table and how to check and kill it', async () => {
    const dir = project({
      'bb.config.yaml': config('chdb://.bb/dev/events', 'migrations'),
      'migrations/0001_m.sql': "CREATE TABLE m (id Int32, v Int32) ENGINE = MergeTree ORDER BY id;\nINSERT INTO m VALUES (1, 1);\nALTER TABLE m UPDATE v = throwIf(v = 1, 'boom') WHERE 1;\n",
    });
    folders.push(dir);
    const migrate = await bb(['migrate', '--env', 'dev'], { cwd: dir });
    expect(migrate.code, migrate.stdout + migrate.stderr).toBe(1);
    const repair = await bb(['repair', '--env', 'dev', '--mark-done'], { cwd: dir });
    expect(repair.code, repair.stdout + repair.stderr).toBe(0);
    expect(repair.stdout).toContain('warning: migrations/0001_m.sql: ALTER TABLE … UPDATE on default.m is still queued on the server (mutation \'mutation_');
    expect(repair.stdout).toMatch(/ClickHouse retries it until it succeeds or is killed: check it with SELECT mutation_id, command, latest_fail_reason FROM system\.mutations WHERE database = 'default' AND table = 'm' AND NOT is_done, and stop it with KILL MUTATION WHERE database = 'default' AND table = 'm' AND mutation_id IN \('mutation_\d+\.txt'\)\./);
    expect(clean(repair)).toBe(true);
    const json = JSON.parse((await bb(['history', '--env', 'dev', '--format', 'json'], { cwd: dir })).stdout) as { targets: { rows: { status: string }[] }[] };
    expect(json.targets[0]!.rows.map((r) => r.status)).toEqual(['done']);
  });
});

describe('clickhouse: bb plan on a clustered target', () => {
  it('warns about DDL without ON CLUSTER, ON CLUSTER on a single server, and mutations', async () => {
    // A clustered target needs a server URL (chdb has no cluster): plan only reads, so no cluster is needed behind it.
    const server = await startClickHouseHttp();
    onTestFinished(() => server.stop());
    const dir = project({
      'bb.config.yaml': `databases:\n  events: { engine: clickhouse, migrations: migrations }\nenvironments:\n  - name: dev\n    targets:\n      events: chdb://.bb/dev/events\n  - name: prod\n    targets:\n      events: { url: "${server.url()}", cluster: main }\n`,
      'migrations/0001_a.sql': 'CREATE TABLE a ON CLUSTER main (id UInt64) ENGINE = ReplicatedMergeTree ORDER BY id;\nALTER TABLE a ADD COLUMN b String;\nALTER TABLE a ON CLUSTER main UPDATE b = \'x\' WHERE 1;\nDROP FUNCTION IF EXISTS f;\n',
    });
    folders.push(dir);
    const prod = await bb(['plan', '--env', 'prod'], { cwd: dir });
    expect(prod.stdout).toMatch(/0001_a\.sql:2: ALTER TABLE a has no ON CLUSTER main/);
    expect(prod.stdout).toMatch(/0001_a\.sql:4: DROP FUNCTION IF EXISTS f has no ON CLUSTER main/);
    // bb lint says the same of the file (clickhouse.on-cluster-consistency).
    const lint = await bb(['lint'], { cwd: dir });
    expect(lint.code).toBe(1);
    expect(lint.stdout).toMatch(/0001_a\.sql:4:1 error \[clickhouse\.on-cluster-consistency\] DROP FUNCTION IF EXISTS f has no ON CLUSTER, while other DDL in this file runs ON CLUSTER main/);
    expect(prod.stdout).not.toMatch(/0001_a\.sql:1:/);
    expect(prod.stdout).toMatch(/0001_a\.sql:3: ALTER TABLE … UPDATE on a is a mutation/);
    const dev = await bb(['plan', '--env', 'dev'], { cwd: dir });
    expect(dev.code).toBe(0);
    expect(dev.stdout).toMatch(/0001_a\.sql:1: CREATE TABLE a runs ON CLUSTER main, but this target has no cluster/);
  });
});

const failing = 'CREATE TABLE b (id UInt64) ENGINE = MergeTree ORDER BY id;\nINSERT INTO bb_missing_table VALUES (1);\nCREATE TABLE c (id UInt64) ENGINE = MergeTree ORDER BY id\n';
const fixed = 'CREATE TABLE b (id UInt64) ENGINE = MergeTree ORDER BY id;\nINSERT INTO b VALUES (1);\nCREATE TABLE c (id UInt64) ENGINE = MergeTree ORDER BY id\n';

async function failAndRepair(url: string, secret?: string): Promise<void> {
  const dir = project({
    'bb.config.yaml': config(url, 'migrations'),
    'migrations/0001_a.sql': 'CREATE TABLE a (id UInt64) ENGINE = MergeTree ORDER BY id;\n',
    'migrations/0002_b.sql': failing,
  });
  folders.push(dir);
  const run = await bb(['migrate', '--env', 'dev'], { cwd: dir });
  expect(run.code).toBe(1);
  expect(run.stdout + run.stderr).toMatch(/0002_b\.sql: statement 2 of 3 \(line 2\) failed on dev\/events: .*bb_missing_table/);
  expect(clean(run, secret ? [secret] : [])).toBe(true);
  const history = JSON.parse((await bb(['history', '--env', 'dev', '--format', 'json'], { cwd: dir })).stdout) as { targets: { rows: { version: string; status: string; applied: number; failedStatement?: number; error?: string }[] }[] };
  const row = history.targets[0]!.rows.find((r) => r.version === '0002')!;
  expect(row).toMatchObject({ status: 'failed', applied: 1, failedStatement: 1 });
  expect(row.error).toMatch(/bb_missing_table/);
  // Blocked until repaired.
  const blocked = await bb(['migrate', '--env', 'dev'], { cwd: dir });
  expect(blocked.code).toBe(1);
  expect(blocked.stdout + blocked.stderr).toMatch(/0002/);
  // Fix the failing statement (the applied first one is unchanged), mark for retry, resume.
  writeFileSync(join(dir, 'migrations/0002_b.sql'), fixed);
  const repair = await bb(['repair', '--env', 'dev', '--version', '0002', '--retry'], { cwd: dir });
  expect(repair.code, repair.stdout + repair.stderr).toBe(0);
  const resumed = await bb(['migrate', '--env', 'dev'], { cwd: dir });
  expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
  expect(resumed.stdout + resumed.stderr).toMatch(/0002_b\.sql \(3\/3 statements/);
  const after = JSON.parse((await bb(['history', '--env', 'dev', '--format', 'json'], { cwd: dir })).stdout) as { targets: { rows: { version: string; status: string; applied: number }[] }[] };
  expect(after.targets[0]!.rows.find((r) => r.version === '0002')).toMatchObject({ status: 'done', applied: 3 });
  expect(readFileSync(join(dir, 'migrations/0002_b.sql'), 'utf8')).toBe(fixed);
}

describe('clickhouse: a migration failing at its second statement', () => {
  it('leaves a failed row naming it, and bb repair --retry resumes it (chdb)', async () => {
    await failAndRepair('chdb://.bb/dev/events');
  });

  it('replays the migration\'s applied SET statements when it resumes (a new connection has lost them)', async () => {
    const failingSet = 'SET allow_suspicious_low_cardinality_types = 1;\nCREATE TABLE lc1 (a LowCardinality(UInt8)) ENGINE = MergeTree ORDER BY tuple();\nCREATE TABLE lc2 (a LowCardinality(UInt16)) ENGINE = MergeTree ORDER BY bb_missing_column;\n';
    const dir = project({ 'bb.config.yaml': config('chdb://.bb/dev/events', 'migrations'), 'migrations/0001_lc.sql': failingSet });
    folders.push(dir);
    const run = await bb(['migrate', '--env', 'dev'], { cwd: dir });
    expect(run.stdout + run.stderr).toMatch(/statement 3 of 3 \(line 3\) failed on dev\/events: .*bb_missing_column/);
    writeFileSync(join(dir, 'migrations/0001_lc.sql'), failingSet.replace('ORDER BY bb_missing_column', 'ORDER BY tuple()'));
    expect((await bb(['repair', '--env', 'dev', '--version', '0001', '--retry'], { cwd: dir })).code).toBe(0);
    // Without statement 1 replayed, statement 3 fails with SUSPICIOUS_TYPE_FOR_LOW_CARDINALITY.
    const resumed = await bb(['migrate', '--env', 'dev'], { cwd: dir });
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(resumed.stdout + resumed.stderr).toMatch(/0001_lc\.sql \(3\/3 statements/);
  });

  let http: ClickHouseHttp | undefined;
  afterAll(async () => http?.stop());
  it('leaves a failed row naming it, and bb repair --retry resumes it (HTTP)', async () => {
    http = await startClickHouseHttp({ user: 'bb', password: 'e2e-secret-pw' });
    await http.query('CREATE DATABASE bbt_ch_e2e');
    await failAndRepair(http.url('bbt_ch_e2e'), 'e2e-secret-pw');
  });
});
