/** bb restore's own connection to MySQL/MariaDB: its errors read like every other MySQL connection's. */
import { describe, expect, it } from 'vitest';
import type { Target } from '../../src/engine.js';
import { BbError } from '../../src/errors.js';
import { mysqlAvailable } from '../../test/support/servers.js';
import { clientArgs, restore } from './backup.js';

const up = await mysqlAvailable();

function target(url: string): Target {
  return {
    ref: { environment: 'test', database: 'app', id: 'test/app', url: url.replace(/:[^:@/]+@/, ':***@') }, // ref.url is the printable form
    engine: 'mysql',
    url,
    baseDir: process.cwd(),
    history: { table: 'bb_migration_history', snapshotTable: 'bb_migration_history_snapshots' },
    session: {},
  };
}

describe.skipIf(!up)('restore', () => {
  it('a wrong password is a connect error that names the target, hints at the password and never shows it', async () => {
    // A user that does not exist is refused like a wrong password, whatever root's own password is.
    const url = 'mysql://bb_no_such_user:s3cret-pw@127.0.0.1:3306/bbt_mysql_backup';
    const error = await restore(target(url), '/nonexistent.sql', { into: 'bbt_mysql_backup_into', replace: false, checked: Promise.resolve() }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(BbError);
    const e = error as BbError;
    expect([e.kind, e.code]).toEqual(['connect', 'connect.failed']);
    expect(e.message).toMatch(/^Cannot connect to test\/app .*Access denied/);
    expect(e.hint).toBe('Check the user and password for test/app (the URL\'s password or the variable that provides it).');
    expect(`${e.message} ${e.hint}`).not.toContain('s3cret-pw');
  });
});

describe('clientArgs: the dump and client tools connect as bb does', () => {
  const args = (url: string, maria: boolean): string[] => clientArgs(target(url), maria).args;
  it('ask for TLS when the URL does (the dump crossed the network in clear while bb\'s own connection used TLS)', () => {
    expect(args('mysql://u:p@db.internal:3306/app?ssl=required', true)).toEqual(['--host=db.internal', '--port=3306', '--user=u', '--ssl']);
    expect(args('mysql://u:p@db.internal:3306/app?ssl=verify-full', true)).toEqual(['--host=db.internal', '--port=3306', '--user=u', '--ssl', '--ssl-verify-server-cert']);
    expect(args('mysql://u:p@db.internal:3306/app?ssl=required', false)).toContain('--ssl-mode=REQUIRED');
    expect(args('mysql://u:p@db.internal:3306/app?ssl=true', false)).toContain('--ssl-mode=VERIFY_IDENTITY');
  });
  it('leave TLS to the tool\'s defaults when the URL does not ask, and never put the password in argv', () => {
    const out = clientArgs(target('mysql://u:s3cret@db.internal/app'), true);
    expect(out.args).toEqual(['--host=db.internal', '--port=3306', '--user=u']);
    expect(out.env).toEqual({ MYSQL_PWD: 's3cret' });
  });
});
