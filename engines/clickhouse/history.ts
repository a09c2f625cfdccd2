import type { FinishOutcome, HistoryIdent, HistoryRow, HistoryStatus, HistoryTable, SchemaSnapshot, StartRow } from '../../src/engine.js';
import { BbError } from '../../src/errors.js';
import { toHistoryRow } from '../../src/run/history-row.js';
import type { Driver } from './driver.js';
import { settingsClause } from './lock.js';

export const quoteIdent = (name: string): string => `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;

/** Where bb's tables live and how they are created (plain, or ON CLUSTER with Replicated engines). */
export interface TableLayout {
  /**
   * Database holding bb's tables: history.schema, else the target's database (the URL's); every
   * statement names it, so a migration's `USE db` never moves bb's tables. Undefined = unqualified.
   */
  readonly database?: string;
  /** bb creates `database` when missing: true when the config names it (history.schema). */
  readonly ownDatabase?: boolean;
  readonly cluster?: string;
  /** Settings for every read and write of bb's tables (quorum and sequential consistency on a cluster). */
  readonly settings: Readonly<Record<string, string | number>>;
}

export function qualified(layout: TableLayout, table: string): string {
  return layout.database ? `${quoteIdent(layout.database)}.${quoteIdent(table)}` : quoteIdent(table);
}

/** `ENGINE = ReplacingMergeTree(ver)`, Replicated (default ZooKeeper path from the table's uuid) on a cluster. */
export function engineClause(layout: TableLayout, family: string, args = ''): string {
  return `ENGINE = ${layout.cluster ? `Replicated${family}` : family}(${args})`;
}

export function onCluster(layout: TableLayout): string {
  return layout.cluster ? ` ON CLUSTER ${quoteIdent(layout.cluster)}` : '';
}

/** `CREATE DATABASE IF NOT EXISTS` for bb's own database, when one is configured. */
export function createDatabase(layout: TableLayout): string[] {
  return layout.database && layout.ownDatabase ? [`CREATE DATABASE IF NOT EXISTS ${quoteIdent(layout.database)}${onCluster(layout)}`] : [];
}

interface Row {
  version: string; seq: string; deleted: number; name: string; kind: HistoryRow['kind']; path: string; checksum: string; status: HistoryStatus;
  applied: number; total: number; statement_hashes: string; error: string | null; failed_statement: number | null; retry: number;
  started_at: string; finished_at: string | null; duration_ms: string | null; applied_by: string; bb_version: string; environment: string;
}

const COLUMNS = ['version', 'seq', 'deleted', 'name', 'kind', 'path', 'checksum', 'status', 'applied', 'total', 'statement_hashes', 'error', 'failed_statement', 'retry', 'started_at', 'finished_at', 'duration_ms', 'applied_by', 'bb_version', 'environment'] as const;
const TYPES: Record<(typeof COLUMNS)[number], string> = {
  version: 'String', seq: 'UInt64', deleted: 'UInt8', name: 'String', kind: 'String', path: 'String', checksum: 'String', status: 'String',
  applied: 'UInt32', total: 'UInt32', statement_hashes: 'String', error: 'Nullable(String)', failed_statement: 'Nullable(UInt32)', retry: 'UInt8',
  started_at: "DateTime64(6, 'UTC')", finished_at: "Nullable(DateTime64(6, 'UTC'))", duration_ms: 'Nullable(UInt64)', applied_by: 'String',
  bb_version: 'String', environment: 'String',
};
const SELECT = COLUMNS.map((c) => (c === 'seq' || c === 'duration_ms' ? `toString(${c}) AS ${c}` : c === 'started_at' || c === 'finished_at' ? `toString(${c}) AS ${c}` : c)).join(', ');

/**
 * bb's history in ClickHouse. There is no UPDATE without a mutation, so every change of a row is a
 * new revision (`seq` + 1) in a ReplacingMergeTree ordered by version; readers take the latest
 * revision per version (`LIMIT 1 BY`), merges drop the old ones, and `remove` writes a tombstone.
 * Writes happen only while the lock is held, so revisions of one version never race.
 */
export class ClickHouseHistory implements HistoryTable {
  private readonly table: string;
  private readonly snapshots: string;
  /** The last revision this session wrote, per version (see latest()). */
  private readonly written = new Map<string, Row>();

  constructor(
    readonly ident: HistoryIdent,
    private readonly driver: Driver,
    private readonly layout: TableLayout,
    /** Throws when the session's lock was lost: no history write may follow. */
    private readonly guard: () => void,
  ) {
    this.table = qualified(layout, ident.table);
    this.snapshots = qualified(layout, ident.snapshotTable);
  }

  /** The CREATE statements for the history and snapshot tables. */
  ddl(): string[] {
    const cols = COLUMNS.map((c) => `${c} ${TYPES[c]}`).join(', ');
    return [
      ...createDatabase(this.layout),
      `CREATE TABLE IF NOT EXISTS ${this.table}${onCluster(this.layout)} (${cols}) ${engineClause(this.layout, 'ReplacingMergeTree', 'seq')} ORDER BY version`,
      `CREATE TABLE IF NOT EXISTS ${this.snapshots}${onCluster(this.layout)} (version String, taken_at DateTime64(6, 'UTC'), seq UInt64, snapshot String CODEC(ZSTD(3))) ${engineClause(this.layout, 'MergeTree')} ORDER BY (taken_at, seq)`,
    ];
  }

  async ensure(): Promise<void> {
    for (const sql of this.ddl()) await this.driver.exec(sql);
  }

  private async exists(table: string): Promise<boolean> {
    const rows = await this.driver.query<{ n: string }>(
      'SELECT toString(count()) AS n FROM system.tables WHERE database = {db:String} AND name = {name:String}',
      { db: this.layout.database ?? this.driver.database, name: table },
    );
    return Number(rows[0]?.n ?? 0) > 0;
  }

  private get settings(): string {
    return ` SETTINGS ${settingsClause(this.layout.settings)}`;
  }

  async read(): Promise<readonly HistoryRow[]> {
    if (!(await this.exists(this.ident.table))) return [];
    const rows = await this.driver.query<Row>(`SELECT ${SELECT} FROM ${this.table} ORDER BY version, seq DESC LIMIT 1 BY version${this.settings}`);
    return rows
      .filter((r) => Number(r.deleted) === 0)
      .map((r) => toHistoryRow(r, iso))
      .sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0));
  }

  /**
   * The newest revision of a version: the newer of what the server returns and what this session last
   * wrote. Only the lock holder writes, so its own last revision is authoritative; a read that does not
   * show it yet (seen on chdb under load) must not make the next revision build on an older one.
   */
  private async latest(version: string): Promise<Row | undefined> {
    const rows = await this.driver.query<Row>(`SELECT ${SELECT} FROM ${this.table} WHERE version = {v:String} ORDER BY seq DESC LIMIT 1${this.settings}`, { v: version });
    const read = rows[0];
    const mine = this.written.get(version);
    if (mine && (!read || BigInt(mine.seq) > BigInt(read.seq))) return mine;
    return read;
  }

  private async current(version: string): Promise<Row> {
    const row = await this.latest(version);
    if (!row || Number(row.deleted) === 1) {
      throw new BbError('history', `No history row for version ${version} in ${this.table}.`, { hint: 'Run bb status to see what the history holds.', code: 'history.missing-row' });
    }
    return row;
  }

  /**
   * Writes a full new revision and waits until a read shows it, so that the next reader (this session,
   * or the next bb run) never sees an older state. `now` columns take the server's time.
   */
  private async write(row: Row, now: readonly ('started_at' | 'finished_at')[] = []): Promise<void> {
    this.guard();
    const full: Row = { ...row };
    if (now.length > 0) {
      const [t] = await this.driver.query<{ t: string }>("SELECT toString(now64(6, 'UTC')) AS t");
      for (const c of now) full[c] = t?.t ?? '';
    }
    const params: Record<string, unknown> = {};
    const values = COLUMNS.map((c) => {
      params[c] = c === 'deleted' || c === 'retry' || c === 'applied' || c === 'total' ? Number(full[c]) : full[c];
      return `{${c}:${TYPES[c]}}`;
    });
    const insert = (): Promise<void> => this.driver.exec(`INSERT INTO ${this.table} (${COLUMNS.join(', ')}) SELECT ${values.join(', ')}`, { params, settings: this.layout.settings });
    await insert();
    this.written.set(full.version, full);
    for (let attempt = 0; ; attempt++) {
      const [seen] = await this.driver.query<{ seq: string }>(`SELECT toString(max(seq)) AS seq FROM ${this.table} WHERE version = {v:String}${this.settings}`, { v: full.version });
      if (seen && BigInt(seen.seq) >= BigInt(full.seq)) return;
      if (attempt === 10) await insert(); // not visible after a second: write it again (same revision, same content)
      if (attempt >= 30) {
        throw new BbError('history', `The history row of version ${full.version} is not visible in ${this.table} after writing it.`, {
          hint: 'The server did not keep or show an INSERT; check its logs, then run bb status and bb repair.',
          code: 'history.write-lost',
        });
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async start(row: StartRow): Promise<void> {
    const previous = await this.latest(row.file.key);
    await this.write(
      {
        version: row.file.key, seq: String(BigInt(previous?.seq ?? '0') + 1n), deleted: 0, name: row.file.name, kind: row.kind, path: row.file.path,
        checksum: row.file.checksum, status: 'pending', applied: row.applied, total: row.total, statement_hashes: JSON.stringify(row.statementHashes),
        error: null, failed_statement: null, retry: 0, started_at: '', finished_at: null, duration_ms: null, applied_by: row.context.by,
        bb_version: row.context.bbVersion, environment: row.context.environment,
      },
      ['started_at'],
    );
  }

  private next(row: Row, patch: Partial<Row>): Row {
    return { ...row, ...patch, seq: String(BigInt(row.seq) + 1n) };
  }

  async progress(version: string, applied: number, statementHash: string): Promise<void> {
    const row = await this.current(version);
    const hashes = JSON.parse(row.statement_hashes) as string[];
    await this.write(this.next(row, { applied, statement_hashes: JSON.stringify([...hashes, statementHash]) }));
  }

  async finish(version: string, outcome: FinishOutcome): Promise<void> {
    const row = await this.current(version);
    const duration = String(Math.round(outcome.durationMs));
    if (outcome.status === 'done') {
      await this.write(this.next(row, { status: 'done', duration_ms: duration, error: null, failed_statement: null }), ['finished_at']);
    } else {
      await this.write(this.next(row, { status: 'failed', duration_ms: duration, error: outcome.error, failed_statement: outcome.failedStatement }), ['finished_at']);
    }
  }

  async remove(version: string): Promise<void> {
    const row = await this.latest(version);
    if (!row || Number(row.deleted) === 1) return;
    await this.write(this.next(row, { deleted: 1 }));
  }

  async update(version: string, patch: { status?: HistoryStatus; retry?: boolean; checksum?: string; error?: string | null }): Promise<void> {
    const row = await this.current(version);
    const next: Partial<Row> = {};
    if (patch.status !== undefined) next.status = patch.status;
    if (patch.retry !== undefined) next.retry = patch.retry ? 1 : 0;
    if (patch.checksum !== undefined) next.checksum = patch.checksum;
    if (patch.error !== undefined) next.error = patch.error;
    if (Object.keys(next).length === 0) return;
    await this.write(this.next(row, next));
  }

  async saveSnapshot(version: string, snapshot: SchemaSnapshot): Promise<void> {
    this.guard();
    await this.driver.exec(
      `INSERT INTO ${this.snapshots} (version, taken_at, seq, snapshot)
       SELECT {version:String}, now64(6, 'UTC'), (SELECT count() FROM ${this.snapshots}) + 1, {snapshot:String}`,
      { params: { version, snapshot: JSON.stringify(snapshot) }, settings: this.layout.settings },
    );
  }

  async latestSnapshot(): Promise<{ version: string; takenAt: string; snapshot: SchemaSnapshot } | undefined> {
    if (!(await this.exists(this.ident.snapshotTable))) return undefined;
    const rows = await this.driver.query<{ version: string; taken_at: string; snapshot: string }>(
      `SELECT version, toString(taken_at) AS taken_at, snapshot FROM ${this.snapshots} ORDER BY taken_at DESC, seq DESC LIMIT 1${this.settings}`,
    );
    const row = rows[0];
    return row ? { version: row.version, takenAt: iso(row.taken_at)!, snapshot: JSON.parse(row.snapshot) as SchemaSnapshot } : undefined;
  }
}

/** '2026-01-02 03:04:05.123456' (UTC) → ISO 8601. */
function iso(value: string | null): string | undefined {
  if (value === null || value === '') return undefined;
  return new Date(`${value.replace(' ', 'T').slice(0, 23)}Z`).toISOString();
}

