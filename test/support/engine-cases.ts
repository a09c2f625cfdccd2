/**
 * The engines (and transports) that the shared conformance suite runs against. Each engine adds its
 * case here: how to get a fresh, empty target, and the few SQL snippets the suite needs in its dialect.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineName, Target } from '../../src/engine.js';
import { redactUrl } from '../../src/config/redact.js';
import { POSTGRES_URL, PostgresDatabases, postgresAvailable } from './servers.js';

export interface EngineCase {
  /** Shown in test names, e.g. "postgres (pg)". */
  readonly name: string;
  readonly engine: EngineName;
  /** False skips the case (listed by name); with CI=true an unreachable server must throw instead. */
  available(): Promise<boolean>;
  /** A fresh, empty target; `cleanup` removes what it created. */
  fresh(label: string): Promise<{ readonly target: Target; cleanup(): Promise<void> }>;
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
let pgCounter = 0;

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
];

export { POSTGRES_URL };
