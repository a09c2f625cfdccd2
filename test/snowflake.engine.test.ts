/**
 * The Snowflake engine through the real snowflake-sdk against the emulator: URL forms, connection
 * errors, key-pair login, session settings, the lock row protocol (races, heartbeat, expiry),
 * introspection and dump. The shared conformance suite (test/engines.contract.test.ts) covers history,
 * apply, failure and resume.
 */
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEngine, type Engine, type Session, type Target } from '../src/engine.js';
import { BbError } from '../src/errors.js';
import { parseSnowflakeUrl } from '../engines/snowflake/url.js';
import { makeTarget } from './support/engine-cases.js';
import { startSnowflakeEmulator, type SnowflakeEmulator } from './support/snowflake-emulator/index.js';

const where = { ref: { environment: 'prod', database: 'warehouse', id: 'prod/warehouse', url: 'snowflake://bb:***@acme/ANALYTICS' }, locateUrl: () => 'bb.config.yaml:9: environments[1].targets.warehouse', baseDir: '/project' };

describe('snowflake:// URLs', () => {
  it('reads user, password, account, database, schema, warehouse and role', () => {
    expect(parseSnowflakeUrl('snowflake://deploy:s%40cret@myorg-acct.snowflakecomputing.com/ANALYTICS/STAGING?warehouse=WH&role=DEPLOYER', where)).toMatchObject({
      account: 'myorg-acct', username: 'deploy', password: 's@cret', database: 'ANALYTICS', schema: 'STAGING', warehouse: 'WH', role: 'DEPLOYER', lockTtlSeconds: 120, application: 'bb',
    });
  });

  it('takes a key pair from privateKeyPath (relative to the config) and the passphrase from the environment', () => {
    const url = parseSnowflakeUrl('snowflake://robot@acct/DB?privateKeyPath=keys/bb.p8&privateKeyPassphraseVar=BB_KEY_PASS', where, { BB_KEY_PASS: 'pp' });
    expect(url).toMatchObject({ authenticator: 'SNOWFLAKE_JWT', privateKeyPath: '/project/keys/bb.p8', privateKeyPassphrase: 'pp' });
    expect(url.password).toBeUndefined();
    expect(parseSnowflakeUrl('snowflake://robot@acct/DB?authenticator=snowflake_jwt', where, { SNOWFLAKE_PRIVATE_KEY_PATH: '/k.p8', SNOWFLAKE_PRIVATE_KEY_PASSPHRASE: 'x' })).toMatchObject({ privateKeyPath: '/k.p8', privateKeyPassphrase: 'x' });
  });

  it('accepts accessUrl (tests, private link) and lockTtl', () => {
    expect(parseSnowflakeUrl('snowflake://bb:bb@local/BBT?accessUrl=http%3A%2F%2F127.0.0.1%3A8085&lockTtl=5', where)).toMatchObject({ accessUrl: 'http://127.0.0.1:8085', lockTtlSeconds: 5 });
  });

  it('rejects unknown parameters, missing credentials and a missing passphrase variable with config errors that name the target', () => {
    const fail = (raw: string, env: NodeJS.ProcessEnv = {}): BbError => {
      try {
        parseSnowflakeUrl(raw, where, env);
      } catch (e) {
        return e as BbError;
      }
      throw new Error('expected an error');
    };
    const unknown = fail('snowflake://bb:topsecret@acct/DB?warehous=WH');
    expect(unknown).toBeInstanceOf(BbError);
    expect(unknown.kind).toBe('config');
    expect(unknown.message).toBe('bb.config.yaml:9: environments[1].targets.warehouse: snowflake://bb:***@acme/ANALYTICS (prod/warehouse) has an unknown parameter "warehous".');
    expect(unknown.code).toBe('config.bad-url');
    expect(unknown.message).not.toContain('topsecret');
    expect(fail('snowflake://bb@acct/DB').message).toContain('no password and no key pair');
    expect(fail('snowflake://bb@acct/DB?privateKeyPath=k.p8&privateKeyPassphraseVar=NOPE').message).toContain('NOPE');
    expect(fail('snowflake://bb:x@acct/DB/S/extra').message).toContain('DATABASE/SCHEMA');
  });
});

describe('snowflake engine (snowflake-sdk → emulator)', () => {
  let emu: SnowflakeEmulator;
  let engine: Engine;
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  const dir = mkdtempSync(join(tmpdir(), 'bb-sf-engine-'));
  const url = (extra = '', user = 'bb:bb'): string => `snowflake://${user}@local/BBT/PUBLIC?accessUrl=${encodeURIComponent(emu.accessUrl)}${extra}`;
  const target = (u: string, session: Target['session'] = {}): Target => ({ ...makeTarget('snowflake', u, 'test/sf', dir), session });

  beforeAll(async () => {
    emu = await startSnowflakeEmulator({ users: [{ name: 'bb', password: 'bb' }, { name: 'robot', publicKey: keys.publicKey }] });
    engine = await loadEngine('snowflake');
  });
  afterAll(async () => {
    await emu?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports a wrong password as a connect error without the password, and writes no log in the working directory', async () => {
    const error = await engine.connect(target(url('', 'bb:wrong-secret'))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BbError);
    expect((error as BbError).kind).toBe('connect');
    expect((error as BbError).message).toContain('test/sf');
    expect((error as BbError).message).toContain('Incorrect username or password');
    expect((error as BbError).message).not.toContain('wrong-secret');
    expect((error as BbError).hint).toContain('user and password');
    expect(existsSync(join(process.cwd(), 'snowflake.log'))).toBe(false);
    expect(existsSync(join(tmpdir(), 'bb-snowflake'))).toBe(true);
  });

  it('logs in with a key pair from privateKeyPath', async () => {
    const keyFile = join(dir, 'bb.p8');
    writeFileSync(keyFile, keys.privateKey);
    const session = await engine.connect(target(url('&privateKeyPath=bb.p8', 'robot')));
    try {
      expect(await session.query('SELECT CURRENT_USER() AS U')).toEqual([{ U: 'ROBOT' }]);
      expect(session.serverVersion).toMatch(/^Snowflake /);
    } finally {
      await session.close();
    }
  });

  it('logs in with an encrypted key whose passphrase comes from the environment variable the URL names', async () => {
    const encrypted = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'key-pass-123' } });
    await emu.close();
    emu = await startSnowflakeEmulator({ users: [{ name: 'bb', password: 'bb' }, { name: 'robot', publicKey: keys.publicKey }, { name: 'vault', publicKey: encrypted.publicKey }] });
    writeFileSync(join(dir, 'vault.p8'), encrypted.privateKey);
    process.env.BB_TEST_SF_KEY_PASS = 'key-pass-123';
    try {
      const session = await engine.connect(target(url('&privateKeyPath=vault.p8&privateKeyPassphraseVar=BB_TEST_SF_KEY_PASS', 'vault')));
      expect(await session.query('SELECT CURRENT_USER() AS U')).toEqual([{ U: 'VAULT' }]);
      await session.close();
      process.env.BB_TEST_SF_KEY_PASS = 'wrong';
      const error = await engine.connect(target(url('&privateKeyPath=vault.p8&privateKeyPassphraseVar=BB_TEST_SF_KEY_PASS', 'vault'))).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BbError);
      expect((error as BbError).kind).toBe('connect');
      expect((error as BbError).message).not.toContain('wrong');
    } finally {
      delete process.env.BB_TEST_SF_KEY_PASS;
    }
  });

  it('applies session settings with ALTER SESSION', async () => {
    const session = await engine.connect(target(url(), { QUERY_TAG: 'bb migrate', STATEMENT_TIMEOUT_IN_SECONDS: 60 }));
    await session.close();
    expect(emu.queries).toContain("ALTER SESSION SET QUERY_TAG = 'bb migrate'");
    expect(emu.queries).toContain('ALTER SESSION SET STATEMENT_TIMEOUT_IN_SECONDS = 60');
  });

  it('never grants one lock key to two runners racing for it', async () => {
    const sessions = await Promise.all([1, 2, 3].map(() => engine.connect(target(url()))));
    try {
      for (let round = 0; round < 5; round++) {
        const key = `race.${round}`;
        const locks = await Promise.all(sessions.map((s) => s.tryLock(key)));
        const held = locks.filter((l) => l !== undefined);
        expect(held.length).toBeLessThanOrEqual(1);
        for (const l of held) await l!.release();
      }
      // Uncontended, the first caller always gets it, and the others see who holds it.
      const lock = await sessions[0]!.tryLock('race.final');
      expect(lock).toBeDefined();
      expect(await sessions[1]!.tryLock('race.final')).toBeUndefined();
      expect(await sessions[1]!.lockHolder('race.final')).toContain(lock!.owner);
      await lock!.release();
      expect(await sessions[1]!.lockHolder('race.final')).toBeUndefined();
      // bb unlock: clears a lock another runner holds (or left behind).
      const stuck = await sessions[0]!.tryLock('race.unlock');
      expect(stuck).toBeDefined();
      expect(await sessions[1]!.forceUnlock!('race.unlock')).toBe(true);
      expect(await sessions[1]!.forceUnlock!('race.unlock')).toBe(false);
      const next = await sessions[1]!.tryLock('race.unlock');
      expect(next).toBeDefined();
      await next!.release();
      await stuck!.release(); // deletes only its own row: nothing left
    } finally {
      await Promise.all(sessions.map((s) => s.close()));
    }
  });

  it('keeps a held lock alive with heartbeats past its TTL, and frees a dead runner\'s lock after it', async () => {
    const a = await engine.connect(target(url('&lockTtl=1')));
    const b = await engine.connect(target(url('&lockTtl=1')));
    try {
      const lock = await a.tryLock('ttl');
      expect(lock).toBeDefined();
      await new Promise((r) => setTimeout(r, 2200));
      expect(await b.tryLock('ttl')).toBeUndefined(); // heartbeats kept it
      await lock!.release();
      // A runner killed while holding the lock: its row stays, with an expiry in the past.
      await b.query(`INSERT INTO BB_MIGRATION_HISTORY_LOCK (LOCK_KEY, OWNER, ACQUIRED_AT, HEARTBEAT_AT, EXPIRES_AT)
                     SELECT 'ttl', 'bb dead@host pid 1', CURRENT_TIMESTAMP(), CURRENT_TIMESTAMP(), DATEADD(second, -1, CURRENT_TIMESTAMP())`);
      const taken = await b.tryLock('ttl');
      expect(taken).toBeDefined();
      expect(await b.query("SELECT OWNER FROM BB_MIGRATION_HISTORY_LOCK WHERE LOCK_KEY = 'ttl'")).toEqual([{ OWNER: taken!.owner }]);
      await taken!.release();
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('introspects tables, columns and views through INFORMATION_SCHEMA and GET_DDL, and dumps plain CREATE statements', async () => {
    const session = await engine.connect(target(url()));
    try {
      await session.history.ensure();
      await session.execute('CREATE SCHEMA IF NOT EXISTS MARTS');
      await session.execute("CREATE TRANSIENT TABLE MARTS.DAILY (DAY DATE NOT NULL, TOTAL NUMBER(12,2) DEFAULT 0, CONSTRAINT PK_DAILY PRIMARY KEY (DAY)) COMMENT = 'per day'");
      await session.execute('CREATE VIEW MARTS.RECENT AS SELECT DAY, TOTAL FROM MARTS.DAILY');
      const snap = await session.introspect({ schemas: ['marts'] });
      expect(snap.objects.map((o) => `${o.kind} ${o.name}`)).toEqual(['schema MARTS', 'table MARTS.DAILY', 'column MARTS.DAILY.DAY', 'column MARTS.DAILY.TOTAL', 'view MARTS.RECENT']);
      expect(snap.objects.find((o) => o.name === 'MARTS.DAILY.TOTAL')!.definition).toBe('NUMBER(12,2) DEFAULT 0');
      expect(snap.objects.find((o) => o.kind === 'table')!.definition).toContain('create or replace TRANSIENT TABLE DAILY (');
      const dump = session.dump(await session.introspect());
      expect(dump).toContain('CREATE SCHEMA IF NOT EXISTS MARTS;');
      expect(dump).toContain("USE SCHEMA MARTS;\n\nCREATE TRANSIENT TABLE DAILY (\n\tDAY DATE NOT NULL,\n\tTOTAL NUMBER(12,2) DEFAULT 0,\n\tprimary key (DAY)\n) COMMENT='per day';");
      expect(dump).toContain('CREATE VIEW MARTS.RECENT AS SELECT DAY, TOTAL FROM MARTS.DAILY;');
      expect(dump).not.toMatch(/create or replace/i);
      expect(dump).not.toMatch(/BB_MIGRATION_HISTORY/);
    } finally {
      await session.close();
    }
  });

  it('keeps bb\'s tables in history.schema when the config sets one, out of the snapshot', async () => {
    const t = target(url());
    const session = await engine.connect({ ...t, history: { ...t.history, schema: 'bb_meta' } });
    try {
      expect(await session.history.read()).toEqual([]);
      await session.history.ensure();
      const context = { environment: 'test', by: 'me@host', bbVersion: '0.0.0' };
      await session.history.start({ file: { key: '1', name: 'x', path: 'm/1_x.sql', checksum: 'sha256:00' }, kind: 'versioned', total: 1, applied: 0, statementHashes: [], context });
      await session.history.finish('1', { status: 'done', durationMs: 5 });
      expect((await session.history.read()).map((r) => [r.version, r.status, r.durationMs])).toEqual([['1', 'done', 5]]);
      const lock = await session.tryLock('meta');
      expect(lock).toBeDefined();
      await lock!.release();
      const tables = await session.query<{ TABLE_NAME: string }>("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'BB_META' ORDER BY TABLE_NAME");
      expect(tables.map((r) => r.TABLE_NAME)).toEqual(['BB_MIGRATION_HISTORY', 'BB_MIGRATION_HISTORY_LOCK', 'BB_MIGRATION_HISTORY_SNAPSHOTS']);
      const snap = await session.introspect();
      expect(snap.objects.filter((o) => o.name.startsWith('BB_META.'))).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it('lists databases and schemas for discover: groups, each member scoped to its schema', async () => {
    const admin = await engine.connect(target(url()));
    try {
      await admin.execute('CREATE SCHEMA IF NOT EXISTS TENANT_A');
      await admin.execute('CREATE SCHEMA IF NOT EXISTS "tenant_b"');
      await admin.execute('CREATE TABLE TENANT_A.ORDERS (ID NUMBER)');
      await admin.execute('CREATE TABLE "tenant_b".ORDERS (ID NUMBER)');
      expect((await admin.listDatabases!({ schemas: false })).map((m) => m.name)).toEqual(['BBT']);
      const members = (await admin.listDatabases!({ schemas: true })).filter((m) => m.name.toUpperCase().startsWith('TENANT'));
      expect(members.map((m) => [m.name, m.schema])).toEqual([['TENANT_A', 'TENANT_A'], ['tenant_b', '"tenant_b"']]);
      for (const m of members) {
        const t = target(m.url);
        const member = await engine.connect({ ...t, history: { ...t.history, schema: m.schema! }, schemas: [m.schema!] });
        try {
          expect(await member.query('SELECT CURRENT_SCHEMA() AS S')).toEqual([{ S: m.name }]);
          await member.history.ensure();
          const snap = await member.introspect();
          expect(snap.objects.filter((o) => o.kind === 'table').map((o) => o.name)).toEqual([`${m.name}.ORDERS`]);
        } finally {
          await member.close();
        }
      }
    } finally {
      await admin.close();
    }
  });

  it('cancels a running statement when the signal aborts', async () => {
    const session = await engine.connect(target(url()));
    try {
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 200);
      await expect(session.execute("CALL SYSTEM$WAIT(3, 'SECONDS')", { signal: controller.signal })).rejects.toBeDefined();
      expect(Date.now() - started).toBeLessThan(2500);
    } finally {
      await session.close();
    }
  });
});
