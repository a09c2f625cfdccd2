/**
 * The migration lock, two ways, both held on the session's control connection (never the one that
 * runs migrations, and never inside a transaction):
 *
 * - advisory (MySQL, MariaDB): GET_LOCK(name, 0). The name is "bb_" + the first 40 hex digits of
 *   SHA-256(database + key): user locks are server-wide, so the database is part of it, and names are
 *   limited to 64 characters. The server releases it when the connection ends, so a killed runner
 *   never leaves it behind.
 * - lock-row (TiDB): a row in `<history table>_lock` with owner, heartbeat and expiry, refreshed every
 *   ttl/3 while held and deleted on release; an expired row is taken over. See lockStrategy() for why.
 */
import { createHash, randomBytes } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import type { Lock } from '../../src/engine.js';
import { atLeast } from './server.js';
import type { Driver, ServerInfo } from './driver.js';

export const quoteIdent = (name: string): string => `\`${name.replace(/`/g, '``')}\``;

export function lockName(database: string, key: string): string {
  return `bb_${createHash('sha256').update(`${database}\u0000${key}`).digest('hex').slice(0, 40)}`;
}

export function ownerName(): string {
  let user = process.env.USER ?? 'unknown';
  try {
    user = userInfo().username;
  } catch {
    /* no passwd entry (containers) */
  }
  return `bb (${user}@${hostname()} pid ${process.pid})`;
}

export interface LockStrategy {
  readonly kind: 'advisory' | 'lock-row';
  /** Why, for the docs and `bb doctor`. */
  readonly reason: string;
}

/**
 * TiDB's GET_LOCK differs from MySQL's in every released version, so TiDB gets a lock row:
 * - before v5.3 GET_LOCK is a no-op that always succeeds (only with tidb_enable_noop_functions);
 * - from v5.3 it works, but the timeout is clamped to at least 1 s (GET_LOCK(name, 0) waits a second,
 *   which breaks tryLock's zero-wait contract), and IS_USED_LOCK is missing (before v7) or returns 1
 *   instead of the holder's connection id, so the waiting runner could not name the holder.
 */
export function lockStrategy(server: ServerInfo): LockStrategy {
  if (server.flavor !== 'tidb') return { kind: 'advisory', reason: `${server.display}: GET_LOCK(name, 0) on a dedicated connection` };
  if (!atLeast(server.version, 5, 3)) return { kind: 'lock-row', reason: `${server.display}: GET_LOCK is a no-op before TiDB v5.3` };
  return { kind: 'lock-row', reason: `${server.display}: GET_LOCK waits at least 1 s and IS_USED_LOCK cannot name the holder` };
}

export async function tryAdvisoryLock(conn: Driver, name: string, key: string, onRelease: () => void): Promise<Lock | undefined> {
  const rows = await conn.query<{ ok: number | null }>('SELECT GET_LOCK(?, 0) AS ok', [name]);
  if (Number(rows[0]?.ok) !== 1) return undefined;
  return {
    key,
    owner: `${ownerName()} connection ${conn.threadId}`,
    release: async () => {
      onRelease();
      await conn.query('SELECT RELEASE_LOCK(?)', [name]);
    },
  };
}

export async function advisoryHolder(conn: Driver, name: string): Promise<string | undefined> {
  const rows = await conn.query<{ id: number | null }>('SELECT IS_USED_LOCK(?) AS id', [name]);
  const id = rows[0]?.id;
  if (id === null || id === undefined) return undefined;
  const procs = await conn.query<{ USER: string; HOST: string; DB: string | null; TIME: number }>(
    'SELECT USER, HOST, DB, TIME FROM information_schema.PROCESSLIST WHERE ID = ?', [id],
  ).catch(() => []);
  let program: string | undefined;
  try {
    const attrs = await conn.query<{ ATTR_NAME: string; ATTR_VALUE: string }>(
      "SELECT ATTR_NAME, ATTR_VALUE FROM performance_schema.session_connect_attrs WHERE PROCESSLIST_ID = ? AND ATTR_NAME IN ('program_name', 'bb_owner')", [id],
    );
    program = attrs.find((a) => a.ATTR_NAME === 'bb_owner')?.ATTR_VALUE ?? attrs.find((a) => a.ATTR_NAME === 'program_name')?.ATTR_VALUE;
  } catch {
    /* performance_schema off or not readable: the process list is enough */
  }
  const p = procs[0];
  const where = p ? ` ${p.USER}@${p.HOST}${p.DB ? ` on ${p.DB}` : ''}, connected ${p.TIME} s` : '';
  return `${program ?? 'a session'} (connection ${id}${where ? `,${where}` : ''})`;
}

/** The lock table for the lock-row strategy: `<history table>_lock` beside the history table. */
export class LockRows {
  constructor(private readonly conn: Driver, private readonly table: string, private readonly ttlSeconds = 60) {}

  private async ensure(): Promise<void> {
    await this.conn.exec(`CREATE TABLE IF NOT EXISTS ${this.table} (
      lock_name varchar(64) NOT NULL PRIMARY KEY,
      owner varchar(255) NOT NULL,
      connection_id bigint NOT NULL,
      acquired_at datetime(6) NOT NULL,
      heartbeat_at datetime(6) NOT NULL,
      expires_at datetime(6) NOT NULL
    ) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`);
  }

  async tryLock(name: string, key: string, onRelease: () => void): Promise<Lock | undefined> {
    await this.ensure();
    // An expired row belongs to a runner that stopped heartbeating (killed): take it over.
    await this.conn.exec(`DELETE FROM ${this.table} WHERE lock_name = ? AND expires_at < UTC_TIMESTAMP(6)`, [name]);
    const owner = `${ownerName()} ${randomBytes(4).toString('hex')}`;
    const inserted = await this.conn.exec(
      `INSERT IGNORE INTO ${this.table} (lock_name, owner, connection_id, acquired_at, heartbeat_at, expires_at)
       VALUES (?, ?, CONNECTION_ID(), UTC_TIMESTAMP(6), UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) + INTERVAL ? SECOND)`,
      [name, owner, this.ttlSeconds],
    );
    if (inserted !== 1) return undefined;
    const beat = setInterval(() => {
      this.conn.exec(`UPDATE ${this.table} SET heartbeat_at = UTC_TIMESTAMP(6), expires_at = UTC_TIMESTAMP(6) + INTERVAL ? SECOND WHERE lock_name = ? AND owner = ?`, [this.ttlSeconds, name, owner]).catch(() => undefined);
    }, Math.max(1, Math.floor((this.ttlSeconds * 1000) / 3)));
    beat.unref();
    return {
      key,
      owner,
      release: async () => {
        clearInterval(beat);
        onRelease();
        await this.conn.exec(`DELETE FROM ${this.table} WHERE lock_name = ? AND owner = ?`, [name, owner]);
      },
    };
  }

  /** `bb unlock`: deletes the row whoever holds it (a runner that died before its row expired). */
  async forceUnlock(name: string): Promise<boolean> {
    await this.ensure();
    return (await this.conn.exec(`DELETE FROM ${this.table} WHERE lock_name = ?`, [name])) > 0;
  }

  /**
   * Who holds the lock: the owner of its row while the row has not expired. An expired row belongs to
   * a runner that stopped heartbeating (killed): nobody holds it (tryLock takes it over), so bb status
   * calls its pending version interrupted rather than running. A missing table (or database) means
   * nobody ever took the lock there; any other error (no SELECT privilege, a lost connection) is
   * thrown: the holder is unknown, not absent. Reads only: never creates the table.
   */
  async holder(name: string): Promise<string | undefined> {
    const rows = await this.conn.query<{ owner: string; connection_id: number; age: number; left: number }>(
      `SELECT owner, connection_id, TIMESTAMPDIFF(SECOND, heartbeat_at, UTC_TIMESTAMP(6)) AS age, TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(6), expires_at) AS \`left\`
         FROM ${this.table} WHERE lock_name = ? AND expires_at >= UTC_TIMESTAMP(6)`, [name],
    ).catch((error: unknown) => {
      if (isMissingTable(error)) return [];
      throw error;
    });
    const r = rows[0];
    if (!r) return undefined;
    return `${r.owner} (connection ${r.connection_id}, heartbeat ${Number(r.age)} s ago, expires in ${Math.max(0, Number(r.left))} s)`;
  }
}

/** ER_NO_SUCH_TABLE (1146) or ER_BAD_DB_ERROR (1049): the object is not there. A denied SELECT is 1142. */
function isMissingTable(error: unknown): boolean {
  const errno = (error as { errno?: unknown } | null)?.errno;
  return errno === 1146 || errno === 1049;
}
