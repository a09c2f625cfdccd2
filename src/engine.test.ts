import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkTargetUrl, makeEmbeddedFolder, readServerUrl, type Target } from './engine.js';
import { BbError } from './errors.js';
import { redactUrl } from './config/redact.js';

const postgres = { name: 'postgres', schemes: ['postgres:', 'postgresql:', 'pglite:'], urlForms: { 'postgres:': { kind: 'server' }, 'postgresql:': { kind: 'server' }, 'pglite:': { kind: 'folder' } } } as const;
const target = (url: string): Pick<Target, 'ref' | 'locateUrl' | 'url'> => ({ url, ref: { environment: 'dev', database: 'app', id: 'dev/app', url: redactUrl(url) }, locateUrl: () => 'bb.config.yaml:6: environments[0].targets.app' });
const refusal = (fn: () => unknown): BbError => {
  try {
    fn();
  } catch (error) {
    return error as BbError;
  }
  throw new Error('not refused');
};

describe('checkTargetUrl: one URL check for every engine', () => {
  it('passes what the drivers read, a Unix socket with a user and no host included', () => {
    for (const url of ['postgres://app:s3cret@db:5432/app?sslmode=require', 'postgres://app@/app?host=/run/postgresql', 'postgres:///app?host=/run/postgresql', 'postgres://app:pa%2Fss%23w@db/app', 'pglite://:memory:', 'pglite://.bb/dev']) {
      expect(() => checkTargetUrl(postgres, target(url)), url).not.toThrow();
    }
  });
  it('refuses what a driver would crash on or read the wrong way, naming the place, never the password', () => {
    const cases: [string, string][] = [
      ['postgres://u:pa ss/wd@127.0.0.1/db', ': its user name or password has a / in it (write a / of the password as %2F).'],
      ['postgres://u:1234/s3cret@127.0.0.1/db', ': its user name or password has a / in it (write a / of the password as %2F).'],
      // A / and then a ? in the password read as a path and a query: the password is still refused, and hidden.
      ['postgres://u:pa/s3cret?word@127.0.0.1/db', ': its user name or password has a / in it (write a / of the password as %2F).'],
      ['postgres://u:s3cret?word@127.0.0.1/db', ': its user name or password has a ? in it (write a ? of the password as %3F).'],
      ['postgres://u:s3cret#x@127.0.0.1/db', ': it has a # (write a # of the password as %23).'],
      ['postgres://u:s3cret%zz@127.0.0.1/db', ': a % in it is not followed by two hexadecimal digits (write a % of the password as %25).'],
      ['postgres://u:s3cret@127.0.0.1/db%zz', ': a % in it is not followed by two hexadecimal digits (write a % of the path as %25).'],
      ['postgres://u:s3cret@127.0.0.1:99999/db', '.'],
      ['pglite://.bb/100%', ': a % in it is not followed by two hexadecimal digits (write a % of the folder name as %25).'],
    ];
    for (const [url, reason] of cases) {
      const error = refusal(() => checkTargetUrl(postgres, target(url)));
      expect([error.kind, error.code, error.message]).toEqual(['config', 'config.bad-url', `bb.config.yaml:6: environments[0].targets.app: ${redactUrl(url)} (dev/app) is not a valid URL${reason}`]);
      expect(`${error.message} ${error.hint}`).not.toMatch(/s3cret|pa ss/);
    }
  });
  it('readServerUrl, which engines read URLs through, refuses a user with no host (only pg reads that)', () => {
    expect(refusal(() => readServerUrl('mysql://root:s3cret@/app')).message).toBe('mysql://root:***@/app is not a valid URL.');
    expect(readServerUrl('mysql://r%40t:p%2Fw@db:3306/app').password).toBe('p%2Fw');
  });
});

describe('makeEmbeddedFolder: the folder of a pglite:// or chdb:// target', () => {
  const root = mkdtempSync(join(tmpdir(), 'bb-embedded-folder-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const refused = async (dir: string): Promise<BbError> => makeEmbeddedFolder(target(`chdb://${dir}`), dir).then(() => { throw new Error('not refused'); }, (e: unknown) => e as BbError);

  it('creates it with its parents', async () => {
    await makeEmbeddedFolder(target(`chdb://${root}/a/b`), join(root, 'a/b'));
    expect(statSync(join(root, 'a/b')).isDirectory()).toBe(true);
  });
  it('refuses one it cannot create as a config error naming the place and a folder that works', async () => {
    writeFileSync(join(root, 'file'), '');
    const error = await refused(join(root, 'file/db'));
    expect([error.kind, error.code]).toEqual(['config', 'config.folder']);
    expect(error.message).toBe(`bb.config.yaml:6: environments[0].targets.app: chdb://${root}/file/db (dev/app) names the folder ${root}/file/db, which cannot be created: ENOTDIR: not a directory, mkdir '${root}/file/db'.`);
    expect(error.hint).toBe("Point the URL at a folder bb can create and write, e.g. chdb://.bb/dev/app (a relative folder is read from the config's folder).");
  });
  it.skipIf(!existsSync('/proc/self'))('refuses one under /proc, where Node\'s recursive mkdir never returns', async () => {
    expect(await refused('/proc/bb-no-such-folder/db')).toMatchObject({ kind: 'config', code: 'config.folder' });
  });
});
