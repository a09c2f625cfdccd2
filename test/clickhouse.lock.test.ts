/**
 * The ClickHouse lock row under contention: runners racing for one key on the embedded transport
 * (sessions of one process share chdb's engine) and over HTTP (separate HTTP clients against one
 * server). See docs/engines/clickhouse.md, "Two runners at once", for what is guaranteed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEngine, type Engine, type Session, type Target } from '../src/engine.js';
import { BbError } from '../src/errors.js';
import { acquireLock } from '../src/run/lock.js';
import { LOCK_TIMING } from '../engines/clickhouse/session.js';
import { startClickHouseHttp, type ClickHouseHttp } from './support/clickhouse-http.js';
import { makeTarget } from './support/engine-cases.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
/** tryLock until it succeeds (a single claim may withdraw when the machine is slow), at most 20 times. */
async function eventually(s: Session, key: string): Promise<Awaited<ReturnType<Session['tryLock']>>> {
  for (let i = 0; i < 20; i++) {
    const lock = await s.tryLock(key);
    if (lock) return lock;
    await sleep(50 + Math.random() * 200);
  }
  return undefined;
}

const context = { environment: 'test', by: 'tester@host', bbVersion: '0.0.0-test' };

interface Transport {
  name: string;
  setup(): Promise<Target>;
  teardown(): Promise<void>;
}

let dir = '';
let http: ClickHouseHttp | undefined;
const transports: Transport[] = [
  {
    name: 'chdb',
    async setup() {
      dir = mkdtempSync(join(tmpdir(), 'bbt-chlock-'));
      return makeTarget('clickhouse', `chdb://${join(dir, 'db')}`, 'test/chlock');
    },
    async teardown() {
      rmSync(dir, { recursive: true, force: true });
    },
  },
  {
    name: 'http',
    async setup() {
      http = await startClickHouseHttp();
      await http.query('CREATE DATABASE bbt_chlock');
      return makeTarget('clickhouse', http.url('bbt_chlock'), 'test/chlock');
    },
    async teardown() {
      await http?.stop();
    },
  },
];

for (const transport of transports) {
  describe(`clickhouse lock rows (${transport.name})`, () => {
    let engine: Engine;
    let target: Target;
    const sessions: Session[] = [];
    const saved = { ...LOCK_TIMING, settleMs: { ...LOCK_TIMING.settleMs } };

    beforeAll(async () => {
      engine = await loadEngine('clickhouse');
      target = await transport.setup();
      for (let i = 0; i < 4; i++) sessions.push(await engine.connect(target, {}));
    });
    afterAll(async () => {
      Object.assign(LOCK_TIMING, saved);
      for (const s of sessions.splice(0)) await s.close();
      await transport.teardown();
    });

    it('lets at most one of four simultaneous claimers win, round after round', async () => {
      let rounds = 0;
      let won = 0;
      for (let round = 0; round < 6; round++) {
        const key = `race.${transport.name}.${round}`;
        const locks = await Promise.all(sessions.map((s) => s.tryLock(key)));
        const holders = locks.filter((l) => l !== undefined);
        expect(holders.length).toBeLessThanOrEqual(1);
        rounds++;
        won += holders.length;
        // While it is held, nobody else gets it, and the holder is named.
        if (holders[0]) {
          expect(await sessions[0]!.tryLock(key)).toBeUndefined();
          expect(await sessions[1]!.lockHolder(key)).toMatch(/^bb \(.+ pid \d+\) \(since /);
        }
        for (const l of holders) await l!.release();
        expect(await sessions[2]!.lockHolder(key)).toBeUndefined();
      }
      // Everybody losing a round is allowed (claims slower than the settle time withdraw, and a loaded
      // machine makes them slow); liveness under polling is the next test's business.
      expect(rounds).toBe(6);
      expect(won).toBeGreaterThanOrEqual(1);
    });

    it('never lets two runners inside the critical section (acquireLock polling, four workers)', async () => {
      let inside = 0;
      let maxInside = 0;
      let entries = 0;
      const worker = async (s: Session): Promise<void> => {
        for (let k = 0; k < 2; k++) {
          const lock = await acquireLock(s, { timeoutMs: 60_000, target: s.target });
          inside++;
          entries++;
          maxInside = Math.max(maxInside, inside);
          await sleep(30);
          inside--;
          await lock.release();
        }
      };
      // acquireLock derives the key from the history table, so all four compete for one key.
      await Promise.all(sessions.map(worker));
      expect(entries).toBe(8);
      expect(maxInside).toBe(1);
    });

    it('ignores an expired claim (a runner that died) and honours a live one until it expires', async () => {
      const key = `dead.${transport.name}`;
      const s = sessions[0]!;
      await s.tryLock('warm-up').then((l) => l?.release()); // creates the lock table
      const table = '`bb_migration_history_lock`';
      // A claim whose runner was killed: its expiry has passed.
      await s.execute(`INSERT INTO ${table} (key, claim_id, owner, claimed_at, expires_at, released, rev) SELECT '${key}', 'dead-1', 'bb (ghost pid 1)', now64(6) - INTERVAL 60 SECOND, now64(6) - INTERVAL 30 SECOND, 0, 1`);
      const first = await eventually(s, key);
      expect(first).toBeDefined();
      await first!.release();
      // A claim that is still within its expiry (its runner died a moment ago) blocks until it expires.
      await s.execute(`INSERT INTO ${table} (key, claim_id, owner, claimed_at, expires_at, released, rev) SELECT '${key}', 'dead-2', 'bb (ghost pid 2)', now64(6), now64(6) + toIntervalMillisecond(1500), 0, 1`);
      expect(await sessions[1]!.tryLock(key)).toBeUndefined();
      expect(await sessions[1]!.lockHolder(key)).toMatch(/ghost pid 2/);
      await sleep(1700);
      const after = await eventually(sessions[1]!, key);
      expect(after).toBeDefined();
      await after!.release();
    });

    it('heartbeats a held lock past its expiry, and a forced unlock makes the holder stop writing history', async () => {
      LOCK_TIMING.ttlMs = 1500;
      const a = await engine.connect(target, {});
      const b = await engine.connect(target, {});
      try {
        const key = `beat.${transport.name}`;
        const lock = await eventually(a, key);
        expect(lock).toBeDefined();
        await sleep(2600); // with the wait below, more than twice the ttl: only heartbeats keep it alive
        // Merges have dropped the first revisions by now (ReplacingMergeTree keeps the latest).
        await b.execute('OPTIMIZE TABLE bb_migration_history_lock FINAL');
        await sleep(700);
        expect(await b.tryLock(key)).toBeUndefined();
        expect(await b.forceUnlock!(key)).toBe(true);
        await sleep(1500); // the holder's next beat sees the forced release
        await a.history.ensure();
        const start = a.history.start({ file: { key: 'x1', name: 'x', path: 'x.sql', checksum: 'sha256:x' }, kind: 'versioned', total: 1, applied: 0, statementHashes: [], context });
        await expect(start).rejects.toSatisfy((e: unknown) => e instanceof BbError && e.code === 'lock.lost');
        const next = await eventually(b, key);
        expect(next).toBeDefined();
        await next!.release();
        await lock!.release();
      } finally {
        LOCK_TIMING.ttlMs = saved.ttlMs;
        await a.close();
        await b.close();
      }
    });
  });
}
