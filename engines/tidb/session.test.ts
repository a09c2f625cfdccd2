/**
 * No TiDB server runs here. The tidb engine's SQL (history, lock row, introspection) speaks the MySQL
 * protocol, so it is exercised against the local MariaDB; what is TiDB-only (detection, lock choice,
 * unsupported statements) is unit-tested beside it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadEngine, type Target } from '../../src/engine.js';
import { MysqlDatabases, mysqlAvailable } from '../../test/support/servers.js';

const up = await mysqlAvailable();
const dbs = new MysqlDatabases('bbt_tidb_session');
afterAll(async () => {
  if (up) await dbs.dropAll();
});

const target = (url: string): Target => ({
  ref: { environment: 'test', database: 'app', id: 'test/app', url },
  engine: 'tidb', url, baseDir: process.cwd(), session: { sql_mode: '' },
  history: { table: 'bb_migration_history', snapshotTable: 'bb_migration_history_snapshots' },
});

describe.skipIf(!up)('tidb engine over the MySQL protocol (against MariaDB)', () => {
  it('is registered, probes tidb_version() without failing on a non-TiDB server, and locks with a row', async () => {
    const engine = await loadEngine('tidb');
    expect(engine.schemes).toContain('tidb:');
    const url = await dbs.create('lock');
    const a = await engine.connect(target(url.replace(/^mysql:/, 'tidb:')));
    const b = await engine.connect(target(url));
    try {
      expect(a.serverVersion).toMatch(/^MariaDB /);
      const lock = await a.tryLock('bb:.bb_migration_history');
      expect(lock).toBeDefined();
      expect(await b.tryLock('bb:.bb_migration_history')).toBeUndefined();
      expect(await b.lockHolder('bb:.bb_migration_history')).toMatch(/heartbeat \d+ s ago/);
      expect(await MysqlDatabases.query(url, 'SELECT COUNT(*) AS n FROM bb_migration_history_lock')).toEqual([{ n: 1 }]);
      await lock!.release();
      expect(await MysqlDatabases.query(url, 'SELECT COUNT(*) AS n FROM bb_migration_history_lock')).toEqual([{ n: 0 }]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('records history and introspects with the shared MySQL SQL', async () => {
    const engine = await loadEngine('tidb');
    const url = await dbs.create('history');
    const s = await engine.connect(target(url));
    try {
      await s.history.ensure();
      for (const stmt of engine.split('CREATE TABLE t (id int PRIMARY KEY, v varchar(10));\nCREATE INDEX t_v ON t (v);')) await s.execute(stmt.text);
      const file = { key: '1', name: 'a', path: 'a.sql', checksum: 'sha256:1' };
      await s.history.start({ file, kind: 'versioned', total: 2, applied: 0, statementHashes: [], context: { environment: 'test', by: 'me', bbVersion: '0' } });
      await s.history.progress('1', 1, 'h1');
      await s.history.finish('1', { status: 'failed', error: 'ER_X (1): y', failedStatement: 1, durationMs: 2 });
      expect((await s.history.read())[0]).toMatchObject({ status: 'failed', applied: 1, failedStatement: 1, error: 'ER_X (1): y' });
      const snap = await s.introspect();
      expect(snap.engine).toBe('tidb');
      expect(snap.objects.map((o) => o.name)).toEqual(['t', 't.id', 't.v', 't.PRIMARY', 't.t_v']);
      expect(s.dump(snap)).toContain('CREATE TABLE `t`');
    } finally {
      await s.close();
    }
  });
});
