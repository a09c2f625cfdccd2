/**
 * bb's lock on Snowflake: a row in a lock table (the history table's name + `_LOCK`) with owner,
 * heartbeat and expiry. Snowflake has no advisory locks and does not enforce PRIMARY KEY or UNIQUE,
 * so the protocol relies on neither:
 *
 *   1. DELETE the key's rows whose EXPIRES_AT has passed (a killed runner's lock frees itself);
 *   2. INSERT our row … WHERE NOT EXISTS (a live row for the key) — one statement, atomic;
 *   3. SELECT the key's live rows: we hold the lock only if ours is the ONLY one. Otherwise we DELETE
 *      our row and report "held by <the other owner>".
 *
 * Two runners racing through step 2 can both insert; step 3 then makes at least one of them back off
 * (each autocommit statement sees every row committed before it started, so the later of the two
 * reads sees both rows) and never lets both win. Both may back off; src/run/lock.ts polls again with
 * backoff. While held, the row's EXPIRES_AT is pushed forward every TTL/4 (the heartbeat); release
 * deletes it. A runner whose heartbeats stop (killed, network gone) loses the lock TTL seconds later.
 */
import { hostname, userInfo } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Lock } from '../../src/engine.js';
import type { Driver } from './driver.js';

export interface LockTable {
  /** Qualified SQL name of the lock table. */
  readonly sql: string;
  readonly schema?: string;
}

export function lockOwner(): string {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    user = process.env.USER ?? 'unknown';
  }
  return `bb ${user}@${hostname()} pid ${process.pid} #${randomBytes(3).toString('hex')}`;
}

export function lockTableDdl(table: string): string {
  return `CREATE TABLE IF NOT EXISTS ${table} (
  LOCK_KEY VARCHAR NOT NULL,
  OWNER VARCHAR NOT NULL,
  ACQUIRED_AT TIMESTAMP_LTZ NOT NULL,
  HEARTBEAT_AT TIMESTAMP_LTZ NOT NULL,
  EXPIRES_AT TIMESTAMP_LTZ NOT NULL
)`;
}

export async function tryLockRow(driver: Driver, table: string, key: string, ttlSeconds: number, onRelease: () => void): Promise<Lock | undefined> {
  const owner = lockOwner();
  await driver.query(`DELETE FROM ${table} WHERE LOCK_KEY = ? AND EXPIRES_AT < CURRENT_TIMESTAMP()`, [key]);
  await driver.query(
    `INSERT INTO ${table} (LOCK_KEY, OWNER, ACQUIRED_AT, HEARTBEAT_AT, EXPIRES_AT)
     SELECT ?, ?, CURRENT_TIMESTAMP(), CURRENT_TIMESTAMP(), DATEADD(second, ?, CURRENT_TIMESTAMP())
     WHERE NOT EXISTS (SELECT 1 FROM ${table} WHERE LOCK_KEY = ? AND EXPIRES_AT >= CURRENT_TIMESTAMP())`,
    [key, owner, ttlSeconds, key],
  );
  const live = await driver.query<{ OWNER: string }>(`SELECT OWNER FROM ${table} WHERE LOCK_KEY = ? AND EXPIRES_AT >= CURRENT_TIMESTAMP()`, [key]);
  if (live.length !== 1 || live[0]!.OWNER !== owner) {
    if (live.some((r) => r.OWNER === owner)) await driver.query(`DELETE FROM ${table} WHERE LOCK_KEY = ? AND OWNER = ?`, [key, owner]);
    return undefined;
  }
  let beating: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    beating = driver
      .query(`UPDATE ${table} SET HEARTBEAT_AT = CURRENT_TIMESTAMP(), EXPIRES_AT = DATEADD(second, ?, CURRENT_TIMESTAMP()) WHERE LOCK_KEY = ? AND OWNER = ?`, [ttlSeconds, key, owner])
      .catch(() => undefined); // a missed beat is retried at the next tick; the TTL covers several
  }, Math.max(250, (ttlSeconds * 1000) / 4));
  timer.unref();
  let released = false;
  return {
    key,
    owner,
    async release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      onRelease();
      await beating;
      await driver.query(`DELETE FROM ${table} WHERE LOCK_KEY = ? AND OWNER = ?`, [key, owner]);
    },
  };
}

/** `bb unlock`: deletes every row of the key, live or not. True when there was one. */
export async function forceUnlockRow(driver: Driver, table: string, key: string): Promise<boolean> {
  try {
    const rows = await driver.query<Record<string, unknown>>(`DELETE FROM ${table} WHERE LOCK_KEY = ?`, [key]);
    return Number(rows[0]?.['number of rows deleted'] ?? 0) > 0;
  } catch {
    return false; // no lock table: nothing to clear
  }
}

/**
 * Who holds the lock: the owner of the key's live row. Any error is thrown, a missing lock table
 * included: Snowflake answers "does not exist or not authorized" (002003) alike for a table that is
 * not there and one this role may not read, and a pending history row always has a lock table beside
 * it (tryLock creates it before the row is written), so neither means that nobody holds the lock.
 */
export async function lockRowHolder(driver: Driver, table: string, key: string): Promise<string | undefined> {
  const rows = await driver.query<{ OWNER: string; ACQUIRED_AT: Date | string }>(
    `SELECT OWNER, ACQUIRED_AT FROM ${table} WHERE LOCK_KEY = ? AND EXPIRES_AT >= CURRENT_TIMESTAMP() ORDER BY ACQUIRED_AT`,
    [key],
  );
  const row = rows[0];
  if (!row) return undefined;
  const since = row.ACQUIRED_AT instanceof Date ? row.ACQUIRED_AT.toISOString() : String(row.ACQUIRED_AT);
  return `${row.OWNER} (since ${since})`;
}
