import type { CommandContext, CommandOutput, GlobalOptions } from '../context.js';
import { forEachTarget, workExitCode } from '../../run/each-target.js';
import { lockKey } from '../../run/lock.js';

export interface UnlockOptions extends GlobalOptions { readonly db?: string }

/** Releases a migration lock left by a runner that died; says who holds a live one. */
export default async function unlock(options: UnlockOptions, context: CommandContext): Promise<CommandOutput> {
  const work = await forEachTarget({ ...options, write: false }, context.cwd, context.signal, async (session) => {
    const key = lockKey(session);
    const lock = await session.tryLock(key);
    if (lock) {
      await lock.release();
      return 'not locked';
    }
    const holder = await session.lockHolder(key);
    if (session.forceUnlock && (await session.forceUnlock(key))) return `released the lock${holder ? ` held by ${holder}` : ''}`;
    return `locked by ${holder ?? 'another session'}; this lock ends with its session (stop that process, or terminate its server session)`;
  });
  const text = work.results.map((r) => (r.error ? `✗ ${r.target}: ${r.error.message}${r.error.hint ? `\n  hint: ${r.error.hint}` : ''}` : `${r.target}: ${r.value}`)).join('\n');
  return { kind: 'message', data: { text, targets: work.results }, exitCode: workExitCode(work.results) };
}
