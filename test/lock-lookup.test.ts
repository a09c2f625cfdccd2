/**
 * The lookup that tells bb status, history, report and doctor whether a runner holds the migration
 * lock (a pending row is `running` while one does, `interrupted` when nobody does):
 * - it only reads: on ClickHouse a read-only command leaves no lock table behind;
 * - only a lock table that does not exist means "nobody holds it"; any other error (no privilege on
 *   the lock table, a lock table bb cannot read) leaves the row `running`, says why, and never sends
 *   the user to bb repair a run that may still be at work.
 * bb plan and bb migrate (run as the real CLI) ask the same lock before they plan: a failed lookup is
 * the target's `lock.unreadable` error (exit 3, nothing written), never the "interrupted, bb repair it"
 * blocker; a held lock leaves the pending row to its runner. bb rollback --dry-run (which takes no
 * lock) asks the lock the same way: running while a runner holds it (PostgreSQL's advisory lock),
 * lock.unreadable when it cannot be read, interrupted only when nobody holds it. A runner that waits
 * for a lock whose holder it cannot read says the lock is held by a runner it cannot name, and why.
 * TiDB's lock row runs against the local MariaDB (a user with SELECT on the history table only),
 * ClickHouse on chdb, Snowflake through snowflake-sdk against the emulator.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEngine, type EngineName, type Session } from '../src/engine.js';
import { BbError } from '../src/errors.js';
import { lockKey } from '../src/run/lock.js';
import status, { type StatusReport } from '../src/cli/commands/status.js';
import history, { type HistoryReport } from '../src/cli/commands/history.js';
import doctor from '../src/cli/commands/doctor.js';
import report, { type ReportOutput } from '../src/cli/commands/report.js';
import { makeTarget } from './support/engine-cases.js';
import { bb, clean } from './support/bb.js';
import { startClickHouseHttp } from './support/clickhouse-http.js';
import { MysqlDatabases, PostgresDatabases, mysqlAvailable, postgresAvailable } from './support/servers.js';
import { startSnowflakeEmulator, type SnowflakeEmulator } from './support/snowflake-emulator/index.js';

const myUp = await mysqlAvailable();
const pgUp = await postgresAvailable();
const mysqlDbs = new MysqlDatabases('locks_lookup');
const pgDbs = new PostgresDatabases('locks_lookup');
const USER = 'locks_lookup_ro';
const WAITER = 'locks_lookup_wait';
let emulator: SnowflakeEmulator | undefined;
const dirs: string[] = [];
afterAll(async () => {
  await emulator?.close();
  if (myUp) {
    await mysqlDbs.admin(`DROP USER IF EXISTS '${USER}'@'%'`);
    await mysqlDbs.admin(`DROP USER IF EXISTS '${WAITER}'@'%'`);
    await mysqlDbs.dropAll();
  }
  if (pgUp) await pgDbs.dropAll();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const context = (cwd: string) => ({ cwd, signal: new AbortController().signal, progress: () => undefined, notice: () => undefined, interactive: false });
const options = { env: 'dev', format: 'json', color: false, quiet: true } as const;

/** A fresh folder. */
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bb-lock-lookup-'));
  dirs.push(dir);
  return dir;
}

/** A project (in `dir`, default a fresh folder) whose one target is `url`, with one three-statement migration. */
function project(engine: EngineName, url: string, dir = folder()): string {
  mkdirSync(join(dir, 'migrations'));
  writeFileSync(join(dir, 'migrations/0001_slow.sql'), 'CREATE TABLE a (id int);\nCREATE TABLE b (id int);\nCREATE TABLE c (id int);\n');
  writeFileSync(join(dir, 'bb.config.yaml'), `databases:\n  app: { engine: ${engine}, migrations: migrations }\nenvironments:\n  - name: dev\n    targets:\n      app: "${url}"\n`);
  return dir;
}

/** What a runner leaves when it has applied 1 of 3 statements (still at work, or killed). */
async function pendingRow(s: Session): Promise<void> {
  await s.history.ensure();
  await s.history.start({ file: { key: '0001', name: 'slow', path: 'migrations/0001_slow.sql', checksum: 'sha256:x' }, kind: 'versioned', total: 3, applied: 0, statementHashes: [], context: { environment: 'dev', by: 'ghost@host', bbVersion: '0' } });
  await s.history.progress('0001', 1, 'h1');
}

/** bb status, history, report and doctor on the project: the pending row is running (not interrupted) and says why. */
async function expectUnknownNotInterrupted(dir: string, why: RegExp): Promise<void> {
  const st = await status(options, context(dir));
  const cell = (st.data as StatusReport).rows[0]!.cells[0]!;
  expect(cell).toMatchObject({ state: 'running', detail: expect.stringMatching(why), hint: expect.stringContaining('do not bb repair') });
  expect(cell.detail).toMatch(/^1\/3 statements, since .*, by ghost@host; cannot tell whether a runner holds the migration lock: reading the lock table /);
  expect(st.exitCode).toBe(0);

  const h = await history(options, context(dir));
  const row = (h.data as HistoryReport).targets[0]!.rows![0]!;
  expect(row).toMatchObject({ version: '0001', state: 'running', lockError: expect.stringMatching(why) });

  const d = await doctor(options, context(dir));
  const check = (d.data as { checks: { check: string; ok: boolean; detail: string; hint?: string }[] }).checks.find((c) => c.check === 'dev/app')!;
  expect(check).toMatchObject({ ok: false, detail: expect.stringMatching(/0001 running or interrupted: dev\/app: cannot tell whether a runner holds the migration lock/), hint: expect.stringContaining('do not bb repair') });

  const r = await report({ ...options, drift: false, lint: false }, context(dir));
  const failure = (r.data as ReportOutput).report.failures.find((f) => f.version === '0001')!;
  expect(failure).toMatchObject({ state: 'running', error: expect.stringMatching(why), command: 'bb status --env dev --db app' });
  expect(failure.error).toMatch(/^cannot tell whether a runner holds the migration lock/);
}

/**
 * bb plan and bb migrate (the real CLI, pretty and JSON) on the project: the target's error says bb
 * cannot tell whether a runner holds the lock, with the server's reason, code lock.unreadable and exit
 * 3; nothing calls the run interrupted or sends the user to bb repair, and migrate writes nothing.
 */
async function expectPrePlanUnknown(dir: string, why: RegExp, secrets: readonly string[]): Promise<void> {
  const head = /^dev\/app: migrations\/0001_slow\.sql is recorded as running since .* \(1 of 3 statements applied\), and bb cannot tell whether a runner holds the migration lock: reading the lock table /;
  for (const command of ['plan', 'migrate'] as const) {
    const json = await bb([command, '--env', 'dev', '--format', 'json'], { cwd: dir });
    expect(json.code, json.stderr).toBe(3);
    const data = JSON.parse(json.stdout) as { targets?: { error?: { kind: string; code: string; message: string; hint: string }; blockers: unknown[] }[]; plan?: { targets: { error?: { kind: string; code: string; message: string; hint: string }; blockers: unknown[] }[] } };
    const target = (command === 'plan' ? data.targets! : data.plan!.targets)[0]!;
    expect(target.blockers).toEqual([]);
    expect(target.error).toMatchObject({ kind: 'lock', code: 'lock.unreadable', message: expect.stringMatching(head), hint: expect.stringContaining('do not bb repair') });
    expect(target.error!.message).toMatch(why);

    const pretty = await bb([command, '--env', 'dev'], { cwd: dir });
    expect(pretty.code).toBe(3);
    const text = pretty.stdout + pretty.stderr;
    expect(text).toMatch(why);
    expect(text).toContain('cannot tell whether a runner holds the migration lock');
    expect(text).not.toMatch(/was interrupted|no runner holds|--retry|--mark-done|--forget/);
    expect(clean(pretty, secrets)).toBe(true);
  }
}

describe('clickhouse (chdb): reading the lock never creates its table', () => {
  it('bb status, history, report and doctor on a history without a lock table leave none behind; nobody holds the lock', async () => {
    const url = `chdb://${join(folder(), 'chdb')}?database=app`;
    const dir = project('clickhouse', url);
    const engine = await loadEngine('clickhouse');
    const target = makeTarget('clickhouse', url, 'dev/app');
    const lockTables = async (): Promise<unknown[]> => {
      const s = await engine.connect(target, {});
      try {
        return await s.query("SELECT name FROM system.tables WHERE database = 'app' AND name LIKE '%_lock'");
      } finally {
        await s.close();
      }
    };
    let s = await engine.connect(target, {});
    try {
      await pendingRow(s);
      expect(await s.lockHolder(lockKey(s))).toBeUndefined();
    } finally {
      await s.close();
    }
    expect(await lockTables()).toEqual([]);

    const st = await status(options, context(dir));
    expect((st.data as StatusReport).rows[0]!.cells[0]).toMatchObject({ state: 'interrupted' });
    const h = await history(options, context(dir));
    expect((h.data as HistoryReport).targets[0]!.rows![0]).toMatchObject({ state: 'interrupted' });
    await doctor(options, context(dir));
    await report({ ...options, drift: false, lint: false }, context(dir));
    expect(await lockTables()).toEqual([]);

    // A runner still creates it when it takes the lock.
    s = await engine.connect(target, {});
    try {
      await (await s.tryLock(lockKey(s)))?.release();
    } finally {
      await s.close();
    }
    expect(await lockTables()).toEqual([{ name: 'bb_migration_history_lock' }]);
  }, 120_000);
});

describe('clickhouse (HTTP): reading the lock never creates its table', () => {
  it('a missing lock table (or database) over HTTP means nobody holds the lock, and stays missing', async () => {
    const http = await startClickHouseHttp();
    try {
      await http.query('CREATE DATABASE locks_lookup');
      const engine = await loadEngine('clickhouse');
      const s = await engine.connect(makeTarget('clickhouse', http.url('locks_lookup'), 'dev/app'), {});
      try {
        expect(await s.lockHolder(lockKey(s))).toBeUndefined();
        expect(await http.query("SELECT name FROM system.tables WHERE database = 'locks_lookup'")).toBe('');
      } finally {
        await s.close();
      }
    } finally {
      await http.stop();
    }
  }, 120_000);
});

describe.skipIf(!myUp)('tidb (lock row, on MariaDB): a lock table this user may not read', () => {
  it('leaves the pending row running, with the server\'s reason, in status, history, report and doctor', async () => {
    const root = (await mysqlDbs.create('tidb')).replace(/^mysql:/, 'tidb:');
    const db = new URL(root).pathname.slice(1);
    const engine = await loadEngine('tidb');
    const s = await engine.connect(makeTarget('tidb', root, 'dev/app'), {});
    try {
      await pendingRow(s);
      await (await s.tryLock(lockKey(s)))!.release(); // creates the lock table
      // A missing lock table (or database) means nobody holds it.
      await s.execute('DROP TABLE bb_migration_history_lock');
      expect(await s.lockHolder(lockKey(s))).toBeUndefined();
      await (await s.tryLock(lockKey(s)))!.release();
    } finally {
      await s.close();
    }
    // A reporting user that may read the history but not the lock table.
    await mysqlDbs.admin(`DROP USER IF EXISTS '${USER}'@'%'`);
    await mysqlDbs.admin(`CREATE USER '${USER}'@'%' IDENTIFIED BY 'pw'`);
    await mysqlDbs.admin(`GRANT SELECT ON \`${db}\`.bb_migration_history TO '${USER}'@'%'`);
    const url = new URL(root);
    url.username = USER;
    url.password = 'pw';
    const ro = await engine.connect(makeTarget('tidb', url.toString(), 'dev/app'), {});
    try {
      const lookup = await ro.lockHolder(lockKey(ro)).then(() => undefined, (e: unknown) => e);
      expect(lookup).toBeInstanceOf(BbError);
      expect(lookup).toMatchObject({ kind: 'lock', code: 'lock.unreadable', message: expect.stringMatching(new RegExp(`^dev/app: cannot tell whether a runner holds the migration lock: reading the lock table \`${db}\`\\.\`bb_migration_history_lock\` failed: .*SELECT command denied`)) });
      expect((lookup as BbError).message).not.toContain('pw@');
    } finally {
      await ro.close();
    }
    const dir = project('tidb', url.toString());
    await expectUnknownNotInterrupted(dir, /SELECT command denied/);
    await expectPrePlanUnknown(dir, /SELECT command denied/, ['pw@']);
    // bb rollback --dry-run takes no lock: it asks it, and does not call the run interrupted either.
    const dry = await bb(['rollback', '--env', 'dev', '--dry-run', '--format', 'json'], { cwd: dir });
    expect(dry.code, dry.stderr).toBe(3);
    expect(JSON.parse(dry.stdout).targets[0]).toMatchObject({ versions: [], error: { kind: 'lock', code: 'lock.unreadable', message: expect.stringMatching(/^dev\/app: migrations\/0001_slow\.sql is recorded as running since .*, and bb cannot tell whether a runner holds the migration lock: .*SELECT command denied/) } });
    const dryPretty = await bb(['rollback', '--env', 'dev', '--dry-run'], { cwd: dir });
    expect(dryPretty.code).toBe(3);
    expect(dryPretty.stdout + dryPretty.stderr).not.toMatch(/was interrupted|no runner holds|--retry|--mark-done|--forget/);
    expect(clean(dryPretty, ['pw@'])).toBe(true);
    const check = await engine.connect(makeTarget('tidb', root, 'dev/app'), {});
    try {
      // migrate refused before it ran anything.
      expect(await check.query("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name IN ('a', 'b', 'c')")).toEqual([]);
    } finally {
      await check.close();
    }
  }, 120_000);

  it('bb plan leaves a pending row to the runner that holds the lock, and calls it interrupted once nobody does', async () => {
    const root = (await mysqlDbs.create('tidb_held')).replace(/^mysql:/, 'tidb:');
    const dir = project('tidb', root);
    const engine = await loadEngine('tidb');
    const s = await engine.connect(makeTarget('tidb', root, 'dev/app'), {});
    try {
      await pendingRow(s);
      const lock = (await s.tryLock(lockKey(s)))!;
      const held = await bb(['plan', '--env', 'dev', '--format', 'json'], { cwd: dir });
      await lock.release();
      expect(held.code, held.stderr).toBe(0);
      expect(JSON.parse(held.stdout).targets[0]).toMatchObject({ blockers: [], steps: [{ version: '0001' }] });
      const free = await bb(['plan', '--env', 'dev', '--format', 'json'], { cwd: dir });
      expect(free.code).toBe(1);
      expect(JSON.parse(free.stdout).targets[0].blockers).toMatchObject([{ kind: 'stale-pending', message: expect.stringContaining('no runner holds the lock: the run was interrupted') }]);
    } finally {
      await s.close();
    }
  }, 120_000);
});

describe.skipIf(!pgUp)('postgres: bb rollback --dry-run asks the lock about a pending row', () => {
  it('is running while a runner holds the lock (exit 3), and interrupted once nobody does', async () => {
    const url = await pgDbs.create('rollback_dry');
    const dir = project('postgres', url);
    writeFileSync(join(dir, 'migrations/0001_slow.down.sql'), 'DROP TABLE c;\nDROP TABLE b;\nDROP TABLE a;\n');
    writeFileSync(join(dir, 'migrations/0002_more.sql'), 'CREATE TABLE d (id int);\n');
    const first = await bb(['migrate', '--env', 'dev', '--to', '0001'], { cwd: dir });
    expect(first.code, first.stderr).toBe(0);
    const engine = await loadEngine('postgres');
    const s = await engine.connect(makeTarget('postgres', url, 'dev/app'), {});
    try {
      // A runner at work on 0002: its pending row, and the migration lock it holds.
      await s.history.start({ file: { key: '0002', name: 'more', path: 'migrations/0002_more.sql', checksum: 'sha256:x' }, kind: 'versioned', total: 1, applied: 0, statementHashes: [], context: { environment: 'dev', by: 'ghost@host', bbVersion: '0' } });
      const lock = (await s.tryLock(lockKey(s)))!;
      const held = await bb(['rollback', '--env', 'dev', '--dry-run', '--format', 'json'], { cwd: dir });
      const heldPretty = await bb(['rollback', '--env', 'dev', '--dry-run'], { cwd: dir });
      await lock.release();
      expect(held.code, held.stderr).toBe(3);
      expect(JSON.parse(held.stdout).targets[0]).toMatchObject({
        versions: [],
        error: { kind: 'lock', code: 'rollback.running', message: expect.stringMatching(/^Nothing was rolled back: migrations\/0002_more\.sql is being applied on dev\/app now \(0 of 1 statements applied since .*, by ghost@host\): the migration lock is held by .*server pid \d+/) },
      });
      expect(heldPretty.code).toBe(3);
      expect(heldPretty.stdout + heldPretty.stderr).toContain('is being applied on dev/app now');
      expect(heldPretty.stdout + heldPretty.stderr).not.toMatch(/interrupted|--retry|--mark-done|--forget/);
      expect(clean(heldPretty)).toBe(true);

      const free = await bb(['rollback', '--env', 'dev', '--dry-run', '--format', 'json'], { cwd: dir });
      expect(free.code, free.stderr).toBe(1);
      expect(JSON.parse(free.stdout).targets[0].error).toMatchObject({ code: 'rollback.unresolved', message: expect.stringContaining('no runner holds the lock: the run was interrupted') });
    } finally {
      await s.close();
    }
  }, 120_000);
});

describe.skipIf(!myUp)('tidb (lock row, on MariaDB): waiting for a lock whose holder bb cannot read', () => {
  it('says the lock is held by a runner bb cannot name, and why, in the wait line and the timeout', async () => {
    const root = (await mysqlDbs.create('tidb_wait')).replace(/^mysql:/, 'tidb:');
    const db = new URL(root).pathname.slice(1);
    const dir = project('tidb', root);
    const engine = await loadEngine('tidb');
    const s = await engine.connect(makeTarget('tidb', root, 'dev/app'), {});
    try {
      await s.history.ensure();
      await (await s.tryLock(lockKey(s)))!.release(); // creates the lock table
      // A user that may take the lock (insert its row, delete an expired one) but not read who holds it.
      await mysqlDbs.admin(`DROP USER IF EXISTS '${WAITER}'@'%'`);
      await mysqlDbs.admin(`CREATE USER '${WAITER}'@'%' IDENTIFIED BY 'pw'`);
      await mysqlDbs.admin(`GRANT ALL ON \`${db}\`.bb_migration_history TO '${WAITER}'@'%'`);
      await mysqlDbs.admin(`GRANT CREATE, INSERT, DELETE, SELECT (lock_name, expires_at) ON \`${db}\`.bb_migration_history_lock TO '${WAITER}'@'%'`);
      const url = new URL(root);
      url.username = WAITER;
      url.password = 'pw';
      writeFileSync(join(dir, 'bb.config.yaml'), `databases:\n  app: { engine: tidb, migrations: migrations }\nenvironments:\n  - name: dev\n    targets:\n      app: "${url.toString()}"\n`);
      const lock = (await s.tryLock(lockKey(s)))!;
      try {
        const unknown = new RegExp(`held by a runner bb cannot name \\(reading the lock table \`${db}\`\\.\`bb_migration_history_lock\` failed: .*SELECT command denied`);
        const migrate = await bb(['migrate', '--env', 'dev', '--lock-timeout', '1'], { cwd: dir });
        expect(migrate.code, migrate.stdout + migrate.stderr).toBe(3);
        expect(migrate.stderr).toMatch(new RegExp(`dev/app: waiting for the migration lock, ${unknown.source}`));
        expect(migrate.stdout + migrate.stderr).toMatch(new RegExp(`Timed out after 1 s waiting for the migration lock on dev/app, ${unknown.source}`));
        expect(clean(migrate, ['pw@'])).toBe(true);
        const rollback = await bb(['rollback', '--env', 'dev', '--lock-timeout', '1', '--format', 'json'], { cwd: dir });
        expect(rollback.code).toBe(3);
        expect(JSON.parse(rollback.stdout).targets[0].error).toMatchObject({ code: 'lock.timeout', message: expect.stringMatching(unknown) });
      } finally {
        await lock.release();
      }
    } finally {
      await s.close();
    }
  }, 120_000);
});

describe('snowflake (emulator): a lock table bb cannot read', () => {
  it('an unreadable lock table (wrong shape, or "does not exist or not authorized") leaves the pending row running', async () => {
    emulator ??= await startSnowflakeEmulator({ users: [{ name: 'bb', password: 'bb' }] });
    const url = `snowflake://bb:bb@local/BBT/PUBLIC?accessUrl=${encodeURIComponent(emulator.accessUrl)}`;
    const engine = await loadEngine('snowflake');
    const s = await engine.connect(makeTarget('snowflake', url, 'dev/app'), {});
    try {
      await pendingRow(s);
      await s.execute('DROP TABLE BB_MIGRATION_HISTORY_LOCK');
      // Snowflake says the same for a table that is not there and one this role may not read.
      await expect(s.lockHolder(lockKey(s))).rejects.toMatchObject({ code: 'lock.unreadable', hint: expect.stringMatching(/does not exist or not authorized.*bb unlock --env \w+ recreates it/) });
      await s.execute('CREATE TABLE BB_MIGRATION_HISTORY_LOCK (SOMETHING_ELSE VARCHAR)');
    } finally {
      await s.close();
    }
    const dir = project('snowflake', url);
    await expectUnknownNotInterrupted(dir, /invalid identifier/);
    await expectPrePlanUnknown(dir, /invalid identifier/, []);
  }, 120_000);
});
