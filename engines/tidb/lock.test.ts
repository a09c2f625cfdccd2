import { describe, expect, it } from 'vitest';
import { serverInfo } from '../mysql/server.js';
import { lockName, lockStrategy } from './lock.js';

// Version strings as TiDB, MySQL and MariaDB report them (VERSION(), tidb_version()).
const TIDB_751 = 'Release Version: v7.5.1\nEdition: Community\nGit Commit Hash: 7d16cc79e81bbf573124df3fd9351c26963f3e70\nGit Branch: heads/refs/tags/v7.5.1\nUTC Build Time: 2024-02-27 14:28:32\nGoVersion: go1.21.6\nRace Enabled: false\nStore: tikv\nEnterprise Extension Enabled: false';

describe('server detection', () => {
  it('tells TiDB, MySQL and MariaDB apart', () => {
    expect(serverInfo('8.0.11-TiDB-v7.5.1', TIDB_751)).toEqual({ flavor: 'tidb', display: 'TiDB v7.5.1 (MySQL 8.0.11 protocol)', version: [7, 5, 1] });
    expect(serverInfo('5.7.25-TiDB-v5.2.4')).toMatchObject({ flavor: 'tidb', version: [5, 2, 4] });
    expect(serverInfo('8.0.36')).toEqual({ flavor: 'mysql', display: 'MySQL 8.0.36', version: [8, 0, 36] });
    expect(serverInfo('5.7.44-log')).toMatchObject({ flavor: 'mysql', version: [5, 7, 44] });
    expect(serverInfo('10.11.6-MariaDB-0+deb12u1')).toEqual({ flavor: 'mariadb', display: 'MariaDB 10.11.6', version: [10, 11, 6] });
    expect(serverInfo('5.5.5-10.4.32-MariaDB')).toMatchObject({ flavor: 'mariadb', version: [10, 4, 32] });
  });
});

describe('lock strategy', () => {
  it('uses GET_LOCK on MySQL and MariaDB and a lock row on every TiDB, saying why', () => {
    expect(lockStrategy(serverInfo('8.0.36')).kind).toBe('advisory');
    expect(lockStrategy(serverInfo('10.11.6-MariaDB')).kind).toBe('advisory');
    expect(lockStrategy(serverInfo('5.7.25-TiDB-v5.2.4'))).toEqual({ kind: 'lock-row', reason: 'TiDB v5.2.4 (MySQL 5.7.25 protocol): GET_LOCK is a no-op before TiDB v5.3' });
    expect(lockStrategy(serverInfo('8.0.11-TiDB-v7.5.1', TIDB_751))).toEqual({ kind: 'lock-row', reason: 'TiDB v7.5.1 (MySQL 8.0.11 protocol): GET_LOCK waits at least 1 s and IS_USED_LOCK cannot name the holder' });
  });

  it('derives a ≤ 64-character lock name from the database and the history table key', () => {
    const a = lockName('app', 'bb:.bb_migration_history');
    expect(a).toMatch(/^bb_[0-9a-f]{40}$/);
    expect(a.length).toBeLessThanOrEqual(64);
    expect(lockName('app', 'bb:.bb_migration_history')).toBe(a);
    expect(lockName('other', 'bb:.bb_migration_history')).not.toBe(a);
    expect(lockName('app', 'bb:meta.bb_migration_history')).not.toBe(a);
  });
});
