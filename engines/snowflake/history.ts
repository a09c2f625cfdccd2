import type { FinishOutcome, HistoryIdent, HistoryRow, HistoryStatus, HistoryTable, SchemaSnapshot, StartRow } from '../../src/engine.js';
import { toHistoryRow, type HistoryColumns } from '../../src/run/history-row.js';
import type { Driver } from './driver.js';
import { lockTableDdl } from './lock.js';
import { sqlIdent, storedIdent, storedName } from './url.js';

interface Row {
  VERSION: string; NAME: string; KIND: HistoryRow['kind']; PATH: string; CHECKSUM: string; STATUS: HistoryStatus;
  APPLIED: number; TOTAL: number; STATEMENT_HASHES: string; ERROR: string | null; FAILED_STATEMENT: number | null;
  RETRY: boolean; STARTED_AT: Date | string; FINISHED_AT: Date | string | null; DURATION_MS: number | null;
  APPLIED_BY: string; BB_VERSION: string; ENVIRONMENT: string;
}

/**
 * bb's history, snapshot and lock tables in one Snowflake schema. Every write is one autocommit
 * statement (Snowflake commits DDL implicitly, so migrations are not wrapped in a transaction and the
 * row is updated after each statement). Rows are matched by VERSION with MERGE/UPDATE/DELETE:
 * Snowflake does not enforce the PRIMARY KEY, and nothing here relies on it.
 */
export class SnowflakeHistory implements HistoryTable {
  readonly table: string;
  readonly snapshots: string;
  readonly locks: string;
  /** `CREATE SCHEMA IF NOT EXISTS` for the schema the config names (history.schema); undefined without one. */
  readonly createSchema: string | undefined;
  /** INFORMATION_SCHEMA of the database holding bb's tables. */
  private readonly catalog: string;
  /** The schema holding bb's tables as Snowflake stores it; undefined = the current one. */
  private readonly schemaName: string | undefined;

  /**
   * `at`: the database and schema (as stored) that the session had when it connected. bb's tables
   * are named with that database, and with that schema unless `ident.schema` names one, so a
   * migration's `USE SCHEMA` / `USE DATABASE` never moves them. Either undefined = left unqualified.
   */
  constructor(readonly ident: HistoryIdent, private readonly driver: Driver, at: { readonly database?: string; readonly schema?: string } = {}) {
    const database = at.database !== undefined ? `${storedIdent(at.database)}.` : '';
    const schema = ident.schema !== undefined ? sqlIdent(ident.schema) : at.schema !== undefined ? storedIdent(at.schema) : undefined;
    const prefix = schema !== undefined ? `${database}${schema}.` : '';
    this.table = prefix + sqlIdent(ident.table);
    this.snapshots = prefix + sqlIdent(ident.snapshotTable);
    this.locks = prefix + sqlIdent(lockTableName(ident.table));
    this.createSchema = ident.schema !== undefined ? `CREATE SCHEMA IF NOT EXISTS ${database}${sqlIdent(ident.schema)}` : undefined;
    this.catalog = `${database}INFORMATION_SCHEMA`;
    this.schemaName = ident.schema !== undefined ? storedName(ident.schema) : at.schema;
  }

  async ensure(): Promise<void> {
    if (this.createSchema) await this.driver.query(this.createSchema);
    await this.driver.query(`CREATE TABLE IF NOT EXISTS ${this.table} (
  VERSION VARCHAR NOT NULL,
  NAME VARCHAR NOT NULL,
  KIND VARCHAR NOT NULL,
  PATH VARCHAR NOT NULL,
  CHECKSUM VARCHAR NOT NULL,
  STATUS VARCHAR NOT NULL,
  APPLIED NUMBER NOT NULL,
  TOTAL NUMBER NOT NULL,
  STATEMENT_HASHES VARCHAR NOT NULL,
  ERROR VARCHAR,
  FAILED_STATEMENT NUMBER,
  RETRY BOOLEAN NOT NULL DEFAULT FALSE,
  STARTED_AT TIMESTAMP_LTZ NOT NULL,
  FINISHED_AT TIMESTAMP_LTZ,
  DURATION_MS NUMBER,
  APPLIED_BY VARCHAR NOT NULL,
  BB_VERSION VARCHAR NOT NULL,
  ENVIRONMENT VARCHAR NOT NULL,
  SEQ NUMBER NOT NULL,
  PRIMARY KEY (VERSION)
)`);
    await this.driver.query(`CREATE TABLE IF NOT EXISTS ${this.snapshots} (
  ID NUMBER NOT NULL,
  VERSION VARCHAR NOT NULL,
  TAKEN_AT TIMESTAMP_LTZ NOT NULL,
  SNAPSHOT VARCHAR NOT NULL
)`);
    await this.driver.query(lockTableDdl(this.locks));
  }

  async exists(table = this.ident.table): Promise<boolean> {
    const rows = await this.driver.query<{ N: number }>(
      `SELECT COUNT(*) AS N FROM ${this.catalog}.TABLES WHERE TABLE_SCHEMA = COALESCE(?, CURRENT_SCHEMA()) AND TABLE_NAME = ?`,
      [this.schemaName ?? null, storedName(table)],
    );
    return Number(rows[0]?.N ?? 0) > 0;
  }

  async read(): Promise<readonly HistoryRow[]> {
    if (!(await this.exists())) return [];
    const rows = await this.driver.query<Row>(`SELECT * FROM ${this.table} ORDER BY STARTED_AT, SEQ`);
    // Snowflake folds unquoted column names to upper case.
    return rows.map((r) => toHistoryRow(Object.fromEntries(Object.entries(r).map(([k, v]) => [k.toLowerCase(), v])) as unknown as HistoryColumns, iso));
  }

  async start(row: StartRow): Promise<void> {
    await this.driver.query(
      `MERGE INTO ${this.table} t
       USING (SELECT ?::VARCHAR AS VERSION, ?::VARCHAR AS NAME, ?::VARCHAR AS KIND, ?::VARCHAR AS PATH, ?::VARCHAR AS CHECKSUM,
                     ?::NUMBER AS APPLIED, ?::NUMBER AS TOTAL, ?::VARCHAR AS STATEMENT_HASHES, ?::VARCHAR AS APPLIED_BY,
                     ?::VARCHAR AS BB_VERSION, ?::VARCHAR AS ENVIRONMENT,
                     (SELECT COALESCE(MAX(SEQ), 0) + 1 FROM ${this.table}) AS SEQ) s
       ON t.VERSION = s.VERSION
       WHEN MATCHED THEN UPDATE SET NAME = s.NAME, KIND = s.KIND, PATH = s.PATH, CHECKSUM = s.CHECKSUM, STATUS = 'pending',
         APPLIED = s.APPLIED, TOTAL = s.TOTAL, STATEMENT_HASHES = s.STATEMENT_HASHES, ERROR = NULL, FAILED_STATEMENT = NULL,
         RETRY = FALSE, STARTED_AT = CURRENT_TIMESTAMP(), FINISHED_AT = NULL, DURATION_MS = NULL, APPLIED_BY = s.APPLIED_BY,
         BB_VERSION = s.BB_VERSION, ENVIRONMENT = s.ENVIRONMENT, SEQ = s.SEQ
       WHEN NOT MATCHED THEN INSERT (VERSION, NAME, KIND, PATH, CHECKSUM, STATUS, APPLIED, TOTAL, STATEMENT_HASHES, RETRY, STARTED_AT, APPLIED_BY, BB_VERSION, ENVIRONMENT, SEQ)
         VALUES (s.VERSION, s.NAME, s.KIND, s.PATH, s.CHECKSUM, 'pending', s.APPLIED, s.TOTAL, s.STATEMENT_HASHES, FALSE, CURRENT_TIMESTAMP(), s.APPLIED_BY, s.BB_VERSION, s.ENVIRONMENT, s.SEQ)`,
      [row.file.key, row.file.name, row.kind, row.file.path, row.file.checksum, row.applied, row.total, JSON.stringify(row.statementHashes), row.context.by, row.context.bbVersion, row.context.environment],
    );
  }

  async progress(version: string, applied: number, statementHash: string): Promise<void> {
    // Read, then write: Snowflake's JSON functions would do it in one statement, but the lock is held
    // and only this runner writes the row.
    const rows = await this.driver.query<{ STATEMENT_HASHES: string }>(`SELECT STATEMENT_HASHES FROM ${this.table} WHERE VERSION = ?`, [version]);
    const hashes = rows[0] ? (JSON.parse(rows[0].STATEMENT_HASHES) as string[]) : [];
    hashes.push(statementHash);
    await this.driver.query(`UPDATE ${this.table} SET APPLIED = ?, STATEMENT_HASHES = ? WHERE VERSION = ?`, [applied, JSON.stringify(hashes), version]);
  }

  async finish(version: string, outcome: FinishOutcome): Promise<void> {
    if (outcome.status === 'done') {
      await this.driver.query(`UPDATE ${this.table} SET STATUS = 'done', FINISHED_AT = CURRENT_TIMESTAMP(), DURATION_MS = ?, ERROR = NULL, FAILED_STATEMENT = NULL WHERE VERSION = ?`, [Math.round(outcome.durationMs), version]);
    } else {
      await this.driver.query(
        `UPDATE ${this.table} SET STATUS = 'failed', FINISHED_AT = CURRENT_TIMESTAMP(), DURATION_MS = ?, ERROR = ?, FAILED_STATEMENT = ? WHERE VERSION = ?`,
        [Math.round(outcome.durationMs), outcome.error, outcome.failedStatement, version],
      );
    }
  }

  async remove(version: string): Promise<void> {
    await this.driver.query(`DELETE FROM ${this.table} WHERE VERSION = ?`, [version]);
  }

  async update(version: string, patch: { status?: HistoryStatus; retry?: boolean; checksum?: string; error?: string | null }): Promise<void> {
    const sets: string[] = [];
    const params: unknown[] = [];
    for (const [column, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      if (!['status', 'retry', 'checksum', 'error'].includes(column)) continue;
      sets.push(`${column.toUpperCase()} = ?`);
      params.push(value);
    }
    if (sets.length === 0) return;
    await this.driver.query(`UPDATE ${this.table} SET ${sets.join(', ')} WHERE VERSION = ?`, [...params, version]);
  }

  async saveSnapshot(version: string, snapshot: SchemaSnapshot): Promise<void> {
    await this.driver.query(
      `INSERT INTO ${this.snapshots} (ID, VERSION, TAKEN_AT, SNAPSHOT) SELECT COALESCE(MAX(ID), 0) + 1, ?, CURRENT_TIMESTAMP(), ? FROM ${this.snapshots}`,
      [version, JSON.stringify(snapshot)],
    );
  }

  async latestSnapshot(): Promise<{ version: string; takenAt: string; snapshot: SchemaSnapshot } | undefined> {
    if (!(await this.exists(this.ident.snapshotTable))) return undefined;
    const rows = await this.driver.query<{ VERSION: string; TAKEN_AT: Date | string; SNAPSHOT: string }>(`SELECT VERSION, TAKEN_AT, SNAPSHOT FROM ${this.snapshots} ORDER BY ID DESC LIMIT 1`);
    const row = rows[0];
    return row ? { version: row.VERSION, takenAt: iso(row.TAKEN_AT)!, snapshot: JSON.parse(row.SNAPSHOT) as SchemaSnapshot } : undefined;
  }
}

/** The lock table sits beside the history table: `<history>_LOCK`. */
export function lockTableName(historyTable: string): string {
  return /^".*"$/.test(historyTable) ? `${historyTable.slice(0, -1)}_LOCK"` : `${historyTable}_LOCK`;
}

function iso(value: Date | string | null): string | undefined {
  if (value === null || value === undefined) return undefined;
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

