import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BbError } from '../errors.js';
import { fileLock } from './file-lock.js';

const dir = mkdtempSync(join(tmpdir(), 'bbt-filelock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fileLock', () => {
  it('takes and releases a lock', async () => {
    const lock = await fileLock(join(dir, 'a', 'db.lock'), { timeoutMs: 100, what: 'the embedded database x' });
    await lock.release();
    await (await fileLock(join(dir, 'a', 'db.lock'), { timeoutMs: 100, what: 'the embedded database x' })).release();
  });

  it('says which folder cannot be created when a file is in the way (a connect error, not an internal one)', async () => {
    writeFileSync(join(dir, 'afile'), '');
    const error = await fileLock(join(dir, 'afile', 'db', 'x.lock'), { timeoutMs: 100, what: 'the embedded database chdb://afile/db/x' }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(BbError);
    expect((error as BbError).kind).toBe('connect');
    expect((error as BbError).message).toMatch(/^Cannot create the lock file .*x\.lock of the embedded database chdb:\/\/afile\/db\/x: (EEXIST|ENOTDIR)/);
    expect((error as BbError).hint).toMatch(/afile\/db can be created and written/);
  });
});
