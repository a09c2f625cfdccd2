import { open, readFile, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { hostname } from 'node:os';
import { BbError } from '../errors.js';
import { makeDir } from './make-dir.js';

/**
 * An exclusive lock on a file path (O_EXCL create), for embedded databases that one process may open
 * at a time. The file holds the owner's pid and host; a lock whose process is gone (same host) is
 * taken over, so a killed run never leaves a lock that only a human can clear.
 */
export async function fileLock(path: string, options: { timeoutMs: number; what: string; signal?: AbortSignal }): Promise<{ release(): Promise<void> }> {
  // A folder that cannot be made (a file in its path, no permission) is the config's or the disk's
  // problem, said as such: it was an "Internal error" naming only mkdir's EEXIST.
  const cannot = (error: unknown): BbError =>
    new BbError('connect', `Cannot create the lock file ${path} of ${options.what}: ${(error as Error).message}.`, {
      hint: `Check that the folder ${dirname(path)} can be created and written (a file of that name in the way, or no permission).`,
      code: 'connect.folder',
      cause: error,
    });
  try {
    await makeDir(dirname(path));
  } catch (error) {
    throw cannot(error);
  }
  const deadline = Date.now() + options.timeoutMs;
  let delay = 25;
  const me = JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() });
  for (;;) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(me);
      await handle.close();
      let released = false;
      return {
        release: async () => {
          if (released) return;
          released = true;
          await unlink(path).catch(() => undefined);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw cannot(error);
    }
    const holder = await readHolder(path);
    if (holder && holder.host === hostname() && !alive(holder.pid)) {
      await unlink(path).catch(() => undefined);
      continue;
    }
    if (Date.now() >= deadline || options.signal?.aborted) {
      throw new BbError('lock', `${options.what} is in use by another bb process${holder ? ` (pid ${holder.pid} on ${holder.host} since ${holder.since})` : ''}.`, {
        hint: `Wait for that process to finish and run this again (migrate, rollback and rollout wait up to --lock-timeout). If no bb process is running, delete ${path}.`,
        code: 'lock.timeout',
      });
    }
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 500);
  }
}

async function readHolder(path: string): Promise<{ pid: number; host: string; since: string } | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as { pid: number; host: string; since: string };
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
