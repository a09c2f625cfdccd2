/**
 * A failed statement names where the server says the error is, as the file's path:line:column, on
 * each engine that reports a position: PostgreSQL (server and PGlite), MariaDB, ClickHouse (chdb and
 * HTTP) and Snowflake (the emulator, which words its compilation errors as Snowflake does).
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { bb, project } from '../support/bb.js';
import { startClickHouseHttp } from '../support/clickhouse-http.js';
import { startSnowflakeEmulator } from '../support/snowflake-emulator/index.js';
import { MysqlDatabases, mysqlAvailable, PostgresDatabases, postgresAvailable } from '../support/servers.js';

const pgUp = await postgresAvailable();
const myUp = await mysqlAvailable();
const pg = new PostgresDatabases('bbt_errpos');
const my = new MysqlDatabases('bbt_errpos');
afterAll(async () => {
  if (pgUp) await pg.dropAll();
  if (myUp) await my.dropAll();
});

// The failing token sits on line 6 (column 13) of the file, inside a statement that starts on line 3.
const FILE = 'CREATE TABLE a (id int PRIMARY KEY);\n\n  CREATE TABLE b (\n  id int PRIMARY KEY,\n  x int,\n  y int NOT NULLL\n);\n';

async function failedMessage(engine: string, url: string, env: Record<string, string> = {}): Promise<string> {
  const dir = project({
    'bb.config.yaml': `databases:\n  app: { engine: ${engine}, migrations: migrations }\nenvironments:\n  - name: dev\n    targets:\n      app: "${url}"\n`,
    'migrations/0001_init.sql': FILE,
  });
  try {
    const run = await bb(['migrate', '--env', 'dev', '--format', 'json'], { cwd: dir, env });
    expect(run.code, run.stdout + run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as { targets: { migrations: { status: string; error?: { message: string } }[] }[] };
    return report.targets[0]!.migrations.find((m) => m.status === 'failed')!.error!.message;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('a failed statement points at the error in the file', () => {
  it.skipIf(!pgUp)('PostgreSQL: the server\'s error position', async () => {
    const message = await failedMessage('postgres', await pg.create('pg'));
    expect(message).toMatch(/^migrations\/0001_init\.sql: statement 2 of 2 \(line 3\) failed on dev\/app: \[42601\] syntax error at or near "NULLL" \(at migrations\/0001_init\.sql:6:13\)$/);
  });

  it('PGlite: the same position', async () => {
    const message = await failedMessage('postgres', 'pglite://.bb/dev');
    expect(message).toContain('syntax error at or near "NULLL" (at migrations/0001_init.sql:6:13)');
  }, 120_000);

  it.skipIf(!myUp)('MariaDB: the "near" text, found where the server\'s line says', async () => {
    const message = await failedMessage('mysql', await my.create('my'));
    // MariaDB says "at line 5" (the line its lexer reached); the quoted text starts on line 4 of the statement.
    expect(message).toMatch(/near 'NULLL\n\)' at line 5 \(at migrations\/0001_init\.sql:6:13\)$/);
  });

  it('ClickHouse (chdb): the byte position, counted from the statement bb sent (it starts at CREATE, not at the line\'s spaces)', async () => {
    const message = await failedMessage('clickhouse', 'chdb://.bb/dev');
    expect(message).toContain('Syntax error: failed at position 61 (NULLL) (line 4, col 13)');
    expect(message).toMatch(/\(at migrations\/0001_init\.sql:6:13\)$/);
  }, 120_000);

  it('ClickHouse (chdb): a failing down file says where too', async () => {
    const dir = project({
      'bb.config.yaml': 'databases:\n  app: { engine: clickhouse, migrations: migrations }\nenvironments:\n  - name: dev\n    targets:\n      app: "chdb://.bb/dev"\n',
      'migrations/0001_a.sql': 'CREATE TABLE a (id UInt8) ENGINE = Memory;\nCREATE TABLE b (id UInt8) ENGINE = Memory;\n',
      'migrations/0001_a.down.sql': 'DROP TABLE a;\n\n  DROP TABLE\n  b NOTT;\n',
    });
    try {
      expect((await bb(['migrate', '--env', 'dev'], { cwd: dir })).code).toBe(0);
      const run = await bb(['rollback', '--env', 'dev'], { cwd: dir });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/migrations\/0001_a\.down\.sql: statement 2 of 2 \(line 3\) failed on dev\/app: .*Syntax error: failed at position 16 \(NOTT\).* \(at migrations\/0001_a\.down\.sql:4:5\); the 1 statement before it stayed applied/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('ClickHouse over HTTP: the same place, and the whole message (the client cut it at "(NULLL)")', async () => {
    const ch = await startClickHouseHttp();
    try {
      await ch.query('CREATE DATABASE errpos');
      const message = await failedMessage('clickhouse', ch.url('errpos'));
      expect(message).toMatch(/Syntax error: failed at position 61 \(NULLL\) \(line 4, col 13\): NULLL\n\)\. Expected one of: .*end of query\. \(at migrations\/0001_init\.sql:6:13\)$/);
    } finally {
      await ch.stop();
    }
  }, 120_000);

  it('Snowflake (emulator): "line N at position P" of a compilation error, N counted from the statement', async () => {
    const emu = await startSnowflakeEmulator({ users: [{ name: 'deploy', password: 'sf-errpos' }] });
    try {
      const message = await failedMessage('snowflake', 'snowflake://deploy:${SF_PASSWORD}@local/BBT/PUBLIC?warehouse=WH&accessUrl=${SF_ACCESS_URL}', { SF_PASSWORD: 'sf-errpos', SF_ACCESS_URL: emu.accessUrl });
      expect(message).toMatch(/SQL compilation error:\nsyntax error line 4 at position 12 unexpected 'NULLL'\. \(at migrations\/0001_init\.sql:6:13\)$/);
    } finally {
      await emu.close();
    }
  }, 120_000);
});
