import type { CommandContext, CommandOutput, GlobalOptions } from '../context.js';
import { forEachTarget, workExitCode } from '../../run/each-target.js';
import { lockKey } from '../../run/lock.js';
import type { ErrorInfo } from '../../run/runner.js';

export interface UnlockOptions extends GlobalOptions { readonly db?: string }

export interface UnlockTarget {
  readonly target: string;
  /**
   * `not-locked`: no one held the migration lock (a lock row past its expiry holds nothing);
   * `released`: bb removed a lock row left behind; `held`: a live lock that ends only with its
   * holder's session (PostgreSQL advisory locks), left alone. Absent with `error`.
   */
  readonly lock?: 'not-locked' | 'released' | 'held';
  /** Who held it, as the engine describes the holder (best effort: absent when it cannot tell). */
  readonly holder?: string;
  /** `false` (with `lock: 'not-locked'`): the embedded database does not exist yet; bb unlock did not create it. */
  readonly created?: false;
  readonly error?: ErrorInfo;
}

/** `bb unlock --format json`, and what its pretty output is drawn from (src/output/pretty/history-commands.ts). */
export interface UnlockReport {
  readonly environment: string;
  readonly targets: readonly UnlockTarget[];
}

/** Releases a migration lock left by a runner that died; says who holds a live one. */
export default async function unlock(options: UnlockOptions, context: CommandContext): Promise<CommandOutput> {
  // An embedded database that does not exist yet holds no lock: unlock says so and does not create it.
  const notCreated = (): Omit<UnlockTarget, 'target'> => ({ lock: 'not-locked', created: false });
  const work = await forEachTarget({ ...options, write: false, notCreated }, context.cwd, context.signal, async (session): Promise<Omit<UnlockTarget, 'target'>> => {
    const key = lockKey(session);
    const lock = await session.tryLock(key);
    if (lock) {
      await lock.release();
      return { lock: 'not-locked' };
    }
    const holder = await session.lockHolder(key);
    const released = session.forceUnlock ? await session.forceUnlock(key) : false;
    return { lock: released ? 'released' : 'held', ...(holder ? { holder } : {}) };
  });
  const targets = work.results.map((r): UnlockTarget => ({ target: r.target, ...r.value, ...(r.error ? { error: r.error } : {}) }));
  return { kind: 'unlock', data: { environment: work.env.name, targets } satisfies UnlockReport, exitCode: workExitCode(work.results) };
}
