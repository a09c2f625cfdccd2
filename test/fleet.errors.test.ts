/**
 * Group targets when something is wrong with a member or with the selection: an unreachable member
 * under onError: continue, applied files edited or gone in bb status, a discovery that matches
 * nothing, and --only/--exclude that pick no member. Through the real binary, on PostgreSQL.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bb, clean, project } from './support/bb.js';
import { commitAll, git, initRepo } from './support/git.js';
import { PostgresDatabases, postgresAvailable } from './support/servers.js';

const pgUp = await postgresAvailable();

interface MemberJson { target: { member: string }; state: string; error?: { kind: string; message: string } }
interface RunJson { fleets?: { members: MemberJson[] }[] }

describe.skipIf(!pgUp)('onError: continue with an unreachable member', () => {
  const dbs = new PostgresDatabases('bbt_fleet_errs_reach');
  let dir: string;
  let url: string;
  beforeAll(async () => {
    url = await dbs.create('c1');
    // Port 5999: nothing listens there, so the member is refused at once.
    const config = (onError: string): string => `databases:
  app: { engine: postgres, migrations: migrations }
environments:
  - name: prod
    targets:
      app:
        urls: ["${url}", "postgres://postgres:topsecret@127.0.0.1:5999/bbt_fleet_errs_gone"]
        onError: ${onError}
`;
    dir = project({
      'bb.config.yaml': config('continue'),
      'stop.yaml': config('stop'),
      'migrations/0001_a.sql': 'CREATE TABLE a (id int PRIMARY KEY);\n',
    });
  }, 60_000);

  it('bb plan applies the same rule: the member counts failed, the others are planned, exit 1 (3 under onError: stop)', async () => {
    const run = await bb(['plan', '--env', 'prod'], { cwd: dir });
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(clean(run, ['topsecret'])).toBe(true);
    expect(run.stdout).toMatch(/prod\/app\[bbt_fleet_errs_reach_c1\].*\n  empty; 1 to apply\n  \+ migrations\/0001_a\.sql/);
    expect(run.stdout).toMatch(/prod\/app\[bbt_fleet_errs_gone\].*\n  error: Cannot connect .*ECONNREFUSED.*\n.*\n  counted failed \(onError: continue\): the other members go ahead without it/);

    const json = await bb(['plan', '--env', 'prod', '--format', 'json'], { cwd: dir });
    expect(json.code).toBe(1);
    const targets = (JSON.parse(json.stdout) as { targets: { target: { member: string }; steps: unknown[]; error?: { kind: string }; countedFailed?: boolean }[] }).targets;
    expect(targets.map((t) => [t.target.member, t.steps.length, t.error?.kind, t.countedFailed])).toEqual([['bbt_fleet_errs_reach_c1', 1, undefined, undefined], ['bbt_fleet_errs_gone', 0, 'connect', true]]);

    // migrate --dry-run says the same as plan (it exited 0 and showed the member as up to date).
    const dry = await bb(['migrate', '--env', 'prod', '--dry-run'], { cwd: dir });
    expect(dry.code, dry.stdout + dry.stderr).toBe(1);
    expect(dry.stdout).toMatch(/ECONNREFUSED[^]*counted failed/);

    // Under onError: stop an unreachable member still stops the whole environment.
    const stop = await bb(['plan', '--env', 'prod', '--config', 'stop.yaml'], { cwd: dir });
    expect(stop.code, stop.stdout + stop.stderr).toBe(3);
    expect(stop.stdout).not.toMatch(/counted failed/);
  }, 60_000);
  afterAll(async () => {
    await dbs.dropAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts the unreachable member failed and migrates the others, exit 1', async () => {
    const run = await bb(['migrate', '--env', 'prod', '--format', 'json'], { cwd: dir });
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(clean(run, ['topsecret'])).toBe(true);
    const members = (JSON.parse(run.stdout) as RunJson).fleets![0]!.members;
    expect(members.map((m) => `${m.target.member}:${m.state}`)).toEqual(['bbt_fleet_errs_reach_c1:done', 'bbt_fleet_errs_gone:failed']);
    expect(members[1]!.error).toMatchObject({ kind: 'connect', message: expect.stringMatching(/ECONNREFUSED/) });
    expect(await PostgresDatabases.query(url, 'SELECT count(*)::int AS n FROM a')).toEqual([{ n: 0 }]);

    // Again, with nothing left to apply on the reachable member: still reported, still exit 1.
    const again = await bb(['migrate', '--env', 'prod'], { cwd: dir });
    expect(again.code, again.stdout + again.stderr).toBe(1);
    expect(again.stdout).toMatch(/1 done, 1 failed/);
    expect(again.stdout).not.toMatch(/blocked/);
  }, 60_000);
});

describe.skipIf(!pgUp)('a discovery that matches nothing', () => {
  const dbs = new PostgresDatabases('bbt_fleet_errs_empty');
  let dir: string;
  let url: string;
  beforeAll(async () => {
    url = await dbs.create('x1');
    dir = project({
      'bb.config.yaml': `databases:
  app: { engine: postgres, migrations: migrations }
environments:
  - name: e
    targets:
      app:
        discover: { url: "${url}", match: "nomatch%", schemas: true }
  - name: next
    targets:
      app: "${url}"
`,
      'migrations/0001_a.sql': 'CREATE TABLE a (id int PRIMARY KEY);\n',
    });
  }, 60_000);
  afterAll(async () => {
    await dbs.dropAll();
    rmSync(dir, { recursive: true, force: true });
  });

  const empty = /e\/app: the group has no members: discover matched no schema with "nomatch%"/;

  it('plan and migrate name the group and the pattern, exit 2', async () => {
    for (const command of ['plan', 'migrate']) {
      const run = await bb([command, '--env', 'e'], { cwd: dir });
      expect(run.code, `${command}: ${run.stdout}${run.stderr}`).toBe(2);
      expect(run.stderr, command).toMatch(empty);
      expect(run.stderr, command).not.toMatch(/has no targets/);
    }
  }, 60_000);

  it('every other command that takes --env gives the same error, exit 2', async () => {
    for (const args of [
      ['drift', '--env', 'e'], ['dump', '--env', 'e'], ['diff', '--from', 'e', '--to', 'next'],
      ['query', '--env', 'e', 'SELECT 1'], ['backup', '--env', 'e'],
      ['history', '--env', 'e'], ['repair', '--env', 'e', '--yes'], ['rollback', '--env', 'e', '--yes'], ['unlock', '--env', 'e'],
    ]) {
      const command = args.join(' ');
      const run = await bb(args, { cwd: dir });
      expect(run.code, `${command}: ${run.stdout}${run.stderr}`).toBe(2);
      expect(run.stderr, command).toMatch(empty);
    }
    // doctor reports it as a failed check (it printed "All checks passed." and exited 0) and still checks the other environment.
    const doctor = await bb(['doctor'], { cwd: dir });
    expect(doctor.code, doctor.stdout + doctor.stderr).toBe(2);
    expect(doctor.stdout).toMatch(new RegExp(`✗ targets ${empty.source}`));
    expect(doctor.stdout).not.toMatch(/e\/app: e\/app/); // where the group is named already, the message does not name it again
    expect(doctor.stdout).toMatch(/✓ next\/app: /);
  }, 120_000);

  it('an environment after it refuses to migrate: the promotion gate cannot be checked on no member', async () => {
    for (const command of ['plan', 'migrate']) {
      const run = await bb([command, '--env', 'next'], { cwd: dir });
      expect(run.code, `${command}: ${run.stdout}${run.stderr}`).toBe(2);
      expect(run.stderr, command).toMatch(new RegExp(`Cannot check the promotion gate: ${empty.source}`));
    }
    expect(await PostgresDatabases.query(url, "SELECT to_regclass('a') AS t")).toEqual([{ t: null }]);
  }, 60_000);

  it('status shows the group with the same message, exit 2 (a config problem)', async () => {
    for (const args of [['status', '--env', 'e'], ['status']]) {
      const run = await bb(args, { cwd: dir });
      expect(run.code, run.stdout + run.stderr).toBe(2);
      expect(run.stdout).toMatch(new RegExp(`! ${empty.source}`));
      expect(run.stdout).not.toMatch(/e\/app: e\/app/);
    }
  }, 60_000);

  it('bb review names the group once, without listing it as its own member', async () => {
    initRepo(dir);
    git(dir, 'checkout', '--quiet', '-b', 'feature');
    writeFileSync(join(dir, 'migrations/0002_b.sql'), 'CREATE TABLE b (id int PRIMARY KEY);\n');
    commitAll(dir, 'b');
    const run = await bb(['review', '--base', 'main', '--format', 'markdown'], { cwd: dir });
    expect(run.stdout).toMatch(new RegExp(`\\| \`e/app\` \\| ⚠️ not reachable: ${empty.source.replace(/^e\\\/app: /, '')}`));
    expect(run.stdout).not.toMatch(/e\/app: e\/app|1 member/); // it listed itself as its one member
  }, 60_000);
});

describe.skipIf(!pgUp)('--only/--exclude that pick no member', () => {
  const dbs = new PostgresDatabases('bbt_fleet_errs_sel');
  let dir: string;
  const urls: string[] = [];
  beforeAll(async () => {
    for (const m of ['a', 'b', 'c']) urls.push(await dbs.create(m));
    // backup: before-migrate, so the test sees that nothing ran before the refusal: not even a backup.
    dir = project({
      'bb.config.yaml': `databases:
  app: { engine: postgres, migrations: migrations }
environments:
  - name: prod
    protected: true
    backup: before-migrate
    targets:
      app:
        urls: [${urls.map((u) => `"${u}"`).join(', ')}]
`,
      'migrations/0001_a.sql': 'CREATE TABLE a (id int PRIMARY KEY);\n',
    });
  }, 60_000);
  afterAll(async () => {
    await dbs.dropAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is a usage error naming the pattern and the members, before any backup or change', async () => {
    for (const [args, flags] of [
      [['--only', 'nomatch*'], "--only 'nomatch*'"],
      [['--only', ''], "--only ''"],
      [['--exclude', 'bbt_fleet_errs_sel_*'], "--exclude 'bbt_fleet_errs_sel_*'"],
    ] as const) {
      const run = await bb(['migrate', '--env', 'prod', '--yes', ...args], { cwd: dir });
      expect(run.code, `${flags}: ${run.stdout}${run.stderr}`).toBe(2);
      expect(run.stderr).toContain(`${flags} picks no member of prod/app (3 members: bbt_fleet_errs_sel_a, bbt_fleet_errs_sel_b, bbt_fleet_errs_sel_c)`);
      expect(existsSync(join(dir, '.bb', 'backups')), flags).toBe(false);
    }
    for (const url of urls) expect(await PostgresDatabases.query(url, "SELECT to_regclass('a') AS t"), url).toEqual([{ t: null }]);
  }, 60_000);

  it('a selection that picks some members still runs them', async () => {
    const run = await bb(['migrate', '--env', 'prod', '--yes', '--only', '*_b', '--format', 'json'], { cwd: dir });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(existsSync(join(dir, '.bb', 'backups'))).toBe(true); // so its absence above means no backup ran
    const members = (JSON.parse(run.stdout) as RunJson).fleets![0]!.members;
    expect(members.map((m) => `${m.target.member}:${m.state}`)).toEqual(['bbt_fleet_errs_sel_a:skipped', 'bbt_fleet_errs_sel_b:done', 'bbt_fleet_errs_sel_c:skipped']);
  }, 60_000);
});
