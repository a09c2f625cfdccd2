import type { FinishOutcome, HistoryIdent, HistoryRow, HistoryStatus, HistoryTable, SchemaSnapshot, StartRow } from '../../src/engine.js';
import { notHistoryTable, toHistoryRow } from '../../src/run/history-row.js';
import type { Driver } from './driver.js';

export const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;
/** A string literal that reads the same whatever standard_conforming_strings says (as pg's escapeLiteral). */
export const literal = (value: string): string => (value.includes('\\') ? `E'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'` : `'${value.replace(/'/g, "''")}'`);

interface Row {
  version: string; name: string; kind: HistoryRow['kind']; path: string; checksum: string; status: HistoryStatus;
  applied: number; total: number; statement_hashes: string; error: string | null; failed_statement: number | null;
  retry: boolean; started_at: Date | string; finished_at: Date | string | null; duration_ms: number | null;
  applied_by: string; bb_version: string; environment: string;
}

/**
 * bb's history and snapshot tables in one PostgreSQL database (or PGlite), in `ident.schema`, else in
 * `schema`: the schema the session resolved when it connected (current_schema()). Every statement
 * names the table with its schema, so a migration's `SET search_path` never moves bb's own tables.
 */
export class PostgresHistory implements HistoryTable {
  private readonly table: string;
  private readonly snapshots: string;

  /** `schema`: where an `ident` without a schema lives; undefined (no schema resolved) = unqualified. */
  constructor(readonly ident: HistoryIdent, private readonly driver: Driver, schema: string | undefined = ident.schema) {
    const prefix = schema !== undefined ? `${quote(schema)}.` : '';
    this.table = prefix + quote(ident.table);
    this.snapshots = prefix + quote(ident.snapshotTable);
  }

  async ensure(): Promise<void> {
    if (this.ident.schema) await this.driver.exec(`CREATE SCHEMA IF NOT EXISTS ${quote(this.ident.schema)}`);
    await this.driver.exec(`
      CREATE TABLE IF NOT EXISTS ${this.table} (
        version text PRIMARY KEY,
        name text NOT NULL,
        kind text NOT NULL,
        path text NOT NULL,
        checksum text NOT NULL,
        status text NOT NULL,
        applied integer NOT NULL,
        total integer NOT NULL,
        statement_hashes text NOT NULL,
        error text,
        failed_statement integer,
        retry boolean NOT NULL DEFAULT false,
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        duration_ms integer,
        applied_by text NOT NULL,
        bb_version text NOT NULL,
        environment text NOT NULL,
        seq bigserial NOT NULL
      );
      CREATE TABLE IF NOT EXISTS ${this.snapshots} (
        id bigserial PRIMARY KEY,
        version text NOT NULL,
        taken_at timestamptz NOT NULL DEFAULT now(),
        snapshot text NOT NULL
      );`);
  }

  private async exists(): Promise<boolean> {
    const rows = await this.driver.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [this.table]);
    return rows[0]?.t != null;
  }

  async read(): Promise<readonly HistoryRow[]> {
    if (!(await this.exists())) return [];
    const rows = await this.driver.query<Row>(`SELECT * FROM ${this.table} ORDER BY started_at, seq`).catch((error: unknown) => {
      throw (error as { code?: string }).code === '42703' ? notHistoryTable(this.table, error) : error; // undefined_column
    });
    return rows.map((r) => toHistoryRow(r, iso));
  }

  async start(row: StartRow): Promise<void> {
    await this.driver.query(
      `INSERT INTO ${this.table} (version, name, kind, path, checksum, status, applied, total, statement_hashes, error, failed_statement, retry, started_at, finished_at, duration_ms, applied_by, bb_version, environment)
       VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7, $8, NULL, NULL, false, now(), NULL, NULL, $9, $10, $11)
       ON CONFLICT (version) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, path = EXCLUDED.path, checksum = EXCLUDED.checksum,
         status = 'pending', applied = EXCLUDED.applied, total = EXCLUDED.total, statement_hashes = EXCLUDED.statement_hashes,
         error = NULL, failed_statement = NULL, retry = false, started_at = now(), finished_at = NULL, duration_ms = NULL,
         applied_by = EXCLUDED.applied_by, bb_version = EXCLUDED.bb_version, environment = EXCLUDED.environment`,
      [row.file.key, row.file.name, row.kind, row.file.path, row.file.checksum, row.applied, row.total, JSON.stringify(row.statementHashes), row.context.by, row.context.bbVersion, row.context.environment],
    );
  }

  /**
   * The statement that opens a migration's transaction in a batch, right after BEGIN: it notes when
   * the migration starts. now() cannot say it: PostgreSQL stamps every transaction of one multi-statement
   * message with the message's arrival, so each migration of a batch got the batch's start time and a
   * duration that included the migrations before it.
   */
  batchStartSql(): string {
    return "SELECT set_config('bb.migration_started', extract(epoch FROM clock_timestamp())::text, true)";
  }

  /**
   * The history row of a migration applied in one transactional round trip, written as 'done' by one
   * statement placed just before COMMIT: nothing outside the transaction can see a 'pending' row
   * anyway, and one statement instead of start() + finish() is a server round of work less per file.
   * started_at is the time batchStartSql() noted, so duration_ms covers this migration's statements.
   */
  batchRecordSql(row: StartRow): string {
    const v = [row.file.key, row.file.name, row.kind, row.file.path, row.file.checksum].map(literal);
    const started = "to_timestamp(current_setting('bb.migration_started')::double precision)";
    return `INSERT INTO ${this.table} (version, name, kind, path, checksum, status, applied, total, statement_hashes, error, failed_statement, retry, started_at, finished_at, duration_ms, applied_by, bb_version, environment)
       VALUES (${v.join(', ')}, 'done', ${row.applied | 0}, ${row.total | 0}, ${literal(JSON.stringify(row.statementHashes))}, NULL, NULL, false, ${started}, clock_timestamp(), round(extract(epoch FROM clock_timestamp() - ${started}) * 1000)::integer, ${literal(row.context.by)}, ${literal(row.context.bbVersion)}, ${literal(row.context.environment)})
       ON CONFLICT (version) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, path = EXCLUDED.path, checksum = EXCLUDED.checksum,
         status = 'done', applied = EXCLUDED.applied, total = EXCLUDED.total, statement_hashes = EXCLUDED.statement_hashes,
         error = NULL, failed_statement = NULL, retry = false, started_at = EXCLUDED.started_at, finished_at = EXCLUDED.finished_at, duration_ms = EXCLUDED.duration_ms,
         applied_by = EXCLUDED.applied_by, bb_version = EXCLUDED.bb_version, environment = EXCLUDED.environment`;
  }

  /**
   * After a batch of batchRecordSql rows: the durations of the leading ones that were committed. A row
   * counts only as done with the batch's checksum, so a repeatable migration's older done row (another
   * checksum) does not pass for this run's.
   */
  async committedDurations(rows: readonly StartRow[]): Promise<number[]> {
    if (rows.length === 0) return [];
    const found = await this.driver.query<{ version: string; checksum: string; duration_ms: number | null }>(
      `SELECT version, checksum, duration_ms FROM ${this.table} WHERE status = 'done' AND version IN (${rows.map((r) => literal(r.file.key)).join(', ')})`,
    );
    const byVersion = new Map(found.map((r) => [r.version, r]));
    const durations: number[] = [];
    for (const row of rows) {
      const recorded = byVersion.get(row.file.key);
      if (recorded?.checksum !== row.file.checksum) break;
      durations.push(recorded.duration_ms ?? 0);
    }
    return durations;
  }

  async progress(version: string, applied: number, statementHash: string): Promise<void> {
    await this.driver.query(
      `UPDATE ${this.table} SET applied = $2, statement_hashes = (statement_hashes::jsonb || to_jsonb($3::text))::text WHERE version = $1`,
      [version, applied, statementHash],
    );
  }

  async finish(version: string, outcome: FinishOutcome): Promise<void> {
    if (outcome.status === 'done') {
      await this.driver.query(`UPDATE ${this.table} SET status = 'done', finished_at = now(), duration_ms = $2, error = NULL, failed_statement = NULL WHERE version = $1`, [version, Math.round(outcome.durationMs)]);
    } else {
      await this.driver.query(
        `UPDATE ${this.table} SET status = 'failed', finished_at = now(), duration_ms = $2, error = $3, failed_statement = $4 WHERE version = $1`,
        [version, Math.round(outcome.durationMs), outcome.error, outcome.failedStatement],
      );
    }
  }

  async remove(version: string): Promise<void> {
    await this.driver.query(`DELETE FROM ${this.table} WHERE version = $1`, [version]);
  }

  async update(version: string, patch: { status?: HistoryStatus; retry?: boolean; checksum?: string; error?: string | null }): Promise<void> {
    const sets: string[] = [];
    const params: unknown[] = [version];
    for (const [column, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    }
    if (sets.length === 0) return;
    await this.driver.query(`UPDATE ${this.table} SET ${sets.join(', ')} WHERE version = $1`, params);
  }

  async saveSnapshot(version: string, snapshot: SchemaSnapshot): Promise<void> {
    await this.driver.query(`INSERT INTO ${this.snapshots} (version, snapshot) VALUES ($1, $2)`, [version, JSON.stringify(snapshot)]);
  }

  async latestSnapshot(): Promise<{ version: string; takenAt: string; snapshot: SchemaSnapshot } | undefined> {
    if (!(await this.exists())) return undefined;
    const rows = await this.driver.query<{ version: string; taken_at: Date | string; snapshot: string }>(`SELECT version, taken_at, snapshot FROM ${this.snapshots} ORDER BY id DESC LIMIT 1`);
    const row = rows[0];
    return row ? { version: row.version, takenAt: iso(row.taken_at)!, snapshot: JSON.parse(row.snapshot) as SchemaSnapshot } : undefined;
  }
}

function iso(value: Date | string | null): string | undefined {
  if (value === null) return undefined;
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

