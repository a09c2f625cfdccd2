/**
 * The ClickHouse lock: a lock row with owner, heartbeat and expiry, in `<history table>_lock`.
 *
 * ClickHouse has no transactions and no compare-and-set, so the lock is a claim protocol whose safety
 * argument is written out in docs/engines/clickhouse.md ("Two runners at once"). In short:
 *  1. Read the live claims for the key (latest revision per claim, not released, not expired by the
 *     server's clock). Any live claim → held: return undefined.
 *  2. Insert our claim; the server stamps claimed_at = now64(6) while it runs the INSERT.
 *  3. Read our claim back with the server's now (N). If N − claimed_at ≥ settle, the claim is "slow":
 *     a rival may already have decided without seeing it.
 *  4. Wait until the server's clock has advanced `settle` past N, then read the live claims again. A
 *     fast claim wins if it is the earliest (claimed_at, claim_id); a slow claim wins only if it is the
 *     only live claim. A loser withdraws its claim.
 * Two runners can never both win: a rival ordered before a fast claim but invisible when the fast one
 * decided must be slow, and when it decides later it sees the fast claim and yields; of two slow claims
 * the second to decide sees the first. docs/engines/clickhouse.md spells the cases out. Runs on one
 * server (or one shard with quorum inserts and sequentially consistent reads).
 *
 * The winner heartbeats (a new revision with a later expiry) every ttl/3 until release(). A runner that
 * dies stops heartbeating and its claim expires after `ttl`. A heartbeat that finds its claim expired
 * or released by someone else marks the lock lost, and the session refuses further history writes.
 */
import { randomUUID } from 'node:crypto';
import type { Lock } from '../../src/engine.js';
import type { Driver } from './driver.js';

export interface LockOptions {
  /** A claim not refreshed for this long is dead. */
  readonly ttlMs: number;
  /** How long an INSERT may take before its claim is withdrawn, and how long a claimer waits before deciding. */
  readonly settleMs: number;
  /** Extra settings for lock reads and writes (quorum settings on a cluster). */
  readonly settings: Readonly<Record<string, string | number>>;
}

interface ClaimRow {
  claim_id: string;
  owner: string;
  since: string;
  claimed_us: string;
  now_us: string;
}

/** Revision of a forced release (bb unlock): above any heartbeat's. */
const FORCED_REV = '4611686018427387904';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class LockRows {
  private ensured = false;

  /**
   * @param table quoted, qualified lock table
   * @param create the CREATE TABLE statement (ON CLUSTER and engine already chosen by the caller)
   * @param driver the connection claims are written and heartbeats sent on (not the migration's)
   */
  constructor(
    private readonly table: string,
    private readonly create: readonly string[],
    private readonly driver: Driver,
    private readonly options: LockOptions,
  ) {}

  private async ensure(): Promise<void> {
    if (this.ensured) return;
    for (const sql of this.create) await this.driver.exec(sql);
    this.ensured = true;
  }

  /** Live claims for a key, earliest first, with the server's current time. */
  async live(key: string): Promise<ClaimRow[]> {
    return this.driver.query<ClaimRow>(
      `SELECT claim_id, owner, toString(claimed_at) AS since, toString(toUnixTimestamp64Micro(claimed_at)) AS claimed_us,
              toString(toUnixTimestamp64Micro(now64(6))) AS now_us
         FROM (SELECT * FROM ${this.table} WHERE key = {key:String} ORDER BY claim_id, rev DESC LIMIT 1 BY claim_id)
        WHERE released = 0 AND expires_at > now64(6)
        ORDER BY claimed_at, claim_id
        SETTINGS ${settingsClause(this.options.settings)}`,
      { key },
    );
  }

  /**
   * "owner (since …)" of the live claim that holds the key, if any. Reads only (bb status, history,
   * report and doctor ask it): a lock table or database that does not exist means nobody ever claimed
   * the key; any other error is thrown (the holder is unknown, not absent).
   */
  async holder(key: string): Promise<string | undefined> {
    const claims = await this.live(key).catch((error: unknown) => {
      if (isMissingTable(error)) return [];
      throw error;
    });
    const first = claims[0];
    return first ? `${first.owner} (since ${first.since} UTC)` : undefined;
  }

  /**
   * `bb unlock`: releases every live claim on the key. The release rows carry a revision no heartbeat
   * reaches, so a holder that is still alive sees "released" on its next beat and stops.
   */
  async forceUnlock(key: string): Promise<boolean> {
    await this.ensure();
    const claims = await this.live(key);
    for (const c of claims) {
      await this.driver.exec(
        `INSERT INTO ${this.table} (key, claim_id, owner, claimed_at, expires_at, released, rev)
         SELECT key, claim_id, owner, claimed_at, now64(6), 1, {rev:UInt64} FROM ${this.table} WHERE key = {key:String} AND claim_id = {id:String} ORDER BY rev DESC LIMIT 1`,
        { params: { key, id: c.claim_id, rev: FORCED_REV }, settings: this.options.settings },
      );
    }
    return claims.length > 0;
  }

  async tryLock(key: string, owner: string, onLost: (why: string) => void): Promise<Lock | undefined> {
    await this.ensure();
    if ((await this.live(key)).length > 0) return undefined;
    const id = randomUUID();
    let rev = 1;
    let claimedUs = '';
    // Later revisions repeat the first one's claimed_at, which a merge may already have dropped along
    // with revision 1, so it travels as a parameter rather than being read back.
    const write = async (released: 0 | 1): Promise<void> => {
      await this.driver.exec(
        `INSERT INTO ${this.table} (key, claim_id, owner, claimed_at, expires_at, released, rev)
         SELECT {key:String}, {id:String}, {owner:String}, ${rev === 1 ? 'now64(6)' : "fromUnixTimestamp64Micro({claimed:Int64}, 'UTC')"},
                now64(6) + toIntervalMillisecond({ttl:UInt32}), {released:UInt8}, {rev:UInt64}`,
        { params: { key, id, owner, ttl: this.options.ttlMs, released, rev, ...(rev === 1 ? {} : { claimed: claimedUs }) }, settings: this.options.settings },
      );
    };
    const withdraw = async (): Promise<undefined> => {
      if (claimedUs === '') return undefined; // our claim is not visible: it expires on its own
      rev++;
      await write(1).catch(() => undefined); // an unreleased claim that no one heartbeats expires on its own
      return undefined;
    };
    await write(0);
    const mine = await this.driver.query<{ claimed_us: string; now_us: string }>(
      `SELECT toString(toUnixTimestamp64Micro(claimed_at)) AS claimed_us, toString(toUnixTimestamp64Micro(now64(6))) AS now_us
         FROM ${this.table} WHERE key = {key:String} AND claim_id = {id:String} LIMIT 1 SETTINGS ${settingsClause(this.options.settings)}`,
      { key, id },
    );
    const row = mine[0];
    if (!row) return withdraw(); // not visible to our own read: no decision is safe
    claimedUs = row.claimed_us;
    const settleUs = BigInt(this.options.settleMs) * 1000n;
    // A slow claim (its INSERT took `settle` or more) may be invisible to a rival that has already
    // decided by order: it takes the lock only if it sees no other live claim at all.
    const slow = BigInt(row.now_us) - BigInt(row.claimed_us) >= settleUs;
    const after = BigInt(row.now_us) + settleUs;
    await sleep(this.options.settleMs);
    let claims = await this.live(key);
    // The client's timer is not the server's clock: wait until the server has seen `settle` pass too.
    for (let k = 0; k < 20 && claims[0] && BigInt(claims[0].now_us) < after; k++) {
      await sleep(Math.max(1, Number((after - BigInt(claims[0].now_us)) / 1000n)));
      claims = await this.live(key);
    }
    const winner = claims[0];
    if (!winner || winner.claim_id !== id || BigInt(winner.now_us) < after || (slow && claims.length > 1)) return withdraw();

    let stopped = false;
    let beat: Promise<void> = Promise.resolve();
    const heartbeat = async (): Promise<void> => {
      const latest = await this.driver.query<{ released: number; live: number }>(
        `SELECT released, toUInt8(expires_at > now64(6)) AS live FROM ${this.table}
          WHERE key = {key:String} AND claim_id = {id:String} ORDER BY rev DESC LIMIT 1 SETTINGS ${settingsClause(this.options.settings)}`,
        { key, id },
      );
      if (stopped) return;
      const state = latest[0];
      if (!state || Number(state.released) === 1 || Number(state.live) === 0) {
        stopped = true;
        clearInterval(timer);
        onLost(state && Number(state.released) === 1 ? 'the lock row was released by someone else (bb unlock?)' : `the lock expired: no heartbeat succeeded for ${this.options.ttlMs} ms`);
        return;
      }
      rev++;
      await write(0);
    };
    const timer = setInterval(() => {
      beat = beat.then(heartbeat).catch(() => undefined); // a failed beat is retried on the next tick; expiry catches a dead link // a failed beat is retried on the next tick; expiry catches a dead link
    }, Math.max(50, Math.floor(this.options.ttlMs / 3)));
    timer.unref();
    return {
      key,
      owner,
      release: async () => {
        if (stopped) return;
        stopped = true;
        clearInterval(timer);
        await beat;
        rev++;
        await write(1);
      },
    };
  }
}

/** UNKNOWN_TABLE (60) or UNKNOWN_DATABASE (81), as chdb (clickhouseCode) and @clickhouse/client (code, type) report them. */
function isMissingTable(error: unknown): boolean {
  const e = error as { code?: unknown; clickhouseCode?: unknown; type?: unknown; message?: unknown } | null;
  if (!e) return false;
  if ([e.code, e.clickhouseCode].some((c) => c !== undefined && (String(c) === '60' || String(c) === '81'))) return true;
  return e.type === 'UNKNOWN_TABLE' || e.type === 'UNKNOWN_DATABASE' || (typeof e.message === 'string' && /\((UNKNOWN_TABLE|UNKNOWN_DATABASE)\)/.test(e.message));
}

export function settingsClause(settings: Readonly<Record<string, string | number>>): string {
  const entries = Object.entries(settings);
  if (entries.length === 0) return 'log_comment = \'bb\'';
  return entries.map(([k, v]) => `${k} = ${typeof v === 'number' ? v : `'${String(v).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`}`).join(', ');
}
