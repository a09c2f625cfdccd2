import { describe, expect, it } from 'vitest';
import { renderDataRollback, renderRepair, renderRollback, renderUnlock } from './history-commands.js';

const off = { color: false };

describe('pretty output of rollback, repair and unlock, drawn from their records', () => {
  it('rollback: a snapshot warning on its own line, after the versions; on a failed target, after the error and hint', () => {
    const warning = 'the schema snapshot could not be refreshed: boom';
    expect(renderRollback({
      environment: 'dev', dryRun: false,
      targets: [
        { target: 'dev/a', versions: [{ version: '0002', path: 'm/0002_b.down.sql', action: 'rolled-back' }], warnings: [warning] },
        { target: 'dev/b', versions: [{ version: '0002', path: 'm/0002_b.down.sql', action: 'rolled-back' }], warnings: [warning], error: { kind: 'apply', code: 'apply', message: 'm/0001_a.down.sql: statement 1 of 1 failed (rolled back before it: 0002 (m/0002_b.down.sql)).', hint: 'Fix the down file.' } },
        { target: 'dev/c', versions: [], warnings: [] },
      ],
    }, off)).toBe([
      'dev/a:\n  rolled back 0002 (m/0002_b.down.sql)\n  warning: ' + warning,
      '✗ dev/b: m/0001_a.down.sql: statement 1 of 1 failed (rolled back before it: 0002 (m/0002_b.down.sql)).\n  hint: Fix the down file.\n  warning: ' + warning,
      'dev/c: nothing to roll back',
    ].join('\n'));
  });

  it('repair: what was done before a row stopped it is listed under the error (the message does not name it)', () => {
    expect(renderRepair({
      environment: 'dev',
      targets: [{
        target: 'dev/app', snapshot: false, warnings: [],
        actions: [{ version: '0001', action: 'clear', path: 'm/0001.sql', status: 'pending', applied: 0, total: 2 }],
        error: { kind: 'history', code: 'history.partial', message: 'm/0002.sql on dev/app is failed with 1 of 2 statements applied; bb cannot tell how to finish it.' },
      }],
    }, off)).toBe('✗ dev/app: m/0002.sql on dev/app is failed with 1 of 2 statements applied; bb cannot tell how to finish it.\n  0001: cleared the pending record of m/0001.sql (nothing had been applied); migrate runs it again');
  });

  it('rollback --data: the rows put back per table, or what it would do', () => {
    const targets = [{ target: 'dev/app', restored: [{ table: 'accounts', backupTable: 'bb_backup.003_1_accounts', kind: 'delete', rows: 2 }, { table: 'accounts', backupTable: 'bb_backup.003_2_accounts', kind: 'update', rows: 1 }] }];
    expect(renderDataRollback({ environment: 'dev', version: '003', dryRun: false, targets }, off)).toBe('dev/app: data of 003\n  re-inserted 2 rows of accounts (from bb_backup.003_1_accounts)\n  restored 1 row of accounts (from bb_backup.003_2_accounts)');
    expect(renderDataRollback({ environment: 'dev', version: '003', dryRun: true, targets }, off)).toBe('dev/app: data of 003\n  would re-insert 2 rows of accounts (from bb_backup.003_1_accounts)\n  would restore 1 row of accounts (from bb_backup.003_2_accounts)');
  });

  it('unlock: a released lock names its holder when the engine could tell', () => {
    expect(renderUnlock({ environment: 'dev', targets: [{ target: 'dev/a', lock: 'released', holder: 'bb (ghost@host pid 1)' }, { target: 'dev/b', lock: 'released' }, { target: 'dev/c', lock: 'held' }] }, off)).toBe([
      'dev/a: released the lock held by bb (ghost@host pid 1)',
      'dev/b: released the lock',
      'dev/c: locked by another session; this lock ends with its session (stop that process, or terminate its server session)',
    ].join('\n'));
  });
});
