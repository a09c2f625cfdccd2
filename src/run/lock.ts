import type { Lock, Session, TargetRef } from '../engine.js';
import { BbError, causeMessage, interruptedBy, withoutTarget } from '../errors.js';
import type { RunEvent } from './events.js';

/** The lock key of a target: its schema-qualified history table, so unrelated schemas never block each other. */
export function lockKey(session: Session): string {
  const { schema, table } = session.history.ident;
  return `bb:${schema ?? ''}.${table}`;
}

const UNREADABLE = 'cannot tell whether a runner holds the migration lock: ';

/**
 * Session.lockHolder's error when the lock could not be read for a reason other than "its table does
 * not exist" (which means nobody holds it): no permission on the lock table, a lost connection. Whether
 * a runner is at work is then unknown, and bb must not call its pending versions interrupted: bb status,
 * history, report and doctor show them running and carry this message (src/run/project.ts pendingRunners).
 */
export function lockUnreadable(target: TargetRef, what: string, cause: unknown, note?: string): BbError {
  if (cause instanceof BbError && cause.code === 'lock.unreadable') return cause;
  return new BbError('lock', `${target.id}: ${UNREADABLE}reading ${what} failed: ${causeMessage(cause)}.`, {
    hint: `Check the connection and that this user may read ${what}${note ? ` (${note})` : ''}. Until bb can read it, pending versions there count as running, not interrupted: do not bb repair one before you know that no bb migrate is still applying it.`,
    code: 'lock.unreadable',
    cause,
  });
}

/** Who holds the migration lock of `session`'s target, or why that cannot be told (`unreadable`, a lockUnreadable error). */
export async function readLockHolder(session: Session, target: TargetRef = session.target): Promise<{ holder?: string; unreadable?: BbError }> {
  try {
    const holder = await session.lockHolder(lockKey(session));
    return holder !== undefined ? { holder } : {};
  } catch (error) {
    return { unreadable: lockUnreadable(target, 'the migration lock', error) };
  }
}

/** A lockUnreadable error's reason, without its target and lead ("reading the lock table … failed: …"). */
function unreadableWhy(error: BbError, target: TargetRef): string {
  const message = withoutTarget(error.message, target);
  return (message.startsWith(UNREADABLE) ? message.slice(UNREADABLE.length) : message).replace(/\.$/, '');
}

/**
 * Polls session.tryLock with backoff (50 ms doubling to 1 s) until the deadline. Announces the wait
 * once, naming the holder, so a second runner says why it is waiting; when the holder cannot be asked
 * (lockUnreadable), the wait and the timeout say the lock is held by a runner bb cannot name, and why.
 */
export async function acquireLock(
  session: Session,
  options: { timeoutMs: number; target: TargetRef; onEvent?: (e: RunEvent) => void; signal?: AbortSignal },
): Promise<Lock> {
  const key = lockKey(session);
  const deadline = Date.now() + options.timeoutMs;
  let delay = 50;
  let announced = false;
  let heldBy: string | undefined;
  // Why the holder could not be asked: the lock is held (tryLock said so), by a runner bb cannot name.
  let holderUnknown: string | undefined;
  for (;;) {
    const lock = await session.tryLock(key);
    if (lock) {
      if (announced) options.onEvent?.({ type: 'lock-acquired', target: options.target });
      return lock;
    }
    if (!announced) {
      const read = await readLockHolder(session, options.target);
      heldBy = read.holder;
      if (read.unreadable) holderUnknown = unreadableWhy(read.unreadable, options.target);
      options.onEvent?.({ type: 'lock-wait', target: options.target, ...(heldBy ? { heldBy } : {}), ...(holderUnknown ? { holderUnknown } : {}) });
      announced = true;
    }
    const by = interruptedBy(options.signal);
    if (by) throw new BbError('interrupted', `Interrupted by ${by} while waiting for the migration lock on ${options.target.id}; nothing was changed there.`, { code: 'lock.interrupted' });
    if (Date.now() >= deadline) {
      throw new BbError('lock', `Timed out after ${Math.round(options.timeoutMs / 1000)} s waiting for the migration lock on ${options.target.id}${heldBy ? `, held by ${heldBy}` : holderUnknown ? `, held by a runner bb cannot name (${holderUnknown})` : ''}.`, {
        // bb unlock clears a lock row a dead runner left; a session lock (PostgreSQL's advisory lock,
        // MySQL's GET_LOCK) ends with its session, and there bb unlock names the session that holds it.
        hint: `Another bb runner holds it: wait for it, or raise --lock-timeout. If no bb process is running, bb unlock --env ${options.target.environment} clears a lock left by one that died, or names the database session that holds it${holderUnknown ? ' (with a user that may read the lock)' : ''}.`,
        code: 'lock.timeout',
      });
    }
    await sleep(Math.min(delay, Math.max(0, deadline - Date.now())), options.signal);
    delay = Math.min(delay * 2, 1000);
  }
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
