/**
 * What a user sees when a migrate run is interrupted, through the real binary against the local
 * PostgreSQL and MariaDB: SIGINT (Ctrl-C) and SIGTERM stop the running statement on the server, roll
 * back or record a precise failed row, release the lock, say so, and end bb by the same signal (130,
 * 143); after a SIGKILL, `bb status` tells a run at work from an interrupted one. Needs `npm run build`.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bb, clean, project } from '../support/bb.js';
import { MysqlDatabases, mysqlAvailable, PostgresDatabases, postgresAvailable } from '../support/servers.js';
import { lockName } from '../../engines/mysql/lock.js';
import migrate from '../../src/cli/commands/migrate.js';
import { interruption } from '../../src/errors.js';

const pgUp = await postgresAvailable();
const myUp = await mysqlAvailable();
const pgDbs = new PostgresDatabases('bbt_interrupt');
const myDbs = new MysqlDatabases('bbt_interrupt');
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  if (pgUp) await pgDbs.dropAll();
  if (myUp) await myDbs.dropAll();
});

const SIGNALS = [
  { signal: 'SIGINT', name: 'SIGINT (Ctrl-C)', code: 130 },
  { signal: 'SIGTERM', name: 'SIGTERM', code: 143 },
] as const;

function setup(engine: 'postgres' | 'mysql', url: string, files: Record<string, string>): string {
  const dir = project({ 'bb.config.yaml': `databases:\n  app: { engine: ${engine}, migrations: migrations }\nenvironments:\n  - name: staging\n    targets:\n      app: ${url}\n`, ...files });
  dirs.push(dir);
  return dir;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met in time');
}

/** Starts `bb migrate`, sends `signal` once `running` says the long statement runs, and returns the run with its time from the signal to the exit. */
async function interrupt(dir: string, signal: NodeJS.Signals, running: () => Promise<boolean>, args: readonly string[] = []) {
  const run = bb(['migrate', '--env', 'staging', ...args], { cwd: dir });
  await waitFor(running);
  const sent = Date.now();
  run.child.kill(signal);
  const result = await run;
  return { ...result, afterSignalMs: Date.now() - sent };
}

describe.skipIf(!pgUp)('PostgreSQL: SIGINT / SIGTERM during bb migrate', () => {
  const sleeping = (url: string) => async (): Promise<boolean> =>
    (await PostgresDatabases.query(url, "SELECT 1 FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND datname = current_database()")).length > 0;

  it.each(SIGNALS)('$signal in a transactional migration: cancelled on the server, rolled back, lock free, one clear message, exit $code', async ({ signal, name, code }) => {
    const url = await pgDbs.create(`tx_${signal}`);
    const dir = setup('postgres', url, {
      'migrations/0001_first.sql': 'CREATE TABLE first (id int);\n',
      'migrations/0002_slow.sql': 'CREATE TABLE slow (id int);\nSELECT pg_sleep(30);\nINSERT INTO slow VALUES (1);\n',
      'migrations/0003_after.sql': 'CREATE TABLE after_slow (id int);\n',
    });
    const run = await interrupt(dir, signal, sleeping(url));
    // bb ends by the signal itself, so a calling shell script stops too; and it did not wait out the 30 s sleep
    expect(run.signal, run.stdout + run.stderr).toBe(signal);
    expect(run.code).toBe(code);
    expect(run.afterSignalMs).toBeLessThan(15_000);
    expect(clean(run)).toBe(true);
    expect(run.stderr).toContain(`bb: ${signal === 'SIGINT' ? 'interrupted by SIGINT (Ctrl-C)' : 'terminated by SIGTERM'}: stopping the running statement on the server and releasing the lock…`);
    expect(run.stdout).toContain('✗ staging/app: 1 migration applied in');
    expect(run.stdout).toContain('interrupted: migrations/0002_slow.sql, 1 not run');
    expect(run.stdout).toContain(`migrations/0002_slow.sql: interrupted by ${name} on staging/app while it ran; it was rolled back, none of it is applied.\n  hint: Run bb migrate --env staging again to apply it.`);
    expect(run.stdout).not.toMatch(/failed|statement 1 of/);
    expect(await PostgresDatabases.query(url, 'SELECT version, status FROM bb_migration_history ORDER BY version')).toEqual([{ version: '0001', status: 'done' }]);
    expect(await PostgresDatabases.query(url, "SELECT to_regclass('slow') IS NULL AS gone")).toEqual([{ gone: true }]);

    const status = await bb(['status', '--env', 'staging'], { cwd: dir });
    expect(status.code, status.stdout + status.stderr).toBe(0);
    expect(status.stdout).toMatch(/0002 +migrations\/0002_slow\.sql +· pending/);

    writeFileSync(join(dir, 'migrations/0002_slow.sql'), 'CREATE TABLE slow (id int);\nINSERT INTO slow VALUES (1);\n');
    // the lock was released: a second run takes it at once
    const again = await bb(['migrate', '--env', 'staging', '--lock-timeout', '1'], { cwd: dir });
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toContain('2 migrations applied');
  }, 60_000);

  it('SIGINT on the first of two targets: the summary lists the target never started as such, and bb exits by the signal', async () => {
    const appUrl = await pgDbs.create('two_app');
    const eventsUrl = await pgDbs.create('two_events');
    const dir = project({
      'bb.config.yaml': `databases:\n  app: { engine: postgres, migrations: migrations/app }\n  events: { engine: postgres, migrations: migrations/events }\nenvironments:\n  - name: staging\n    targets:\n      app: ${appUrl}\n      events: ${eventsUrl}\n`,
      'migrations/app/0001_slow.sql': 'CREATE TABLE slow (id int);\nSELECT pg_sleep(30);\n',
      'migrations/events/0001_a.sql': 'CREATE TABLE a (id int);\n',
      'migrations/events/0002_b.sql': 'CREATE TABLE b (id int);\n',
    });
    dirs.push(dir);
    const run = await interrupt(dir, 'SIGINT', sleeping(appUrl));
    expect(run.signal, run.stdout + run.stderr).toBe('SIGINT');
    expect(run.code).toBe(130);
    expect(clean(run)).toBe(true);
    expect(run.stdout).toContain('interrupted: migrations/app/0001_slow.sql');
    expect(run.stdout).toContain('· staging/events: not started (interrupted by SIGINT (Ctrl-C)), 2 migrations pending\n  hint: Nothing was written to the targets not started; run bb migrate --env staging again to apply what is left.');
    expect(await PostgresDatabases.query(eventsUrl, "SELECT to_regclass('bb_migration_history') IS NULL AS untouched")).toEqual([{ untouched: true }]);

    // The same in JSON: the transactional migration was rolled back, so a second run stops at the same place.
    const json = await interrupt(dir, 'SIGINT', sleeping(appUrl), ['--format', 'json']);
    expect(json.signal, json.stdout + json.stderr).toBe('SIGINT');
    expect(JSON.parse(json.stdout).notStarted).toEqual([
      { target: { environment: 'staging', database: 'events', id: 'staging/events', url: expect.stringMatching(/\/bbt_interrupt_two_events$/) }, pending: 2, reason: 'interrupted', by: 'SIGINT (Ctrl-C)' },
    ]);
  }, 60_000);

  it('interrupted before the run starts (while planning): an error saying nothing changed, not "nothing to do"', async () => {
    const url = await pgDbs.create('before');
    const dir = setup('postgres', url, { 'migrations/0001_a.sql': 'CREATE TABLE a (id int);\n' });
    const controller = new AbortController();
    controller.abort(interruption('SIGINT'));
    const context = { cwd: dir, signal: controller.signal, progress: () => undefined, notice: () => undefined, interactive: false };
    await expect(migrate({ env: 'staging', format: 'json', color: false, quiet: true } as never, context)).rejects.toMatchObject({
      kind: 'interrupted',
      message: 'Interrupted by SIGINT (Ctrl-C) before anything was applied to staging.',
      hint: 'Nothing changed: bb migrate --env staging applies the 1 pending migration.',
    });
    expect(await PostgresDatabases.query(url, "SELECT to_regclass('a') IS NULL AS gone")).toEqual([{ gone: true }]);
  });

  it.each(SIGNALS)('$signal in a migration without a transaction: a failed row at the statement, status exits 1 with bb repair, --retry resumes', async ({ signal, name, code }) => {
    const url = await pgDbs.create(`notx_${signal}`);
    const path = 'migrations/0001_online.sql';
    const dir = setup('postgres', url, { [path]: '-- bb:transaction off\nCREATE TABLE online (id int);\nSELECT pg_sleep(30);\nINSERT INTO online VALUES (1);\n' });
    const run = await interrupt(dir, signal, sleeping(url));
    expect(run.code, run.stdout + run.stderr).toBe(code);
    expect(run.afterSignalMs).toBeLessThan(15_000);
    expect(run.stdout).toContain(`${path}: interrupted by ${name} on staging/app during statement 2 of 3 (line 3), which bb asked the server to cancel; statement 1 stayed applied (no transaction: -- bb:transaction off), and the history records it as failed at statement 2.`);
    expect(run.stdout).toContain('hint: bb repair --env staging --version 0001 --retry, then bb migrate --env staging, resumes at statement 2');
    expect(await PostgresDatabases.query(url, 'SELECT status, applied, total, failed_statement, error FROM bb_migration_history')).toEqual([
      { status: 'failed', applied: 1, total: 3, failed_statement: 1, error: `interrupted by ${name} during statement 2 of 3 (line 3), which bb asked the server to cancel` },
    ]);

    const status = await bb(['status', '--env', 'staging'], { cwd: dir });
    expect(status.code, status.stdout + status.stderr).toBe(1);
    expect(status.stdout).toMatch(/0001 +migrations\/0001_online\.sql +✗ failed/);
    expect(status.stdout).toContain('hint: If that statement left nothing behind, bb repair --env staging --version 0001 --retry resumes at statement 2');

    writeFileSync(join(dir, path), '-- bb:transaction off\nCREATE TABLE online (id int);\nSELECT 1;\nINSERT INTO online VALUES (1);\n');
    expect((await bb(['repair', '--env', 'staging', '--version', '0001', '--retry'], { cwd: dir })).code).toBe(0);
    const resumed = await bb(['migrate', '--env', 'staging', '--lock-timeout', '1'], { cwd: dir });
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(await PostgresDatabases.query(url, 'SELECT count(*)::int AS n FROM online')).toEqual([{ n: 1 }]);
  }, 60_000);
});

describe.skipIf(!myUp)('MariaDB: SIGINT / SIGTERM during bb migrate, and bb status after SIGKILL', () => {
  const sleeping = (url: string) => async (): Promise<boolean> =>
    (await MysqlDatabases.query(url, "SELECT 1 FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND INFO LIKE 'SELECT SLEEP(30)%'")).length > 0;
  const history = (url: string) => MysqlDatabases.query(url, 'SELECT version, status, applied, total, failed_statement, error FROM bb_migration_history ORDER BY version');
  const lockFree = async (url: string): Promise<boolean> => {
    const db = new URL(url).pathname.slice(1);
    const [row] = await MysqlDatabases.query<{ free: number }>(url, 'SELECT IS_FREE_LOCK(?) AS free', [lockName(db, 'bb:.bb_migration_history')]);
    return Number(row!.free) === 1;
  };

  it.each(SIGNALS)('$signal: KILL QUERY stops the statement, the row is failed at it, the lock is free, exit $code; status exits 1 with the way out', async ({ signal, name, code }) => {
    const url = await myDbs.create(`sig_${signal}`);
    const dir = setup('mysql', url, { 'migrations/0001_slow.sql': 'CREATE TABLE slow (id int);\nSELECT SLEEP(30);\nINSERT INTO slow VALUES (1);\n' });
    const run = await interrupt(dir, signal, sleeping(url));
    expect(run.signal, run.stdout + run.stderr).toBe(signal);
    expect(run.code).toBe(code);
    expect(run.afterSignalMs).toBeLessThan(15_000);
    expect(clean(run)).toBe(true);
    // stopped on the server, not only in the client
    expect(await sleeping(url)()).toBe(false);
    expect(await lockFree(url)).toBe(true);
    expect(run.stdout).toContain(`migrations/0001_slow.sql: interrupted by ${name} on staging/app during statement 2 of 3 (line 2), which bb asked the server to cancel; statement 1 stayed applied (no transaction: the engine commits DDL implicitly), and the history records it as failed at statement 2.`);
    expect(run.stdout).toContain('hint: bb repair --env staging --version 0001 --retry, then bb migrate --env staging, resumes at statement 2; or bb repair --env staging --version 0001 --mark-done if you finish it by hand, --forget if you undo what it applied.');
    expect(await history(url)).toEqual([
      { version: '0001', status: 'failed', applied: 1, total: 3, failed_statement: 1, error: `interrupted by ${name} during statement 2 of 3 (line 2), which bb asked the server to cancel` },
    ]);

    const status = await bb(['status', '--env', 'staging'], { cwd: dir });
    expect(status.code, status.stdout + status.stderr).toBe(1);
    expect(status.stdout).toContain(`✗ staging/app 0001: interrupted by ${name} during statement 2 of 3 (line 2), which bb asked the server to cancel\n    hint: If that statement left nothing behind, bb repair --env staging --version 0001 --retry resumes at statement 2; --mark-done if you finished it by hand, --forget if you undid what it applied.`);

    const next = await bb(['migrate', '--env', 'staging', '--lock-timeout', '1'], { cwd: dir });
    expect(next.code, next.stdout + next.stderr).toBe(1);
    expect(next.stdout).toContain(`✗ migrations/0001_slow.sql on staging/app: interrupted by ${name} during statement 2 of 3 (line 2), which bb asked the server to cancel; 1 of 3 statements applied`);

    writeFileSync(join(dir, 'migrations/0001_slow.sql'), 'CREATE TABLE slow (id int);\nSELECT 1;\nINSERT INTO slow VALUES (1);\n');
    expect((await bb(['repair', '--env', 'staging', '--version', '0001', '--retry'], { cwd: dir })).code).toBe(0);
    const resumed = await bb(['migrate', '--env', 'staging', '--lock-timeout', '1'], { cwd: dir });
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(await MysqlDatabases.query(url, 'SELECT id FROM slow')).toEqual([{ id: 1 }]);
  }, 60_000);

  it('bb status: a version at work is running (exit 0, names the lock holder); after SIGKILL it is interrupted (exit 1) with the bb repair choices', async () => {
    const url = await myDbs.create('sigkill');
    const dir = setup('mysql', url, { 'migrations/0001_slow.sql': 'CREATE TABLE slow (id int);\nSELECT SLEEP(30);\nINSERT INTO slow VALUES (1);\n' });
    const run = bb(['migrate', '--env', 'staging'], { cwd: dir });
    try {
      await waitFor(sleeping(url));
      const live = await bb(['status', '--env', 'staging'], { cwd: dir });
      expect(live.code, live.stdout + live.stderr).toBe(0);
      expect(live.stdout).toMatch(/0001 +migrations\/0001_slow\.sql +… running/);
      expect(live.stdout).toMatch(/… staging\/app 0001: 1\/3 statements, since .*: running now \(the migration lock is held by .*connection \d+/);
      // bb report and bb history classify it as bb status does
      const report = await bb(['report', '--env', 'staging', '--format', 'markdown', '--no-drift', '--no-lint'], { cwd: dir });
      expect(report.code, report.stdout + report.stderr).toBe(0);
      expect(report.stdout).toContain('| 0001 | `migrations/0001_slow.sql` | … running |');
      expect(report.stdout).toMatch(/### Open failures\n\nNone\./);
      expect((await bb(['history', '--env', 'staging'], { cwd: dir })).stdout).toMatch(/0001 +running +1\/3 /);
    } finally {
      run.child.kill('SIGKILL');
    }
    expect((await run).signal).toBe('SIGKILL');
    expect(await history(url)).toEqual([{ version: '0001', status: 'pending', applied: 1, total: 3, failed_statement: null, error: null }]);

    const stale = await bb(['status', '--env', 'staging'], { cwd: dir });
    expect(stale.code, stale.stdout + stale.stderr).toBe(1);
    expect(stale.stdout).toMatch(/0001 +migrations\/0001_slow\.sql +✗ interrupted/);
    expect(stale.stdout).toContain('staging/app: at (none), 0 done, 1 interrupted');
    expect(stale.stdout).toMatch(/✗ staging\/app 0001: migrations\/0001_slow\.sql is recorded as running on staging\/app since .* \(1 of 3 statements applied\), but no runner holds the lock: the run was interrupted\n    hint: Check what statement 2 did \(on some servers it runs on after its client died\), then bb repair --env staging --version 0001 --retry to resume at statement 2, --mark-done if you finished it by hand, or --forget if you undid it by hand\./);
    const json = await bb(['status', '--env', 'staging', '--format', 'json'], { cwd: dir });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).rows[0].cells[0]).toMatchObject({ column: 'staging/app', state: 'interrupted', hint: expect.stringContaining('bb repair --env staging --version 0001') });
    // bb report said "running" here (it did not ask about the lock)
    const report = await bb(['report', '--env', 'staging', '--format', 'markdown', '--no-drift', '--no-lint'], { cwd: dir });
    expect(report.code, report.stdout + report.stderr).toBe(0);
    expect(report.stdout).toContain('| 0001 | `migrations/0001_slow.sql` | ✗ interrupted |');
    expect(report.stdout).toContain('- ✗ **0001** `migrations/0001_slow.sql` on `staging/app`: interrupted: recorded as running since');
    expect(report.stdout).toContain('`bb repair --env staging --db app --version 0001 --retry && bb migrate --env staging`');
    const html = await bb(['report', '--env', 'staging', '--format', 'html', '--no-drift', '--no-lint'], { cwd: dir });
    expect(html.stdout).toContain('<td class="cell s-interrupted" data-state="interrupted" data-column="staging/app"');
    expect((await bb(['history', '--env', 'staging'], { cwd: dir })).stdout).toMatch(/0001 +interrupted +1\/3 /);

    // the lock died with the killed process: the next run is not kept waiting, and says what to do
    const next = await bb(['migrate', '--env', 'staging', '--lock-timeout', '1'], { cwd: dir });
    expect(next.code, next.stdout + next.stderr).toBe(1);
    expect(next.stdout).toMatch(/0001_slow\.sql is recorded as running on staging\/app .*\(1 of 3 statements applied\), but no runner holds the lock/);
    expect(next.stdout).toMatch(/bb repair --env staging --version 0001 --retry to resume at statement 2, --mark-done if you finished it by hand, or --forget if you undid it by hand/);

    // the orphaned SLEEP may run on after its client died; once it is gone, resume
    await waitFor(async () => !(await sleeping(url)()), 40_000);
    writeFileSync(join(dir, 'migrations/0001_slow.sql'), 'CREATE TABLE slow (id int);\nSELECT 1;\nINSERT INTO slow VALUES (1);\n');
    expect((await bb(['repair', '--env', 'staging', '--version', '0001', '--retry'], { cwd: dir })).code).toBe(0);
    const resumed = await bb(['migrate', '--env', 'staging', '--lock-timeout', '1'], { cwd: dir });
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    const after = await bb(['status', '--env', 'staging'], { cwd: dir });
    expect(after.code, after.stdout).toBe(0);
  }, 90_000);
});
