/**
 * The mysql2 session against the local MariaDB: session settings, error text, the lock on its own
 * connection (GET_LOCK and the TiDB lock row), history durability while the migration connection is
 * inside a transaction, and history in a configured database.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Target } from '../../src/engine.js';
import { BbError } from '../../src/errors.js';
import { MysqlDatabases, mysqlAvailable } from '../../test/support/servers.js';
import { connect, connectionOptions, serverError } from './session.js';
import { lockName } from './lock.js';
import { splitMysql } from './split.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const up = await mysqlAvailable();
const dbs = new MysqlDatabases('bbt_mysql_session');
afterAll(async () => {
  if (up) await dbs.dropAll();
});

const context = { environment: 'test', by: 'tester@host', bbVersion: '0.0.0-test' };

function target(url: string, extra: Partial<Target> = {}): Target {
  return {
    ref: { environment: 'test', database: 'app', id: 'test/app', url },
    engine: 'mysql',
    url,
    baseDir: process.cwd(),
    history: { table: 'bb_migration_history', snapshotTable: 'bb_migration_history_snapshots' },
    session: {},
    ...extra,
  };
}

describe('connectionOptions', () => {
  it('reads user, password, host, port, database, socket and ssl from the URL', () => {
    expect(connectionOptions('mysql://app:p%40ss@db.example:3307/shop?ssl=required')).toMatchObject({
      host: 'db.example', port: 3307, user: 'app', password: 'p@ss', database: 'shop', ssl: { rejectUnauthorized: false },
    });
    expect(connectionOptions('mariadb://root@localhost/x?socket=/run/mysqld/mysqld.sock')).toMatchObject({ socketPath: '/run/mysqld/mysqld.sock', database: 'x' });
    expect(connectionOptions('tidb://root@tidb:4000')).toMatchObject({ host: 'tidb', port: 4000 });
  });

  it('formats server errors with their code, and MariaDB-only codes as the mysql client does', () => {
    const known = Object.assign(new Error('x'), { code: 'ER_PARSE_ERROR', errno: 1064, sqlState: '42000', sqlMessage: 'You have an error' });
    expect((serverError(known) as Error).message).toBe('ER_PARSE_ERROR (1064): You have an error');
    const mariadb = Object.assign(new Error('x'), { errno: 1901, sqlState: 'HY000', sqlMessage: 'Function or expression' });
    expect((serverError(mariadb) as Error).message).toBe('ERROR 1901 (HY000): Function or expression');
    // On MariaDB, mysql2's MySQL name is kept only where MariaDB's number means the same error.
    const unknownType = () => Object.assign(new Error('x'), { code: 'ER_INSTALL_COMPONENT_SET_UNUSED_VALUE', errno: 4161, sqlState: 'HY000', sqlMessage: "Unknown data type: 'NOTATYPE'" });
    expect((serverError(unknownType(), [], true) as Error).message).toBe("ERROR 4161 (HY000): Unknown data type: 'NOTATYPE'");
    expect((serverError(unknownType()) as Error).message).toBe("ER_INSTALL_COMPONENT_SET_UNUSED_VALUE (4161): Unknown data type: 'NOTATYPE'");
    const blob = Object.assign(new Error('x'), { code: 'ER_BLOB_CANT_HAVE_DEFAULT', errno: 1101, sqlState: '42000', sqlMessage: 'm' });
    expect((serverError(blob, [], true) as Error).message).toBe('ERROR 1101 (42000): m');
    const shared = Object.assign(new Error('x'), { code: 'ER_DUP_FIELDNAME', errno: 1060, sqlState: '42S21', sqlMessage: "Duplicate column name 'b'" });
    expect((serverError(shared, [], true) as Error).message).toBe("ER_DUP_FIELDNAME (1060): Duplicate column name 'b'");
    const secret = Object.assign(new Error('failed for mysql://u:hunter22@h/db'), {});
    expect((serverError(secret, ['hunter22']) as Error).message).not.toContain('hunter22');
  });
});

describe.skipIf(!up)('MySQL session on MariaDB', () => {
  it('applies session settings after connecting and names the server', async () => {
    const url = await dbs.create('settings');
    const s = await connect(target(url, { session: { sql_mode: 'ANSI_QUOTES', time_zone: '+02:00', foreign_key_checks: false, lock_wait_timeout: 7 } }));
    try {
      expect(s.serverVersion).toMatch(/^MariaDB 10\.\d+\.\d+$/);
      const [row] = await s.query<{ mode: string; tz: string; fk: number; lwt: number }>('SELECT @@SESSION.sql_mode AS mode, @@SESSION.time_zone AS tz, @@SESSION.foreign_key_checks AS fk, @@SESSION.lock_wait_timeout AS lwt');
      expect(row).toEqual({ mode: 'ANSI_QUOTES', tz: '+02:00', fk: 0, lwt: 7 });
    } finally {
      await s.close();
    }
  });

  it('refuses a bad session setting with a config error naming the key and target', async () => {
    const url = await dbs.create('badsetting');
    const error = await connect(target(url, { session: { no_such_variable_here: 1 } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BbError);
    expect((error as BbError).kind).toBe('config');
    expect((error as BbError).message).toMatch(/no_such_variable_here=1 on test\/app failed: ER_UNKNOWN_SYSTEM_VARIABLE \(1193\)/);
    const typo = await connect(target(url, { session: { sql_mod: '' } })).catch((e: unknown) => e);
    expect((typo as BbError).message).toBe('Session setting sql_mod="" on test/app failed: ER_UNKNOWN_SYSTEM_VARIABLE (1193): Unknown system variable \'sql_mod\' (did you mean "sql_mode"?).');
    const injection = await connect(target(url, { session: { 'sql_mode = 1; DROP': 1 } })).catch((e: unknown) => e);
    expect((injection as BbError).message).toMatch(/is not a variable name/);
  });

  it('rejects with the server code and message', async () => {
    const s = await connect(target(await dbs.create('errors')));
    try {
      await expect(s.execute('SELEC 1')).rejects.toThrow(/^ER_PARSE_ERROR \(1064\): You have an error in your SQL syntax/);
      await expect(s.execute('SELECT * FROM nope')).rejects.toThrow(/^ER_NO_SUCH_TABLE \(1146\): Table '.*nope' doesn't exist/);
      // MariaDB's 4161 is MySQL's ER_INSTALL_COMPONENT_SET_UNUSED_VALUE: not named after it.
      await expect(s.execute('CREATE TABLE t (a NOTATYPE)')).rejects.toThrow(/^ERROR 4161 \(HY000\): Unknown data type: 'NOTATYPE'/);
    } finally {
      await s.close();
    }
  });

  it('a URL without a database serves discovery only: history and lock are a config error naming the target', async () => {
    const s = await connect(target('mysql://root@127.0.0.1:3306'));
    try {
      const names = (await s.listDatabases!({ schemas: false })).map((m) => m.name);
      expect(names).not.toContain('mysql');
      const error = await s.history.read().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BbError);
      expect((error as BbError).kind).toBe('config');
      expect((error as BbError).message).toBe('test/app: mysql://root@127.0.0.1:3306 names no database.');
      await expect(s.tryLock('k')).rejects.toThrow(/names no database/);
    } finally {
      await s.close();
    }
  });

  it('cannot connect: a connect error naming the target, with the password redacted', async () => {
    const url = new URL(await dbs.create('connect'));
    url.username = 'nobody_bb';
    url.password = 'sup3rsecret';
    const error = await connect(target(url.toString(), { ref: { environment: 'test', database: 'app', id: 'test/app', url: 'mysql://nobody_bb:***@127.0.0.1:3306/x' } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BbError);
    expect((error as BbError).kind).toBe('connect');
    expect((error as BbError).message).toContain('test/app');
    expect((error as BbError).message).not.toContain('sup3rsecret');
  });

  it('a user without privileges on the database: the hint says to grant them, not to check the password', async () => {
    const url = new URL(await dbs.create('noaccess'));
    await MysqlDatabases.query(MysqlDatabases.urlFor('mysql'), "CREATE USER IF NOT EXISTS 'bbt_noaccess'@'%' IDENTIFIED BY 'n0access'");
    try {
      url.username = 'bbt_noaccess';
      url.password = 'n0access';
      const error = await connect(target(url.toString())).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BbError);
      expect((error as BbError).message).toMatch(/ER_DBACCESS_DENIED_ERROR \(1044\): Access denied for user 'bbt_noaccess'@'%' to database/);
      expect((error as BbError).hint).toMatch(/^The user may not use that database: grant it/);
    } finally {
      await MysqlDatabases.query(MysqlDatabases.urlFor('mysql'), "DROP USER IF EXISTS 'bbt_noaccess'@'%'");
    }
  });

  it('holds GET_LOCK on a dedicated connection, names the holder, and releases it on close', async () => {
    const url = await dbs.create('lock');
    const a = await connect(target(url));
    const b = await connect(target(url));
    try {
      const lock = await a.tryLock('bb:.bb_migration_history');
      expect(lock).toBeDefined();
      const name = lockName(url.replace(/^.*\//, ''), 'bb:.bb_migration_history');
      expect(name).toMatch(/^bb_[0-9a-f]{40}$/);
      // Held, but not by the connection that runs migrations.
      const [held] = await a.query<{ holder: number; me: number }>('SELECT IS_USED_LOCK(?) AS holder, CONNECTION_ID() AS me', [name]);
      expect(held!.holder).not.toBeNull();
      expect(held!.holder).not.toBe(held!.me);
      expect(await b.tryLock('bb:.bb_migration_history')).toBeUndefined();
      // The lock's connection outlives a short server wait_timeout while a long statement runs elsewhere.
      const control = await (a as unknown as { controlConnection(): Promise<{ query<R>(sql: string): Promise<R[]> }> }).controlConnection();
      expect(await control.query('SELECT @@SESSION.wait_timeout AS t')).toEqual([{ t: 31536000 }]);
      expect(await b.lockHolder('bb:.bb_migration_history')).toMatch(new RegExp(`connection ${held!.holder}, root@`));
      // A different key (another history table) is a different lock.
      const other = await b.tryLock('bb:.other_history');
      expect(other).toBeDefined();
      await other!.release();
      await a.close(); // releases on every exit path, including close without release()
      const again = await b.tryLock('bb:.bb_migration_history');
      expect(again).toBeDefined();
      await again!.release();
      expect(await b.lockHolder('bb:.bb_migration_history')).toBeUndefined();
      expect(await b.forceUnlock!('bb:.bb_migration_history')).toBe(false); // GET_LOCK dies with its connection
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('the same key in two databases does not collide (GET_LOCK names are server-wide)', async () => {
    const a = await connect(target(await dbs.create('lock_db1')));
    const b = await connect(target(await dbs.create('lock_db2')));
    try {
      const la = await a.tryLock('bb:.bb_migration_history');
      const lb = await b.tryLock('bb:.bb_migration_history');
      expect(la).toBeDefined();
      expect(lb).toBeDefined();
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('history writes are durable at once, even while the migration connection holds an open transaction', async () => {
    const url = await dbs.create('durable');
    const s = await connect(target(url));
    try {
      await s.history.ensure();
      await s.execute('CREATE TABLE t (id int)');
      await s.execute('START TRANSACTION');
      await s.execute('INSERT INTO t VALUES (1)');
      const file = { key: '0001', name: 'x', path: 'migrations/0001_x.sql', checksum: 'sha256:00' };
      await s.history.start({ file, kind: 'versioned', total: 2, applied: 0, statementHashes: [], context });
      await s.history.progress('0001', 1, 'h1');
      // Another client sees the progress although the migration connection never committed.
      expect(await MysqlDatabases.query(url, 'SELECT status, applied, statement_hashes FROM bb_migration_history')).toEqual([{ status: 'pending', applied: 1, statement_hashes: '["h1"]' }]);
      expect(await MysqlDatabases.query(url, 'SELECT COUNT(*) AS n FROM t')).toEqual([{ n: 0 }]);
      await s.execute('ROLLBACK');
      const row = (await s.history.read())[0]!;
      expect(row).toMatchObject({ version: '0001', status: 'pending', applied: 1, statementHashes: ['h1'], retry: false });
      expect(row.startedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(Math.abs(Date.parse(row.startedAt) - Date.now())).toBeLessThan(60_000);
    } finally {
      await s.close();
    }
  });

  it('inside transaction() the history row commits or rolls back with the migration', async () => {
    const url = await dbs.create('tx');
    const s = await connect(target(url));
    try {
      await s.history.ensure();
      await s.execute('CREATE TABLE t (id int)');
      const file = { key: '0001', name: 'x', path: 'm/0001_x.sql', checksum: 'sha256:00' };
      await expect(s.transaction(async (tx) => {
        await tx.history.start({ file, kind: 'versioned', total: 1, applied: 1, statementHashes: ['h'], context });
        await tx.execute('INSERT INTO t VALUES (1)');
        throw new Error('boom');
      })).rejects.toThrow('boom');
      expect(await s.history.read()).toEqual([]);
      expect(await s.query('SELECT * FROM t')).toEqual([]);
      await s.transaction(async (tx) => {
        await tx.history.start({ file, kind: 'versioned', total: 1, applied: 1, statementHashes: ['h'], context });
        await tx.execute('INSERT INTO t VALUES (1)');
        await tx.history.finish('0001', { status: 'done', durationMs: 3 });
      });
      expect((await s.history.read()).map((r) => r.status)).toEqual(['done']);
    } finally {
      await s.close();
    }
  });

  it('keeps history in the configured history.schema database', async () => {
    const url = await dbs.create('histschema_main');
    const historyDb = (await dbs.create('histschema_meta')).replace(/^.*\//, '');
    const s = await connect(target(url, { history: { schema: historyDb, table: 'bb_history', snapshotTable: 'bb_snapshots' } }));
    try {
      expect(await s.history.read()).toEqual([]);
      await s.history.ensure();
      await s.history.start({ file: { key: '1', name: 'a', path: 'a.sql', checksum: 'sha256:1' }, kind: 'versioned', total: 0, applied: 0, statementHashes: [], context });
      await s.history.finish('1', { status: 'done', durationMs: 1 });
      const rows = await MysqlDatabases.query<{ TABLE_SCHEMA: string; TABLE_NAME: string }>(url, "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES WHERE TABLE_NAME IN ('bb_history', 'bb_snapshots') ORDER BY 2");
      expect(rows).toEqual([{ TABLE_SCHEMA: historyDb, TABLE_NAME: 'bb_history' }, { TABLE_SCHEMA: historyDb, TABLE_NAME: 'bb_snapshots' }]);
      expect((await s.history.read()).map((r) => [r.version, r.status])).toEqual([['1', 'done']]);
      const snap = { engine: 'mysql' as const, objects: [{ kind: 'table' as const, name: 't', definition: '' }] };
      await s.history.saveSnapshot('1', snap);
      expect((await s.history.latestSnapshot())?.snapshot).toEqual(snap);
    } finally {
      await s.close();
    }
  });

  it('runs every statement the splitter cuts from its goldens (routines without DELIMITER, mysqldump output)', async () => {
    const s = await connect(target(await dbs.create('goldens')));
    try {
      await s.execute('CREATE TABLE orders (id int, created datetime, updated datetime)');
      for (const file of ['routines.sql', 'mysqldump.sql']) {
        for (const stmt of splitMysql(readFileSync(join(import.meta.dirname, 'testdata/split', file), 'utf8'))) await s.execute(stmt.text);
      }
      const names = (await s.introspect()).objects.filter((o) => ['function', 'trigger', 'other'].includes(o.kind)).map((o) => o.name);
      expect(names).toEqual(['archive_orders (procedure)', 'twice (function)', 'orders.orders_bi', 'orders.orders_bu', 'nightly (event)']);
      expect(await s.query('SELECT tag FROM notes ORDER BY id')).toEqual([{ tag: '#a' }, { tag: '#b' }]);
    } finally {
      await s.close();
    }
  });

  it('the TiDB lock row (forced on MariaDB): one holder, named with its heartbeat, released, and taken over when expired', async () => {
    const url = await dbs.create('lockrow');
    const a = await connect(target(url), { lockStrategy: 'lock-row' });
    const b = await connect(target(url), { lockStrategy: 'lock-row' });
    try {
      const lock = await a.tryLock('k');
      expect(lock).toBeDefined();
      expect(await b.tryLock('k')).toBeUndefined();
      expect(await b.lockHolder('k')).toMatch(/^bb \(.+ pid \d+\) [0-9a-f]{8} \(connection \d+, heartbeat \d+ s ago, expires in \d+ s\)$/);
      await lock!.release();
      expect(await b.lockHolder('k')).toBeUndefined();
      const second = await b.tryLock('k');
      expect(second).toBeDefined();
      // A runner that died stops heartbeating: once expired, its row is taken over.
      await MysqlDatabases.query(url, 'UPDATE bb_migration_history_lock SET expires_at = UTC_TIMESTAMP(6) - INTERVAL 1 SECOND');
      const takeover = await a.tryLock('k');
      expect(takeover).toBeDefined();
      expect(await MysqlDatabases.query(url, 'SELECT COUNT(*) AS n FROM bb_migration_history_lock')).toEqual([{ n: 1 }]);
      await a.close(); // close() releases: the row is gone
      expect(await MysqlDatabases.query(url, 'SELECT COUNT(*) AS n FROM bb_migration_history_lock')).toEqual([{ n: 0 }]);
      // bb unlock: a row left by a runner that died before expiry is removed on request.
      await MysqlDatabases.query(url, "INSERT INTO bb_migration_history_lock VALUES (?, 'bb (ghost) 00', 1, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) + INTERVAL 1 HOUR)", [lockName(url.replace(/^.*\//, ''), 'k')]);
      expect(await b.tryLock('k')).toBeUndefined();
      expect(await b.forceUnlock!('k')).toBe(true);
      const after = await b.tryLock('k');
      expect(after).toBeDefined();
      await after!.release();
    } finally {
      await a.close();
      await b.close();
    }
  });
});

