import type { FinishOutcome, HistoryIdent, HistoryRow, HistoryStatus, HistoryTable, SchemaSnapshot, StartRow } from '../../src/engine.js';
import { notHistoryTable, toHistoryRow } from '../../src/run/history-row.js';
import type { Driver } from './driver.js';
import { quoteIdent } from './lock.js';

interface Row {
  version: string; name: string; kind: HistoryRow['kind']; path: string; checksum: string; status: HistoryStatus;
  applied: number; total: number; statement_hashes: string; error: string | null; failed_statement: number | null;
  retry: number; started_at: string; finished_at: string | null; duration_ms: number | null;
  applied_by: string; bb_version: string; environment: string;
}

/**
 * bb's history and snapshot tables in one MySQL / MariaDB / TiDB database (the target's, or
 * `history.schema`, which on MySQL names a database).
 *
 * DDL commits implicitly on these servers, so every call is its own autocommitted statement on the
 * connection it was given: the session's control connection (never inside a migration's transaction,
 * never under the migration's LOCK TABLES), or the migration connection inside Session.transaction().
 * Times are stored as UTC in DATETIME(6) and read back as ISO strings.
 */
export class MysqlHistory implements HistoryTable {
  private readonly table: string;
  private readonly snapshots: string;

  /**
   * `database`: where an `ident` without a schema lives, the session's database when it connected;
   * every statement names it, so a migration's `USE other_db` never moves bb's tables. Undefined or
   * empty (a URL without a database) = unqualified.
   */
  constructor(readonly ident: HistoryIdent, private readonly conn: () => Promise<Driver>, private readonly database: string | undefined = ident.schema) {
    const prefix = database ? `${quoteIdent(database)}.` : '';
    this.table = prefix + quoteIdent(ident.table);
    this.snapshots = prefix + quoteIdent(ident.snapshotTable);
  }

  async ensure(): Promise<void> {
    const c = await this.conn();
    if (this.ident.schema) await c.exec(`CREATE DATABASE IF NOT EXISTS ${quoteIdent(this.ident.schema)}`);
    // version is utf8mb4_bin: '1.0' and '1.00' are different versions, and so are 'R__a' and 'R__A'.
    await c.exec(`CREATE TABLE IF NOT EXISTS ${this.table} (
      version varchar(191) NOT NULL,
      name varchar(512) NOT NULL,
      kind varchar(16) NOT NULL,
      path varchar(1024) NOT NULL,
      checksum varchar(128) NOT NULL,
      status varchar(16) NOT NULL,
      applied int NOT NULL,
      total int NOT NULL,
      statement_hashes longtext NOT NULL,
      error text NULL,
      failed_statement int NULL,
      retry tinyint(1) NOT NULL DEFAULT 0,
      started_at datetime(6) NOT NULL,
      finished_at datetime(6) NULL,
      duration_ms int NULL,
      applied_by varchar(255) NOT NULL,
      bb_version varchar(64) NOT NULL,
      environment varchar(255) NOT NULL,
      seq bigint NOT NULL AUTO_INCREMENT,
      PRIMARY KEY (version),
      UNIQUE KEY ${quoteIdent(`${this.ident.table}_seq`)} (seq)
    ) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`);
    await c.exec(`CREATE TABLE IF NOT EXISTS ${this.snapshots} (
      id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
      version varchar(191) NOT NULL,
      taken_at datetime(6) NOT NULL,
      snapshot longtext NOT NULL
    ) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`);
  }

  private async exists(table: string): Promise<boolean> {
    const c = await this.conn();
    const rows = await c.query<{ n: number }>(
      'SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ?',
      [this.database || null, table],
    );
    return Number(rows[0]?.n) > 0;
  }

  async read(): Promise<readonly HistoryRow[]> {
    if (!(await this.exists(this.ident.table))) return [];
    const c = await this.conn();
    const rows = await c.query<Row>(`SELECT * FROM ${this.table} ORDER BY started_at, seq`).catch((error: unknown) => {
      throw (error as { errno?: number }).errno === 1054 ? notHistoryTable(this.table, error) : error; // ER_BAD_FIELD_ERROR
    });
    return rows.map((r) => toHistoryRow(r, iso));
  }

  async start(row: StartRow): Promise<void> {
    const c = await this.conn();
    await c.exec(
      `INSERT INTO ${this.table} (version, name, kind, path, checksum, status, applied, total, statement_hashes, error, failed_statement, retry, started_at, finished_at, duration_ms, applied_by, bb_version, environment)
       VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?, NULL, NULL, 0, UTC_TIMESTAMP(6), NULL, NULL, ?, ?, ?)
       ON DUPLICATE KEY UPDATE name = VALUES(name), kind = VALUES(kind), path = VALUES(path), checksum = VALUES(checksum),
         status = 'pending', applied = VALUES(applied), total = VALUES(total), statement_hashes = VALUES(statement_hashes),
         error = NULL, failed_statement = NULL, retry = 0, started_at = UTC_TIMESTAMP(6), finished_at = NULL, duration_ms = NULL,
         applied_by = VALUES(applied_by), bb_version = VALUES(bb_version), environment = VALUES(environment)`,
      [row.file.key, row.file.name, row.kind, row.file.path, row.file.checksum, row.applied, row.total, JSON.stringify(row.statementHashes), row.context.by, row.context.bbVersion, row.context.environment],
    );
  }

  async progress(version: string, applied: number, statementHash: string): Promise<void> {
    const c = await this.conn();
    await c.exec(`UPDATE ${this.table} SET applied = ?, statement_hashes = JSON_ARRAY_APPEND(statement_hashes, '$', ?) WHERE version = ?`, [applied, statementHash, version]);
  }

  async finish(version: string, outcome: FinishOutcome): Promise<void> {
    const c = await this.conn();
    if (outcome.status === 'done') {
      await c.exec(`UPDATE ${this.table} SET status = 'done', finished_at = UTC_TIMESTAMP(6), duration_ms = ?, error = NULL, failed_statement = NULL WHERE version = ?`, [Math.round(outcome.durationMs), version]);
    } else {
      await c.exec(
        `UPDATE ${this.table} SET status = 'failed', finished_at = UTC_TIMESTAMP(6), duration_ms = ?, error = ?, failed_statement = ? WHERE version = ?`,
        [Math.round(outcome.durationMs), outcome.error.slice(0, 60_000), outcome.failedStatement, version],
      );
    }
  }

  async remove(version: string): Promise<void> {
    const c = await this.conn();
    await c.exec(`DELETE FROM ${this.table} WHERE version = ?`, [version]);
  }

  async update(version: string, patch: { status?: HistoryStatus; retry?: boolean; checksum?: string; error?: string | null }): Promise<void> {
    const sets: string[] = [];
    const params: unknown[] = [];
    for (const column of ['status', 'retry', 'checksum', 'error'] as const) {
      const value = patch[column];
      if (value === undefined) continue;
      sets.push(`${column} = ?`);
      params.push(column === 'retry' ? (value ? 1 : 0) : value);
    }
    if (sets.length === 0) return;
    const c = await this.conn();
    await c.exec(`UPDATE ${this.table} SET ${sets.join(', ')} WHERE version = ?`, [...params, version]);
  }

  async saveSnapshot(version: string, snapshot: SchemaSnapshot): Promise<void> {
    const c = await this.conn();
    await c.exec(`INSERT INTO ${this.snapshots} (version, taken_at, snapshot) VALUES (?, UTC_TIMESTAMP(6), ?)`, [version, JSON.stringify(snapshot)]);
  }

  async latestSnapshot(): Promise<{ version: string; takenAt: string; snapshot: SchemaSnapshot } | undefined> {
    if (!(await this.exists(this.ident.snapshotTable))) return undefined;
    const c = await this.conn();
    const rows = await c.query<{ version: string; taken_at: string; snapshot: string }>(`SELECT version, taken_at, snapshot FROM ${this.snapshots} ORDER BY id DESC LIMIT 1`);
    const row = rows[0];
    return row ? { version: row.version, takenAt: iso(row.taken_at)!, snapshot: JSON.parse(row.snapshot) as SchemaSnapshot } : undefined;
  }
}

/** DATETIME(6) read as a string ("2026-11-26 05:43:42.123456", UTC) → ISO 8601. */
function iso(value: string | Date | null): string | undefined {
  if (value === null) return undefined;
  if (value instanceof Date) return value.toISOString();
  return new Date(`${value.replace(' ', 'T')}Z`).toISOString();
}

