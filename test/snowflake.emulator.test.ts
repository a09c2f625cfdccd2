/**
 * The Snowflake emulator through the real snowflake-sdk: what the engine's tests rely on it for.
 * Each assertion is about protocol behaviour the SDK sees (codes, SQL states, polling, multi-statement).
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSnowflakeEmulator, type SnowflakeEmulator } from './support/snowflake-emulator/index.js';

type Conn = import('snowflake-sdk').Connection;
type Sdk = typeof import('snowflake-sdk');

let sdk: Sdk;
let emu: SnowflakeEmulator;
const keys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });

async function connect(options: Record<string, unknown> = {}): Promise<Conn> {
  const conn = sdk.createConnection({ account: 'local', username: 'bb', password: 'bb', accessUrl: emu.accessUrl, database: 'BBT', schema: 'PUBLIC', ...options } as never);
  await new Promise<void>((resolve, reject) => conn.connect((e) => (e ? reject(e) : resolve())));
  return conn;
}

function run<R = Record<string, unknown>>(conn: Conn, sqlText: string, binds: unknown[] = [], parameters?: Record<string, unknown>): Promise<R[]> {
  return new Promise((resolve, reject) =>
    conn.execute({ sqlText, ...(binds.length ? { binds: binds as never } : {}), ...(parameters ? { parameters } : {}), complete: (e: unknown, _s: unknown, rows: unknown[] | undefined) => (e ? reject(e) : resolve((rows ?? []) as R[])) } as never),
  );
}

const destroy = (conn: Conn): Promise<void> => new Promise((resolve) => conn.destroy(() => resolve()));

beforeAll(async () => {
  sdk = (await import('snowflake-sdk')).default as unknown as Sdk;
  sdk.configure({ logLevel: 'ERROR', logFilePath: `${(await import('node:os')).tmpdir()}/bb-snowflake/emulator-test.log`, additionalLogToConsole: false } as never);
  emu = await startSnowflakeEmulator({ users: [{ name: 'bb', password: 'bb' }, { name: 'robot', publicKey: keys.publicKey }], inProgressAfterMs: 150, lockWaitMs: 1500 });
});
afterAll(async () => emu?.close());

describe('Snowflake emulator (through snowflake-sdk)', () => {
  it('logs in with a password, refuses a wrong one with 390100, and deletes the session on destroy', async () => {
    const conn = await connect();
    expect(emu.openSessions()).toBe(1);
    await destroy(conn);
    expect(emu.openSessions()).toBe(0);
    await expect(connect({ password: 'nope' })).rejects.toMatchObject({ code: '390100' });
  });

  it('logs in with a key pair (SNOWFLAKE_JWT) and refuses a different key', async () => {
    const conn = await connect({ username: 'robot', password: undefined, authenticator: 'SNOWFLAKE_JWT', privateKey: keys.privateKey });
    expect(await run(conn, 'SELECT CURRENT_USER() AS U')).toEqual([{ U: 'ROBOT' }]);
    await destroy(conn);
    const other = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    await expect(connect({ username: 'robot', password: undefined, authenticator: 'SNOWFLAKE_JWT', privateKey: other.privateKey })).rejects.toMatchObject({ code: '390144' });
  });

  it('folds unquoted names to upper case, keeps quoted ones, and returns typed rowsets', async () => {
    const conn = await connect();
    await run(conn, 'CREATE TABLE emu_types (id NUMBER(38,0) NOT NULL, "mixedCase" STRING, amount NUMBER(10,2), ok BOOLEAN, born DATE, at TIMESTAMP_NTZ, doc VARIANT)');
    await run(conn, "INSERT INTO emu_types VALUES (1, 'a', 12.50, TRUE, '2024-02-29', '2024-02-29 12:34:56.789', PARSE_JSON('{\"k\": [1, 2]}'))");
    const [row] = await run<Record<string, unknown>>(conn, 'SELECT id, "mixedCase", amount, ok, born, at, doc FROM EMU_TYPES');
    expect(Object.keys(row!)).toEqual(['ID', 'mixedCase', 'AMOUNT', 'OK', 'BORN', 'AT', 'DOC']);
    expect(row).toMatchObject({ ID: 1, mixedCase: 'a', AMOUNT: 12.5, OK: true, DOC: { k: [1, 2] } });
    expect((row!.AT as Date).toISOString()).toBe('2024-02-29T12:34:56.789Z');
    expect((row!.BORN as Date).toISOString().slice(0, 10)).toBe('2024-02-29');
    await expect(run(conn, 'SELECT "MIXEDCASE" FROM emu_types')).rejects.toMatchObject({ code: '000904', sqlState: '42000' });
    await destroy(conn);
  });

  it('binds ? parameters and reports updated row counts', async () => {
    const conn = await connect();
    await run(conn, 'CREATE TABLE emu_binds (id NUMBER, label STRING)');
    await run(conn, 'INSERT INTO emu_binds (id, label) VALUES (?, ?), (?, ?)', [1, 'one', 2, null]);
    expect(await run(conn, 'SELECT id, label FROM emu_binds WHERE id >= ? ORDER BY id', [1])).toEqual([{ ID: 1, LABEL: 'one' }, { ID: 2, LABEL: null }]);
    const updated = await new Promise<number>((resolve, reject) =>
      conn.execute({ sqlText: 'UPDATE emu_binds SET label = ? WHERE id = ?', binds: ['two', 2], complete: (e, s) => (e ? reject(e) : resolve(s.getNumUpdatedRows() ?? -1)) }),
    );
    expect(updated).toBe(1);
    await destroy(conn);
  });

  it('answers a long query with 333333 and the SDK polls getResultUrl until it finishes', async () => {
    const conn = await connect();
    const before = emu.requests.filter((p) => /^\/queries\/[^/]+\/result$/.test(p)).length;
    const started = Date.now();
    expect(await run(conn, 'CALL SYSTEM$WAIT(600, \'MILLISECONDS\')')).toEqual([{ SYSTEM$WAIT: 'waited 600 milliseconds' }]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
    expect(emu.requests.filter((p) => /^\/queries\/[^/]+\/result$/.test(p)).length).toBeGreaterThan(before);
    await destroy(conn);
  });

  it('runs multi-statement requests only when MULTI_STATEMENT_COUNT allows them', async () => {
    const conn = await connect();
    await expect(run(conn, 'SELECT 1; SELECT 2')).rejects.toMatchObject({ code: '000008' });
    const results: unknown[][] = [];
    await new Promise<void>((resolve, reject) => {
      conn.execute({
        sqlText: 'CREATE TABLE emu_multi (id NUMBER); INSERT INTO emu_multi VALUES (7); SELECT id FROM emu_multi',
        parameters: { MULTI_STATEMENT_COUNT: 3 },
        complete: function complete(e: unknown, stmt: { hasNext(): boolean; NextResult(): void }, rows: unknown[] | undefined) {
          if (e) return reject(e);
          results.push(rows ?? []);
          if (stmt.hasNext()) stmt.NextResult();
          else resolve();
        },
      } as never);
    });
    expect(results).toHaveLength(3);
    expect(results[2]).toEqual([{ ID: 7 }]);
    await destroy(conn);
  });

  it('maps errors to Snowflake codes and SQL states', async () => {
    const conn = await connect();
    await expect(run(conn, 'SELECT * FROM emu_missing')).rejects.toMatchObject({ code: '002003', sqlState: '42S02', message: expect.stringContaining("'EMU_MISSING' does not exist") });
    await expect(run(conn, 'SELEC 1')).rejects.toMatchObject({ code: '001003', sqlState: '42000' });
    await run(conn, 'CREATE TABLE emu_dup (id NUMBER)');
    await expect(run(conn, 'CREATE TABLE emu_dup (id NUMBER)')).rejects.toMatchObject({ code: '002002', sqlState: '42710' });
    await expect(run(conn, 'SHOW TABLES')).rejects.toMatchObject({ code: '002040', message: expect.stringContaining('not supported by bb') });
    await destroy(conn);
  });

  it('commits an open transaction at DDL (Snowflake semantics), and rolls back DML otherwise', async () => {
    const conn = await connect();
    await run(conn, 'CREATE TABLE emu_tx (id NUMBER)');
    await run(conn, 'BEGIN TRANSACTION');
    await run(conn, 'INSERT INTO emu_tx VALUES (1)');
    await run(conn, 'ROLLBACK');
    expect(await run(conn, 'SELECT COUNT(*) AS N FROM emu_tx')).toEqual([{ N: 0 }]);
    await run(conn, 'BEGIN');
    await run(conn, 'INSERT INTO emu_tx VALUES (2)');
    await run(conn, 'CREATE TABLE emu_tx2 (id NUMBER)'); // commits the insert
    await run(conn, 'ROLLBACK'); // nothing open any more
    expect(await run(conn, 'SELECT COUNT(*) AS N FROM emu_tx')).toEqual([{ N: 1 }]);
    await destroy(conn);
  });

  it('keeps other sessions waiting while a transaction is open, and times them out', async () => {
    const a = await connect();
    const b = await connect();
    await run(a, 'CREATE TABLE emu_lock (id NUMBER)');
    await run(a, 'BEGIN');
    await run(a, 'INSERT INTO emu_lock VALUES (1)');
    const waiting = run(b, 'SELECT COUNT(*) AS N FROM emu_lock');
    await new Promise((r) => setTimeout(r, 300));
    await run(a, 'COMMIT');
    expect(await waiting).toEqual([{ N: 1 }]);
    await run(a, 'BEGIN');
    await expect(run(b, 'SELECT 1 AS X')).rejects.toMatchObject({ code: '000625' });
    await run(a, 'ROLLBACK');
    await destroy(a);
    await destroy(b);
  });

  it('does not enforce PRIMARY KEY or UNIQUE (as Snowflake), but enforces NOT NULL', async () => {
    const conn = await connect();
    await run(conn, 'CREATE TABLE emu_pk (id NUMBER PRIMARY KEY, code STRING UNIQUE)');
    await run(conn, "INSERT INTO emu_pk VALUES (1, 'x'), (1, 'x')");
    expect(await run(conn, 'SELECT COUNT(*) AS N FROM emu_pk')).toEqual([{ N: 2 }]);
    await expect(run(conn, "INSERT INTO emu_pk (code) VALUES ('y')")).rejects.toMatchObject({ code: '100072' });
    const [ddl] = await run<{ DDL: string }>(conn, "SELECT GET_DDL('TABLE', 'EMU_PK') AS DDL");
    expect(ddl!.DDL).toBe('create or replace TABLE EMU_PK (\n\tID NUMBER(38,0) NOT NULL,\n\tCODE VARCHAR(16777216),\n\tprimary key (ID),\n\tunique (CODE)\n);');
    await destroy(conn);
  });

  it('serves INFORMATION_SCHEMA and GET_DDL for views with the original text', async () => {
    const conn = await connect();
    await run(conn, 'CREATE OR REPLACE VIEW emu_v COPY GRANTS AS SELECT id FROM emu_pk');
    const [ddl] = await run<{ DDL: string }>(conn, "SELECT GET_DDL('VIEW', 'PUBLIC.EMU_V') AS DDL");
    expect(ddl!.DDL).toBe('CREATE OR REPLACE VIEW emu_v COPY GRANTS AS SELECT id FROM emu_pk;');
    const cols = await run(conn, "SELECT COLUMN_NAME, DATA_TYPE, IS_NULLABLE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'EMU_PK' ORDER BY ORDINAL_POSITION");
    expect(cols).toEqual([{ COLUMN_NAME: 'ID', DATA_TYPE: 'NUMBER', IS_NULLABLE: 'NO' }, { COLUMN_NAME: 'CODE', DATA_TYPE: 'TEXT', IS_NULLABLE: 'YES' }]);
    const views = await run(conn, "SELECT TABLE_NAME, TABLE_TYPE FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME LIKE 'EMU_V%'");
    expect(views).toEqual([{ TABLE_NAME: 'EMU_V', TABLE_TYPE: 'VIEW' }]);
    await destroy(conn);
  });

  it('runs Snowflake Scripting blocks of plain statements and EXECUTE IMMEDIATE', async () => {
    const conn = await connect();
    await run(conn, 'BEGIN\n  CREATE TABLE emu_block (id NUMBER);\n  INSERT INTO emu_block VALUES (1);\nEND');
    await run(conn, "EXECUTE IMMEDIATE $$\nBEGIN\n  INSERT INTO emu_block VALUES (2);\nEND;\n$$");
    expect(await run(conn, 'SELECT COUNT(*) AS N FROM emu_block')).toEqual([{ N: 2 }]);
    await expect(run(conn, 'BEGIN\n  LET x := 1;\nEND')).rejects.toMatchObject({ code: '002040' });
    await destroy(conn);
  });
});

describe('Snowflake emulator DDL forms', () => {
  it('creates AUTOINCREMENT/IDENTITY columns and adds or drops several columns in one ALTER', async () => {
    const conn = await connect();
    await run(conn, 'CREATE TABLE emu_auto (id NUMBER AUTOINCREMENT START 10 INCREMENT 5, code NUMBER IDENTITY(100, 2) NOT NULL, note STRING)');
    await run(conn, "INSERT INTO emu_auto (note) VALUES ('a'), ('b')");
    expect(await run(conn, 'SELECT id, code, note FROM emu_auto ORDER BY id')).toEqual([{ ID: 10, CODE: 100, NOTE: 'a' }, { ID: 15, CODE: 102, NOTE: 'b' }]);
    await run(conn, "ALTER TABLE emu_auto ADD COLUMN a STRING COMMENT 'x', b NUMBER(5,1) DEFAULT 1.5");
    await run(conn, 'ALTER TABLE emu_auto DROP COLUMN note, a');
    expect((await run<{ COLUMN_NAME: string }>(conn, "SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'EMU_AUTO' ORDER BY ORDINAL_POSITION")).map((r) => r.COLUMN_NAME)).toEqual(['ID', 'CODE', 'B']);
    await destroy(conn);
  });
});
