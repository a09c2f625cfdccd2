/**
 * Folders and files a user names (--out, audit.file). Node 20's recursive mkdir never returns,
 * spinning a CPU, when the kernel answers ENOENT for a folder whose parent exists (any path under
 * /proc): makeDir creates each missing folder in turn, so such a path fails with that error.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { BbError, causeMessage } from '../errors.js';

export async function makeDir(path: string): Promise<void> {
  const missing: string[] = [];
  for (let dir = resolve(path); !existsSync(dir); dir = dirname(dir)) {
    missing.unshift(dir);
    if (dirname(dir) === dir) break;
  }
  for (const dir of missing) {
    await mkdir(dir).catch((error: unknown) => {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
    });
  }
}

/** Writes `text` to `file`, creating its folder; a failure is a usage error naming the file and the `flag` that chose it. */
export async function writeOutput(file: string, text: string, flag: string): Promise<void> {
  try {
    await makeDir(dirname(file));
    await writeFile(file, text);
  } catch (error) {
    throw new BbError('usage', `Cannot write ${file}: ${causeMessage(error)}.`, { hint: `Choose another ${flag}, or fix that folder's permissions.`, code: 'output.unwritable' });
  }
}
