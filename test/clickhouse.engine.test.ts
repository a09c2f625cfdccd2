/**
 * ClickHouse engine behaviour beyond the conformance suite: mutations are awaited or reported, SET
 * persists within a session, bb's tables go ON CLUSTER with Replicated engines on a clustered target,
 * plan warnings, URL handling, the chdb folder lock, and the message when chdb is not installed.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadEngine, type Engine, type Session } from '../src/engine.js';
import { BbError } from '../src/errors.js';
import { ClickHouseHistory } from '../engines/clickhouse/history.js';
import type { Driver } from '../engines/clickhouse/driver.js';
import { chdbLocation, httpConfig, lockTableDdl, parseServerError, stripNativeStack } from '../engines/clickhouse/session.js';
import { splitClickHouse } from '../engines/clickhouse/split.js';
import { makeTarget } from './support/engine-cases.js';

let engine: Engine;
let dir: string;
let session: Session;

beforeAll(async () => {
  engine = await loadEngine('clickhouse');
  dir = mkdtempSync(join(tmpdir(), 'bbt-chengine-'));
  session = await engine.connect(makeTarget('clickhouse', `chdb://${join(dir, 'db')}`, 'test/ch'), {});
});
afterAll(async () => {
  await session?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('mutations', () => {
  it('awaits ALTER TABLE … UPDATE, and waits for one whose statement asked not to wait', async () => {
    await session.execute('CREATE TABLE m1 (id Int32, v Int32) ENGINE = MergeTree ORDER BY id');
    await session.execute('INSERT INTO m1 VALUES (1, 1), (2, 2)');
    await session.execute('ALTER TABLE m1 UPDATE v = v * 10 WHERE 1');
    expect(await session.query<{ s: string }>('SELECT toString(sum(v)) AS s FROM m1')).toEqual([{ s: '30' }]);
    await session.execute('ALTER TABLE m1 DELETE WHERE id = 1 SETTINGS mutations_sync = 0');
    const pending = await session.query<{ n: string }>("SELECT toString(count()) AS n FROM system.mutations WHERE table = 'm1' AND NOT is_done");
    expect(pending).toEqual([{ n: '0' }]);
    expect(await session.query<{ n: string }>('SELECT toString(count()) AS n FROM m1')).toEqual([{ n: '1' }]);
  });

  it('reports a failing mutation that would otherwise retry forever in the background', async () => {
    await session.execute('CREATE TABLE m2 (id Int32, v Int32) ENGINE = MergeTree ORDER BY id');
    await session.execute('INSERT INTO m2 VALUES (1, 1)');
    const sync = await session.execute("ALTER TABLE m2 UPDATE v = throwIf(v = 1, 'boom') WHERE 1").then(() => undefined, (e: unknown) => e as Error);
    expect(sync?.message).toMatch(/KILL MUTATION WHERE database = 'default' AND table = 'm2'/);
    expect(sync?.message).not.toMatch(/@ 0x[0-9a-f]+/); // no native stack frames from chdb
    // bb repair asks the session what the failed statement left behind: the queued mutation, until it is killed.
    const left = await session.unfinishedWork!("ALTER TABLE m2 UPDATE v = throwIf(v = 1, 'boom') WHERE 1");
    expect(left).toMatch(/^ALTER TABLE … UPDATE on default\.m2 is still queued on the server \(mutation 'mutation_\d+\.txt', failing\), where ClickHouse retries it/);
    expect(left).toMatch(/KILL MUTATION WHERE database = 'default' AND table = 'm2' AND mutation_id IN \('mutation_\d+\.txt'\)\.$/);
    expect(await session.unfinishedWork!('CREATE TABLE m3 (id Int32) ENGINE = MergeTree ORDER BY id')).toBeUndefined();
    await session.execute("KILL MUTATION WHERE table = 'm2' SYNC");
    expect(await session.unfinishedWork!("ALTER TABLE m2 UPDATE v = throwIf(v = 1, 'boom') WHERE 1")).toBeUndefined();
    const async = await session.execute("ALTER TABLE m2 UPDATE v = throwIf(v = 1, 'boom') WHERE 1 SETTINGS mutations_sync = 0").then(() => undefined, (e: unknown) => e);
    expect(async).toBeInstanceOf(BbError);
    expect((async as BbError).code).toBe('apply.mutation');
    expect((async as BbError).message).toMatch(/ALTER TABLE … UPDATE on default\.m2 is failing .*boom/);
    expect((async as BbError).hint).toMatch(/KILL MUTATION WHERE mutation_id = 'mutation_\d+\.txt'/);
    await session.execute("KILL MUTATION WHERE table = 'm2' SYNC");
  });
});

describe('sessions', () => {
  it('keeps SET for the later statements of a migration', async () => {
    await session.execute('SET max_threads = 3');
    expect(await session.query<{ m: number }>("SELECT getSetting('max_threads') AS m")).toEqual([{ m: 3 }]);
    await session.execute('SET max_threads = 0');
  });

  it('binds positional parameters as {p1:Type}, {p2:Type}', async () => {
    expect(await session.query('SELECT {p1:String} AS s, {p2:UInt8} AS n', ["it's", 7])).toEqual([{ s: "it's", n: 7 }]);
  });

  it('holds the data folder under a file lock while open, shared by the sessions of this process', async () => {
    expect(existsSync(`${join(dir, 'db')}.lock`)).toBe(true);
    const second = await engine.connect(makeTarget('clickhouse', `chdb://${join(dir, 'db')}`, 'test/ch2'), { openTimeoutMs: 500 });
    expect(second.serverVersion).toMatch(/^chdb \(ClickHouse \d+\./);
    await second.close();
    expect(existsSync(`${join(dir, 'db')}.lock`)).toBe(true); // the first session still holds it
  });

  it('opens chdb://<folder>?database=<name>, creating the database', async () => {
    const other = await engine.connect(makeTarget('clickhouse', `chdb://${join(dir, 'db')}?database=bbt_events`, 'test/ch3'), {});
    try {
      await other.execute('CREATE TABLE only_here (id Int8) ENGINE = MergeTree ORDER BY id');
      expect((await other.introspect()).objects.map((o) => o.name)).toEqual(['only_here', 'only_here.id']);
      expect((await session.introspect()).objects.some((o) => o.name === 'only_here')).toBe(false);
    } finally {
      await other.close();
    }
  });
});

describe('clusters', () => {
  const noDriver = {} as Driver;
  it('creates the history tables ON CLUSTER with Replicated engines on a clustered target', () => {
    const h = new ClickHouseHistory({ schema: 'bb', table: 'bb_migration_history', snapshotTable: 'bb_migration_history_snapshots' }, noDriver, { database: 'bb', ownDatabase: true, cluster: 'main', settings: {} }, () => undefined);
    const ddl = h.ddl();
    expect(ddl[0]).toBe('CREATE DATABASE IF NOT EXISTS `bb` ON CLUSTER `main`');
    expect(ddl[1]).toMatch(/^CREATE TABLE IF NOT EXISTS `bb`\.`bb_migration_history` ON CLUSTER `main` \(.*\) ENGINE = ReplicatedReplacingMergeTree\(seq\) ORDER BY version$/);
    expect(ddl[2]).toMatch(/ON CLUSTER `main` .* ENGINE = ReplicatedMergeTree\(\)/);
    const single = new ClickHouseHistory({ table: 'h', snapshotTable: 'h_snapshots' }, noDriver, { settings: {} }, () => undefined).ddl();
    expect(single.join('\n')).not.toMatch(/ON CLUSTER|Replicated/);
    expect(single[0]).toMatch(/ENGINE = ReplacingMergeTree\(seq\)/);
    const lock = lockTableDdl({ database: 'bb', ownDatabase: true, cluster: 'main', settings: {} }, 'bb_migration_history');
    expect(lock.table).toBe('`bb`.`bb_migration_history_lock`');
    expect(lock.create[1]).toMatch(/^CREATE TABLE IF NOT EXISTS `bb`\.`bb_migration_history_lock` ON CLUSTER `main` .* ENGINE = ReplicatedReplacingMergeTree\(rev\) ORDER BY \(key, claim_id\)/);
    expect(lockTableDdl({ settings: {} }, 'h').create.join('\n')).not.toMatch(/ON CLUSTER|Replicated/);
  });

  it('warns at plan time about ON CLUSTER that does not match the target, and about mutations', () => {
    const warn = (sql: string, cluster?: string): readonly string[] => engine.capabilities.warnings!(splitClickHouse(sql)[0]!, cluster ? { cluster } : {});
    expect(warn('CREATE TABLE t (a Int8) ENGINE = MergeTree ORDER BY a', 'main')).toEqual([expect.stringMatching(/has no ON CLUSTER main/)]);
    expect(warn('CREATE TABLE t ON CLUSTER main (a Int8) ENGINE = ReplicatedMergeTree ORDER BY a', 'main')).toEqual([]);
    expect(warn("CREATE TABLE t ON CLUSTER '{cluster}' (a Int8) ENGINE = ReplicatedMergeTree ORDER BY a", 'main')).toEqual([]);
    expect(warn('ALTER TABLE t ON CLUSTER other ADD COLUMN b Int8', 'main')).toEqual([expect.stringMatching(/but the target's cluster is main/)]);
    expect(warn('DROP TABLE t ON CLUSTER main')).toEqual([expect.stringMatching(/this target has no cluster/)]);
    expect(warn('DROP TABLE IF EXISTS events ON CLUSTER main')).toEqual([expect.stringMatching(/^DROP TABLE IF EXISTS events runs ON CLUSTER main/)]);
    expect(warn('CREATE MATERIALIZED VIEW events_mv TO daily AS SELECT 1 AS x', 'main')).toEqual([expect.stringMatching(/^CREATE MATERIALIZED VIEW events_mv has no ON CLUSTER main/)]);
    expect(warn('CREATE TABLE t (a Int8) ENGINE = MergeTree ORDER BY a')).toEqual([]);
    // A SQL function lives on each server: dropping it is DDL like creating it.
    expect(warn('DROP FUNCTION IF EXISTS linear', 'main')).toEqual([expect.stringMatching(/^DROP FUNCTION IF EXISTS linear has no ON CLUSTER main/)]);
    expect(warn('DROP FUNCTION linear ON CLUSTER main')).toEqual([expect.stringMatching(/^DROP FUNCTION linear runs ON CLUSTER main, but this target has no cluster/)]);
    expect(warn('CREATE FUNCTION linear AS (x) -> x', 'main')).toEqual([expect.stringMatching(/^CREATE FUNCTION linear has no ON CLUSTER main/)]);
    expect(warn('INSERT INTO t VALUES (1)', 'main')).toEqual([]);
    expect(warn('ALTER TABLE t ON CLUSTER main UPDATE a = 1 WHERE 1', 'main')).toEqual([expect.stringMatching(/mutation that rewrites data parts/)]);
  });
});

describe('URLs', () => {
  const target = (url: string, session: Record<string, string | number | boolean> = {}) => ({ ...makeTarget('clickhouse', url, 'prod/events', '/project'), session });
  it('reads clickhouse:// and http(s):// URLs: user, password, database, TLS, settings', () => {
    expect(httpConfig(target('clickhouse://u:p%40ss@ch.example:9000/events'))).toMatchObject({ url: 'http://ch.example:9000', username: 'u', password: 'p@ss', database: 'events', settings: {} });
    expect(httpConfig(target('clickhouse://ch.example/events?secure=true'))).toMatchObject({ url: 'https://ch.example:8443', username: 'default', password: '' });
    expect(httpConfig(target('clickhouse://ch.example'))).toMatchObject({ url: 'http://ch.example:8123', database: 'default' });
    expect(httpConfig(target('https://u:p@ch.example:8443/analytics?max_execution_time=60&ca=certs/ca.pem', { insert_quorum: 2, log_queries: true }))).toMatchObject({
      url: 'https://ch.example:8443', database: 'analytics', caPath: 'certs/ca.pem', settings: { max_execution_time: 60, insert_quorum: 2, log_queries: 1 },
    });
  });

  it('connects to a port written in the URL even when it is the scheme\'s own default (http :80, https :443)', () => {
    // WHATWG URL drops :80 from http:// and :443 from https://; bb's defaults (8123, 8443) are for no port at all.
    expect(httpConfig(target('http://ch.example:80/events')).url).toBe('http://ch.example:80');
    expect(httpConfig(target('https://u:p@ch.example:443/events')).url).toBe('https://ch.example:443');
    expect(httpConfig(target('http://u:p%3A1@[::1]:80/events')).url).toBe('http://[::1]:80');
    expect(httpConfig(target('http://ch.example/events')).url).toBe('http://ch.example:8123');
    expect(httpConfig(target('https://ch.example/events')).url).toBe('https://ch.example:8443');
    expect(httpConfig(target('clickhouse://ch.example:80/events')).url).toBe('http://ch.example:80');
  });

  it('resolves chdb:// folders against the config folder', () => {
    expect(chdbLocation(target('chdb://.bb/dev/events'))).toEqual({ dir: '/project/.bb/dev/events', database: 'default' });
    expect(chdbLocation(target('chdb:///var/lib/bb?database=events'))).toEqual({ dir: '/var/lib/bb', database: 'events' });
    expect(chdbLocation(target('chdb://'))).toEqual({ dir: undefined, database: 'default' });
    expect(() => chdbLocation(target('chdb://.bb/dev?databse=events'))).toThrow(/has the parameter databse=, which a chdb:\/\/ URL does not take/);
    expect(() => chdbLocation(target('chdb://.bb/dev?database=events&max_threads=4'))).toThrow(/max_threads=/);
    expect(() => chdbLocation(target('chdb://.bb/dev?database='))).toThrow(/empty database=/);
  });

  it('removes chdb native stack frames from messages', () => {
    expect(stripNativeStack('Code: 1. boom\n0. ? @ 0x0000000f03c72c\n1. QueryAsyncWorker::Execute() @ 0x0000000000096420\n. (UNFINISHED)')).toBe('Code: 1. boom . (UNFINISHED)');
    expect(stripNativeStack('plain message')).toBe('plain message');
  });

  it('names a refused password without printing it, and suggests checking the credentials', async () => {
    const { startClickHouseHttp } = await import('./support/clickhouse-http.js');
    const ch = await startClickHouseHttp({ user: 'bb', password: 'right-one' });
    try {
      const bad = target(ch.url().replace('right-one', 'wrong-secret'));
      const error = await engine.connect(bad, {}).then(() => undefined, (e: unknown) => e as BbError);
      expect(error).toBeInstanceOf(BbError);
      expect(error!.kind).toBe('connect');
      expect(error!.message).toMatch(/^Cannot connect to prod\/events \(clickhouse:\/\/bb:\*\*\*@127\.0\.0\.1:\d+\/default\): .*Authentication failed/);
      expect(error!.message + error!.hint).not.toMatch(/wrong-secret/);
      expect(error!.hint).toMatch(/user and password/);
    } finally {
      await ch.stop();
    }
  });
});

describe('settings the server does not take', () => {
  const target = (url: string, session: Record<string, string | number | boolean> = {}) => ({ ...makeTarget('clickhouse', url, 'dev/events', '/project'), session });
  const refusal = (t: ReturnType<typeof target>) => engine.connect(t, {}).then(async (s) => {
    await s.close();
    return undefined;
  }, (e: unknown) => e as BbError);

  it('chdb: a session: setting that is unknown or has a bad value is a config error naming it, not an internal error', async () => {
    const unknown = await refusal(target(`chdb://${join(dir, 'db')}`, { max_thread: 4 }));
    expect(unknown).toBeInstanceOf(BbError);
    expect(unknown!.kind).toBe('config');
    expect(unknown!.code).toBe('config.session');
    expect(unknown!.message).toMatch(/^Session setting max_thread=4 of dev\/events \(chdb:.*\) failed: .*Unknown setting 'max_thread'/);
    expect(unknown!.hint).toMatch(/session: block of dev\/events/);
    const value = await refusal(target(`chdb://${join(dir, 'db')}`, { max_threads: 'abc' }));
    expect(value!.kind).toBe('config');
    expect(value!.message).toMatch(/^Session setting max_threads="abc" of dev\/events .* failed: .*Cannot parse/);
    // The folder is still usable by this process's other session.
    expect(await session.query<{ x: number }>('SELECT 1 AS x')).toEqual([{ x: 1 }]);
  });

  it('HTTP: an unknown setting in the URL or session: is a config error saying where it came from, not a connection failure', async () => {
    const { startClickHouseHttp } = await import('./support/clickhouse-http.js');
    const ch = await startClickHouseHttp();
    try {
      const fromUrl = await refusal(target(`${ch.url()}?max_thread=4`));
      expect(fromUrl!.kind).toBe('config');
      expect(fromUrl!.message).toMatch(/the server refused a setting from its URL: .*Unknown setting 'max_thread'/);
      const fromSession = await refusal(target(ch.url(), { max_thread: 4 }));
      expect(fromSession!.message).toMatch(/the server refused a setting from its session: block/);
    } finally {
      await ch.stop();
    }
  });
});

describe('without chdb installed', () => {
  it('tells the user to install it', async () => {
    vi.resetModules();
    vi.doMock('chdb', () => {
      throw Object.assign(new Error("Cannot find package 'chdb'"), { code: 'ERR_MODULE_NOT_FOUND' });
    });
    try {
      const { connect } = await import('../engines/clickhouse/session.js');
      const error = await connect(makeTarget('clickhouse', 'chdb://.bb/dev/events', 'dev/events', dir), {}).then(() => undefined, (e: unknown) => e as BbError);
      expect(error?.kind).toBe('connect');
      expect(error?.message).toMatch(/needs the optional package chdb/);
      expect(error?.hint).toMatch(/npm install chdb/);
    } finally {
      vi.doUnmock('chdb');
      vi.resetModules();
    }
  });
});

describe('HTTP error bodies', () => {
  it('keep the whole message when it quotes an upper-case token, and the type from the end', () => {
    expect(parseServerError('Code: 62. DB::Exception: Syntax error: failed at position 27 (NOTT) (line 3, col 12): NOTT NULL. Expected one of: NOT, NULL. (SYNTAX_ERROR) (version 25.3.1.1 (official build))\n')).toEqual({
      code: '62',
      type: 'SYNTAX_ERROR',
      message: 'Syntax error: failed at position 27 (NOTT) (line 3, col 12): NOTT NULL. Expected one of: NOT, NULL.',
    });
    expect(parseServerError('Code: 57. DB::Exception: There was an error on [ch-1:9000]: Code: 57. DB::Exception: Table default.t already exists. (TABLE_ALREADY_EXISTS) (version 24.8.1.1). (TABLE_ALREADY_EXISTS) (version 24.8.1.1)')).toMatchObject({
      code: '57',
      type: 'TABLE_ALREADY_EXISTS',
      message: 'There was an error on [ch-1:9000]: Code: 57. DB::Exception: Table default.t already exists.',
    });
    expect(parseServerError('<html>502 Bad Gateway</html>')).toBeUndefined();
  });
});
