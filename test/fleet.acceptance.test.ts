/**
 * Issue #6 acceptance, tenant fleets, through the real binary: 60 PostgreSQL and 30 MariaDB databases
 * created here, 10 migrations, concurrency 8; one member failing on migration 7 (onError continue on
 * PostgreSQL, stop on MariaDB); a second run after the cause is fixed; canary: 2 with a migration that
 * fails everywhere; bb status over the group; the promotion gate waits for every member.
 */
import { writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bb, clean, project } from './support/bb.js';
import { MysqlDatabases, PostgresDatabases, mysqlAvailable, postgresAvailable } from './support/servers.js';

const pgUp = await postgresAvailable();
const myUp = await mysqlAvailable();

/** Ten small migrations; 0007 creates t7, so a member that already has t7 fails there. */
function migrations(dir: string, engine: 'postgres' | 'mysql'): void {
  mkdirSync(dir, { recursive: true });
  for (let i = 1; i <= 10; i++) {
    const v = String(i).padStart(4, '0');
    const sql = engine === 'postgres'
      ? `CREATE TABLE t${i} (id bigint PRIMARY KEY, name text NOT NULL);\nCREATE INDEX t${i}_name ON t${i} (name);\n`
      : `CREATE TABLE t${i} (id bigint PRIMARY KEY, name varchar(100) NOT NULL);\nCREATE INDEX t${i}_name ON t${i} (name);\n`;
    writeFileSync(join(dir, `${v}_t${i}.sql`), sql);
  }
}

interface MemberJson { target: { id: string; member: string }; state: string; error?: { message: string }; result?: { migrations: { version: string; status: string }[] } }
interface RunJson { fleets: { group: string; stopped?: string; members: MemberJson[] }[] }

const applied = (m: MemberJson): string[] => (m.result?.migrations ?? []).filter((x) => x.status === 'done').map((x) => x.version);

describe.skipIf(!pgUp)('PostgreSQL fleet: 60 databases, concurrency 8, onError continue', () => {
  const dbs = new PostgresDatabases('bbt_fleet_pg');
  const after = new PostgresDatabases('bbt_fleet_pgafter');
  let dir: string;
  let afterUrl: string;
  const failing = 'bbt_fleet_pg_13';

  beforeAll(async () => {
    for (let i = 1; i <= 60; i++) await dbs.create(String(i));
    afterUrl = await after.create('one');
    await PostgresDatabases.query(afterUrl.replace(/\/[^/]*$/, `/${failing}`), 'CREATE TABLE t7 (x int)'); // the cause
    dir = project({
      'bb.config.yaml': `databases:
  app: { engine: postgres, migrations: migrations }
environments:
  - name: tenants
    targets:
      app:
        discover: { url: "postgres://postgres@127.0.0.1:5432/postgres", match: "bbt\\\\_fleet\\\\_pg\\\\_%" }
        concurrency: 8
        onError: continue
  - name: after
    targets:
      app: ${afterUrl}
`,
    });
    migrations(join(dir, 'migrations'), 'postgres');
  }, 120_000);
  afterAll(async () => {
    await dbs.dropAll();
    await after.dropAll();
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('applies all 10 to the 59 healthy members, reports the failing one with its error, exit 1', async () => {
    const run = await bb(['migrate', '--env', 'tenants', '--format', 'json'], { cwd: dir, timeoutMs: 300_000 });
    expect(run.code, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as RunJson;
    const members = report.fleets[0]!.members;
    expect(members).toHaveLength(60);
    const bad = members.filter((m) => m.state === 'failed');
    expect(bad.map((m) => m.target.member)).toEqual([failing]);
    expect(bad[0]!.error!.message).toMatch(/0007_t7\.sql.*already exists/);
    expect(applied(bad[0]!)).toEqual(['0001', '0002', '0003', '0004', '0005', '0006']);
    for (const m of members.filter((x) => x.state !== 'failed')) {
      expect(m.state).toBe('done');
      expect(applied(m)).toHaveLength(10);
    }
    // Every database really is at 0010 (or 0006 for the failing one).
    const rows = await PostgresDatabases.query<{ n: string }>(afterUrl.replace(/\/[^/]*$/, '/bbt_fleet_pg_60'), "SELECT count(*) AS n FROM bb_migration_history WHERE status = 'done'");
    expect(Number(rows[0]!.n)).toBe(10);
  }, 300_000);

  it('bb status shows the group as one row of counts; JSON carries every member', async () => {
    const run = await bb(['status', '--env', 'tenants'], { cwd: dir });
    expect(run.code).toBe(1); // a failed migration
    expect(run.stdout).toMatch(/tenants\/app \(group, 60 members\): 59 at 0010, 1 failed at 0007\s+← version skew/);
    expect(run.stdout).not.toContain('bbt_fleet_pg_42]'); // members are not listed without --expand
    const expanded = await bb(['status', '--env', 'tenants', '--expand'], { cwd: dir });
    expect(expanded.stdout).toContain(`tenants/app[bbt_fleet_pg_42]: at 0010, 10 done`);
    const json = JSON.parse((await bb(['status', '--env', 'tenants', '--format', 'json'], { cwd: dir })).stdout) as { columns: { group?: string }[]; groups: { summary: string }[] };
    expect(json.columns.filter((c) => c.group === 'tenants/app')).toHaveLength(60);
    expect(json.groups[0]!.summary).toBe('59 at 0010, 1 failed at 0007');
  }, 60_000);

  it('the gate treats the group as done only when every member is done', async () => {
    const run = await bb(['migrate', '--env', 'after'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`version 0007 (migrations/0007_t7.sql) is not applied on tenants/app[${failing}] in tenants`);
    expect(clean(run)).toBe(true);
  }, 60_000);

  it('after the cause is fixed, a second run completes only that member’s remaining work', async () => {
    await PostgresDatabases.query(afterUrl.replace(/\/[^/]*$/, `/${failing}`), 'DROP TABLE t7');
    const repair = await bb(['repair', '--env', 'tenants'], { cwd: dir, timeoutMs: 120_000 });
    expect(repair.code, repair.stdout + repair.stderr).toBe(0);
    const run = await bb(['migrate', '--env', 'tenants', '--format', 'json'], { cwd: dir, timeoutMs: 300_000 });
    expect(run.code, run.stderr).toBe(0);
    const members = (JSON.parse(run.stdout) as RunJson).fleets[0]!.members;
    expect(members.every((m) => m.state === 'done')).toBe(true);
    const worked = members.filter((m) => applied(m).length > 0);
    expect(worked.map((m) => m.target.member)).toEqual([failing]);
    expect(applied(worked[0]!)).toEqual(['0007', '0008', '0009', '0010']);
    const gate = await bb(['migrate', '--env', 'after'], { cwd: dir });
    expect(gate.code, gate.stdout).toBe(0);
  }, 300_000);

  it('--only and --exclude select members; the others are listed as skipped', async () => {
    writeFileSync(join(dir, 'migrations/0011_t11.sql'), 'CREATE TABLE t11 (id int);\n');
    try {
      const run = await bb(['migrate', '--env', 'tenants', '--only', 'bbt_fleet_pg_1*', '--exclude', 'bbt_fleet_pg_10', '--format', 'json'], { cwd: dir, timeoutMs: 120_000 });
      expect(run.code, run.stderr).toBe(0);
      const members = (JSON.parse(run.stdout) as RunJson).fleets[0]!.members;
      const ran = members.filter((m) => m.state === 'done').map((m) => m.target.member).sort();
      expect(ran).toEqual(['bbt_fleet_pg_1', ...Array.from({ length: 9 }, (_, i) => `bbt_fleet_pg_1${i + 1}`)].sort());
      expect(members.filter((m) => m.state === 'skipped')).toHaveLength(50);
    } finally {
      rmSync(join(dir, 'migrations/0011_t11.sql'));
    }
  }, 120_000);
});

describe.skipIf(!pgUp)('canary: 2 with a migration that fails on every member', () => {
  const dbs = new PostgresDatabases('bbt_fleet_can');
  let dir: string;
  const urls: string[] = [];
  beforeAll(async () => {
    for (let i = 1; i <= 10; i++) urls.push(await dbs.create(String(i)));
    dir = project({
      'bb.config.yaml': `databases:
  app: { engine: postgres, migrations: migrations }
environments:
  - name: prod
    targets:
      app:
        urls: [${urls.map((u) => JSON.stringify(u)).join(', ')}]
        concurrency: 4
        canary: 2
        onError: continue
`,
      'migrations/0001_a.sql': 'CREATE TABLE a (id int);\n',
      'migrations/0002_boom.sql': 'SELECT 1 / 0;\n',
    });
  }, 60_000);
  afterAll(async () => {
    await dbs.dropAll();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('stops after the two canaries; the other eight are not started and untouched', async () => {
    const run = await bb(['migrate', '--env', 'prod', '--format', 'json'], { cwd: dir, timeoutMs: 120_000 });
    expect(run.code).toBe(1);
    const fleet = (JSON.parse(run.stdout) as RunJson).fleets[0]!;
    expect(fleet.stopped).toBe('canary');
    expect(fleet.members.slice(0, 2).map((m) => m.state)).toEqual(['failed', 'failed']);
    expect(fleet.members.slice(2).every((m) => m.state === 'not-started')).toBe(true);
    expect(fleet.members[0]!.error!.message).toMatch(/division by zero/);
    for (const url of urls.slice(2)) {
      const rows = await PostgresDatabases.query<{ t: string | null }>(url, "SELECT to_regclass('bb_migration_history')::text AS t");
      expect(rows[0]!.t).toBeNull();
    }
    const pretty = await bb(['migrate', '--env', 'prod'], { cwd: dir, timeoutMs: 120_000 });
    expect(pretty.stdout).toContain('stopped after the canaries');
  }, 120_000);
});

describe.skipIf(!myUp)('MariaDB fleet: 30 databases, concurrency 8, onError stop', () => {
  const dbs = new MysqlDatabases('bbt_fleet_my');
  let dir: string;
  const urls: string[] = [];
  beforeAll(async () => {
    for (let i = 1; i <= 30; i++) urls.push(await dbs.create(String(i).padStart(2, '0')));
    await MysqlDatabases.query(urls[0]!, 'CREATE TABLE t7 (x int)'); // the first member fails on 0007
    dir = project({
      'bb.config.yaml': `databases:
  app: { engine: mysql, migrations: migrations }
environments:
  - name: prod
    targets:
      app:
        discover: { url: "${MysqlDatabases.urlFor('test')}", match: "/^bbt_fleet_my_\\\\d+$/" }
        concurrency: 8
        onError: stop
`,
    });
    migrations(join(dir, 'migrations'), 'mysql');
  }, 120_000);
  afterAll(async () => {
    await dbs.dropAll();
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('stops starting members after the failure; running ones finish; a second run finishes the fleet', async () => {
    const run = await bb(['migrate', '--env', 'prod', '--format', 'json'], { cwd: dir, timeoutMs: 300_000 });
    expect(run.code, run.stderr).toBe(1);
    const fleet = (JSON.parse(run.stdout) as RunJson).fleets[0]!;
    expect(fleet.members).toHaveLength(30);
    expect(fleet.stopped).toBe('error');
    const failed = fleet.members.filter((m) => m.state === 'failed');
    expect(failed.map((m) => m.target.member)).toEqual(['bbt_fleet_my_01']);
    expect(failed[0]!.error!.message).toMatch(/0007_t7\.sql.*t7/);
    const notStarted = fleet.members.filter((m) => m.state === 'not-started');
    expect(notStarted.length).toBeGreaterThan(0);
    for (const m of fleet.members.filter((x) => x.state === 'done')) expect(applied(m)).toHaveLength(10);

    // Fix the cause; the failed 0007 applied none of its statements, so repair clears it.
    await MysqlDatabases.query(urls[0]!, 'DROP TABLE t7');
    const repair = await bb(['repair', '--env', 'prod'], { cwd: dir, timeoutMs: 120_000 });
    expect(repair.code, repair.stdout + repair.stderr).toBe(0);
    const second = await bb(['migrate', '--env', 'prod', '--format', 'json'], { cwd: dir, timeoutMs: 300_000 });
    expect(second.code, second.stderr).toBe(0);
    const members = (JSON.parse(second.stdout) as RunJson).fleets[0]!.members;
    expect(members.every((m) => m.state === 'done')).toBe(true);
    expect(applied(members[0]!)).toEqual(['0007', '0008', '0009', '0010']);
    const doneBefore = new Set(fleet.members.filter((m) => m.state === 'done').map((m) => m.target.id));
    for (const m of members) {
      if (doneBefore.has(m.target.id)) expect(applied(m)).toEqual([]);
      else if (m.target.member !== 'bbt_fleet_my_01') expect(applied(m)).toHaveLength(10);
    }
  }, 600_000);
});
