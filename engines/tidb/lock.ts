/**
 * TiDB uses the lock row (owner, heartbeat, expiry) rather than GET_LOCK: see lockStrategy() in
 * ../mysql/lock.ts for the version-by-version reasons. The lock row itself is plain SQL (INSERT IGNORE,
 * DELETE of an expired row, UPDATE of the heartbeat) and is tested against MariaDB.
 */
export { LockRows, lockName, lockStrategy } from '../mysql/lock.js';
