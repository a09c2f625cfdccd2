/**
 * Lock rows (TiDB, ClickHouse, Snowflake) outlive a killed runner until they expire. An expired row
 * holds nothing: lockHolder says nobody, so bb status calls the killed run's pending version
 * interrupted (exit 1, with bb repair), not running; a live row still names its holder (running,
 * exit 0), bb unlock has nothing to release once the row expired and releases a live one, naming its
 * holder. TiDB's SQL runs against the local MariaDB, ClickHouse on chdb, Snowflake through
 * snowflake-sdk against the emulator.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEngine, type EngineName } from '../src/engine.js';
import { lockKey } from '../src/run/lock.js';
import { lockName } from '../engines/mysql/lock.js';
import status, { type StatusReport } from '../src/cli/commands/status.js';
import unlock from '../src/cli/commands/unlock.js';
import { makeTarget } from './support/engine-cases.js';
import { MysqlDatabases, mysqlAvailable } from './support/servers.js';
import { startSnowflakeEmulator, type SnowflakeEmulator } from './support/snowflake-emulator/index.js';

const myUp = await mysqlAvailable();
const mysqlDbs = new MysqlDatabases('bbt_stale_lockrow');
let emulator: SnowflakeEmulator | undefined;
const dirs: string[] = [];
afterAll(async () => {
  await emulator?.close();
  if (myUp) await mysqlDbs.dropAll();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface LockRowCase {
  readonly name: string;
  readonly engine: EngineName;
  readonly available: () => boolean;
  /** The target URL for a fresh target, in `dir`. */
  url(dir: string): Promise<string>;
  /**
   * SQL that leaves the lock row of a runner that is gone (replacing the last one), expiring `seconds`
   * from now (negative: already expired); `runner` tells apart runners that left one after the other.
   */
  ghost(key: string, url: string, seconds: number, runner?: number): readonly string[];
}

const CASES: readonly LockRowCase[] = [
  {
    name: 'tidb (lock row, on MariaDB)', engine: 'tidb', available: () => myUp,
    url: async () => (await mysqlDbs.create(`t${Date.now() % 100000}`)).replace(/^mysql:/, 'tidb:'),
    ghost: (key, url, seconds) => [`REPLACE INTO bb_migration_history_lock (lock_name, owner, connection_id, acquired_at, heartbeat_at, expires_at)
      VALUES ('${lockName(new URL(url).pathname.slice(1), key)}', 'bb (ghost@host pid 1)', 1, UTC_TIMESTAMP(6) - INTERVAL 60 SECOND, UTC_TIMESTAMP(6) - INTERVAL 60 SECOND, UTC_TIMESTAMP(6) + INTERVAL ${seconds} SECOND)`],
  },
  {
    name: 'clickhouse (chdb)', engine: 'clickhouse', available: () => true,
    url: async (dir) => `chdb://${join(dir, 'chdb')}?database=app`,
    // a later revision of the same claim: what a heartbeat writes, here with the expiry it last wrote
    ghost: (key, _url, seconds, runner = 0) => [`INSERT INTO bb_migration_history_lock (key, claim_id, owner, claimed_at, expires_at, released, rev)
      SELECT '${key}', 'ghost${runner}', 'bb (ghost@host pid 1)', now64(6) - INTERVAL 60 SECOND, now64(6) + toIntervalSecond(${seconds}), 0, ${seconds > 0 ? 1 : 2}`],
  },
  {
    name: 'snowflake (emulator)', engine: 'snowflake', available: () => true,
    url: async () => {
      emulator ??= await startSnowflakeEmulator({ users: [{ name: 'bb', password: 'bb' }] });
      return `snowflake://bb:bb@local/BBT/PUBLIC?accessUrl=${encodeURIComponent(emulator.accessUrl)}`;
    },
    ghost: (key, _url, seconds) => [`DELETE FROM BB_MIGRATION_HISTORY_LOCK WHERE LOCK_KEY = '${key}'`, `INSERT INTO BB_MIGRATION_HISTORY_LOCK (LOCK_KEY, OWNER, ACQUIRED_AT, HEARTBEAT_AT, EXPIRES_AT)
      SELECT '${key}', 'bb ghost@host pid 1', DATEADD(second, -60, CURRENT_TIMESTAMP()), DATEADD(second, -60, CURRENT_TIMESTAMP()), DATEADD(second, ${seconds}, CURRENT_TIMESTAMP())`],
  },
];

const context = (cwd: string) => ({ cwd, signal: new AbortController().signal, progress: () => undefined, notice: () => undefined, interactive: false });
const options = { env: 'dev', format: 'json', color: false, quiet: true } as const;

for (const c of CASES) {
  describe.skipIf(!c.available())(`${c.name}: an expired lock row holds nothing`, () => {
    it('lockHolder, bb status and bb unlock: a live row is a runner at work, an expired one is a killed run', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'bb-stale-lockrow-'));
      dirs.push(dir);
      const url = await c.url(dir);
      mkdirSync(join(dir, 'migrations'));
      writeFileSync(join(dir, 'migrations/0001_slow.sql'), 'CREATE TABLE a (id int);\nCREATE TABLE b (id int);\nCREATE TABLE c (id int);\n');
      writeFileSync(join(dir, 'bb.config.yaml'), `databases:\n  app: { engine: ${c.engine}, migrations: migrations }\nenvironments:\n  - name: dev\n    targets:\n      app: "${url}"\n`);
      const engine = await loadEngine(c.engine);
      // A runner wrote a pending row (1 of 3 statements applied) and died holding the lock.
      const open = () => engine.connect(makeTarget(c.engine, url, 'dev/app', dir), {});
      let s = await open();
      const key = lockKey(s);
      try {
        await s.history.ensure();
        await s.history.start({ file: { key: '0001', name: 'slow', path: 'migrations/0001_slow.sql', checksum: 'sha256:x' }, kind: 'versioned', total: 3, applied: 0, statementHashes: [], context: { environment: 'dev', by: 'ghost@host', bbVersion: '0' } });
        await s.history.progress('0001', 1, 'h1');
        await (await s.tryLock(key))!.release(); // creates the lock table
        for (const sql of c.ghost(key, url, 600)) await s.execute(sql);
        expect(await s.lockHolder(key)).toMatch(/ghost@host/);
      } finally {
        await s.close();
      }
      const live = await status(options, context(dir));
      expect(live.exitCode).toBe(0);
      expect((live.data as StatusReport).rows[0]!.cells[0]).toMatchObject({ state: 'running', detail: expect.stringMatching(/running now \(the migration lock is held by bb.*ghost@host/) });

      // Its heartbeats stopped: the row expires.
      s = await open();
      try {
        for (const sql of c.ghost(key, url, -30)) await s.execute(sql);
        expect(await s.lockHolder(key)).toBeUndefined();
      } finally {
        await s.close();
      }
      const stale = await status(options, context(dir));
      expect(stale.exitCode).toBe(1);
      expect((stale.data as StatusReport).rows[0]!.cells[0]).toMatchObject({ state: 'interrupted', hint: expect.stringContaining('bb repair --env dev --version 0001 --retry to resume at statement 2') });
      const freed = await unlock(options, context(dir));
      expect(freed.exitCode).toBe(0);
      expect(freed.data).toEqual({ environment: 'dev', targets: [{ target: 'dev/app', lock: 'not-locked' }] });

      // A live row left behind: bb unlock removes it and says whose it was.
      s = await open();
      try {
        for (const sql of c.ghost(key, url, 600, 1)) await s.execute(sql);
      } finally {
        await s.close();
      }
      const released = await unlock(options, context(dir));
      expect([released.exitCode, released.data]).toEqual([0, { environment: 'dev', targets: [{ target: 'dev/app', lock: 'released', holder: expect.stringContaining('ghost@host') }] }]);
      s = await open();
      try {
        expect(await s.lockHolder(key)).toBeUndefined();
      } finally {
        await s.close();
      }
    }, 180_000);
  });
}
