import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDir } from './make-dir.js';

const root = mkdtempSync(join(tmpdir(), 'bb-make-dir-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('makeDir', () => {
  it('creates every missing folder, and accepts one that exists', async () => {
    await makeDir(join(root, 'a/b/c'));
    expect(statSync(join(root, 'a/b/c')).isDirectory()).toBe(true);
    await makeDir(join(root, 'a/b/c'));
    await makeDir(join(root, 'a'));
  });

  it('fails on a path through a file', async () => {
    writeFileSync(join(root, 'file'), '');
    await expect(makeDir(join(root, 'file/x'))).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  it.skipIf(!existsSync('/proc/self'))('fails under /proc, where Node\'s recursive mkdir never returns', async () => {
    await expect(makeDir('/proc/bb-no-such-folder/x')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
