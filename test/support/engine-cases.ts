/**
 * The engines (and transports) that the shared conformance suite runs against. Each engine adds its
 * case here: how to get a fresh, empty target, and the few SQL snippets the suite needs in its dialect.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineName, SchemaObjectKind, Target } from '../../src/engine.js';
import { redactUrl } from '../../src/config/redact.js';
import { MysqlDatabases, POSTGRES_URL, PostgresDatabases, mysqlAvailable, postgresAvailable } from './servers.js';
import { startClickHouseHttp, type ClickHouseHttp } from './clickhouse-http.js';
import { startSnowflakeEmulator } from './snowflake-emulator/index.js';

export interface EngineCase {
  /** Shown in test names, e.g. "postgres (pg)". */
  readonly name: string;
  readonly engine: EngineName;
  /** False skips the case (listed by name); with CI=true an unreachable server must throw instead. */
  available(): Promise<boolean>;
  /** A fresh, empty target; `cleanup` removes what it created. */
  fresh(label: string): Promise<{ readonly target: Target; cleanup(): Promise<void> }>;
  /** The kind of object createIndex makes, as introspection reports it (default 'index'). */
  readonly indexKind?: SchemaObjectKind;
  /** Two sessions on one target can be open at once (false for single-process embedded engines). */
  readonly concurrentSessions: boolean;
  readonly sql: {
    createTable(name: string): string;
    insert(name: string, id: number): string;
    /** A statement that fails on the server (not in the splitter). */
    readonly failing: string;
    /** Adds an index named `${table}_idx` on column id. */
    createIndex(table: string): string;
  };
}

export function makeTarget(engine: EngineName, url: string, id: string, baseDir = process.cwd()): Target {
  return {
    ref: { environment: 'test', database: 'app', id, url: redactUrl(url) },
    engine,
    url,
    baseDir,
    history: { table: 'bb_migration_history', snapshotTable: 'bb_migration_history_snapshots' },
    session: {},
  };
}

const standardSql: EngineCase['sql'] = {
  createTable: (name) => `CREATE TABLE ${name} (id integer PRIMARY KEY, label varchar(40))`,
  insert: (name, id) => `INSERT INTO ${name} (id, label) VALUES (${id}, 'row ${id}')`,
  failing: 'SELECT * FROM bb_no_such_table_at_all',
  createIndex: (table) => `CREATE INDEX ${table}_idx ON ${table} (label)`,
};

const pgDatabases = new PostgresDatabases('bbt_contract');

const clickhouseSql: EngineCase['sql'] = {
  createTable: (name) => `CREATE TABLE ${name} (id Int32, label String) ENGINE = MergeTree ORDER BY id`,
  insert: (name, id) => `INSERT INTO ${name} (id, label) VALUES (${id}, 'row ${id}')`,
  failing: 'SELECT * FROM bb_no_such_table_at_all',
  createIndex: (table) => `ALTER TABLE ${table} ADD INDEX ${table}_idx label TYPE bloom_filter GRANULARITY 1`,
};
let chHttp: ClickHouseHttp | undefined;
let chCounter = 0;
let pgCounter = 0;

const myDatabases = new MysqlDatabases('bbt_contract_my');
let myCounter = 0;

// Snowflake has no indexes on standard tables: the conformance suite's "index" is a view there.
const snowflakeSql: EngineCase['sql'] = {
  ...standardSql,
  createIndex: (table) => `CREATE VIEW ${table}_idx AS SELECT id, label FROM ${table}`,
};

export const ENGINE_CASES: EngineCase[] = [
  {
    name: 'postgres (pg)',
    engine: 'postgres',
    available: postgresAvailable,
    concurrentSessions: true,
    async fresh(label) {
      const url = await pgDatabases.create(`${label}_${process.pid}_${pgCounter++}`);
      return { target: makeTarget('postgres', url, `test/${label}`), cleanup: async () => pgDatabases.dropAll() };
    },
    sql: standardSql,
  },
  {
    name: 'postgres (pglite)',
    engine: 'postgres',
    available: async () => true,
    concurrentSessions: false,
    async fresh(label) {
      const dir = mkdtempSync(join(tmpdir(), `bb-pglite-${label}-`));
      return { target: makeTarget('postgres', `pglite://${join(dir, 'db')}`, `test/${label}`), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
    },
    sql: standardSql,
  },
  {
    name: 'clickhouse (chdb)',
    engine: 'clickhouse',
    available: async () => true,
    // Sessions of one process share chdb's engine for a folder; lock rows keep runners apart.
    concurrentSessions: true,
    async fresh(label) {
      const dir = mkdtempSync(join(tmpdir(), `bb-chdb-${label}-`));
      return { target: makeTarget('clickhouse', `chdb://${join(dir, 'db')}`, `test/${label}`), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
    },
    sql: clickhouseSql,
  },
  {
    name: 'clickhouse (http)',
    engine: 'clickhouse',
    available: async () => true,
    concurrentSessions: true,
    async fresh(label) {
      // A ClickHouse HTTP interface served from chdb in a child process (test/support/clickhouse-http.ts).
      chHttp ??= await startClickHouseHttp({ user: 'bb', password: 'test-pass' });
      const db = `bbt_contract_${label}_${chCounter++}`;
      await chHttp.query(`CREATE DATABASE ${db}`);
      const server = chHttp;
      return {
        target: makeTarget('clickhouse', server.url(db), `test/${label}`),
        cleanup: async () => {
          await server.stop();
          if (chHttp === server) chHttp = undefined;
        },
      };
    },
    sql: clickhouseSql,
  },
  {
    name: 'mysql (mariadb)',
    engine: 'mysql',
    available: mysqlAvailable,
    concurrentSessions: true,
    async fresh(label) {
      const url = await myDatabases.create(`${label}_${process.pid}_${myCounter++}`);
      return { target: makeTarget('mysql', url, `test/${label}`), cleanup: async () => myDatabases.dropAll() };
    },
    sql: standardSql,
  },
  {
    // No TiDB server here: the tidb engine (lock row, tidb_version() probe) over the same protocol.
    name: 'tidb (over mariadb)',
    engine: 'tidb',
    available: mysqlAvailable,
    concurrentSessions: true,
    async fresh(label) {
      const url = await myDatabases.create(`tidb_${label}_${process.pid}_${myCounter++}`);
      return { target: makeTarget('tidb', url.replace(/^mysql:/, 'tidb:'), `test/${label}`), cleanup: async () => myDatabases.dropAll() };
    },
    sql: standardSql,
  },
  {
    name: 'snowflake (snowflake-sdk → emulator)',
    engine: 'snowflake',
    available: async () => true,
    concurrentSessions: true,
    indexKind: 'view',
    async fresh(label) {
      // One emulator (its own PGlite) per target: test/support/snowflake-emulator.
      const emulator = await startSnowflakeEmulator();
      const url = `snowflake://bb:bb@local/BBT/PUBLIC?warehouse=BBT_WH&accessUrl=${encodeURIComponent(emulator.accessUrl)}`;
      return { target: makeTarget('snowflake', url, `test/${label}`), cleanup: () => emulator.close() };
    },
    sql: snowflakeSql,
  },
];

export { POSTGRES_URL };
