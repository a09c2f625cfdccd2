import type { HistoryRow } from '../engine.js';
import { BbError, causeMessage } from '../errors.js';

/**
 * A history-table row as a driver returns it. Every engine's table has these columns (Snowflake's in
 * upper case: lower-case its keys first); numbers may arrive as strings and booleans as 0/1.
 */
export interface HistoryColumns {
  readonly version: string; readonly name: string; readonly kind: string; readonly path: string; readonly checksum: string; readonly status: string;
  readonly applied: number | string; readonly total: number | string; readonly statement_hashes: string;
  readonly error: string | null | undefined; readonly failed_statement: number | string | null | undefined;
  readonly retry: boolean | number | string;
  readonly started_at: unknown; readonly finished_at: unknown; readonly duration_ms: number | string | null | undefined;
  readonly applied_by: string; readonly bb_version: string; readonly environment: string;
}

/** The engine-neutral HistoryRow; `iso` turns the engine's timestamp value into ISO 8601. */
export function toHistoryRow(r: HistoryColumns, iso: (value: never) => string | undefined): HistoryRow {
  const present = (v: unknown): boolean => v !== null && v !== undefined && v !== '';
  const time = iso as (value: unknown) => string | undefined;
  return {
    version: r.version,
    name: r.name,
    kind: r.kind as HistoryRow['kind'],
    path: r.path,
    checksum: r.checksum,
    status: r.status as HistoryRow['status'],
    applied: Number(r.applied),
    total: Number(r.total),
    statementHashes: JSON.parse(r.statement_hashes) as string[],
    ...(present(r.error) ? { error: r.error! } : {}),
    ...(present(r.failed_statement) ? { failedStatement: Number(r.failed_statement) } : {}),
    retry: r.retry === true || r.retry === 'true' || Number(r.retry) === 1,
    startedAt: time(r.started_at)!,
    ...(present(r.finished_at) ? { finishedAt: time(r.finished_at)! } : {}),
    ...(present(r.duration_ms) ? { durationMs: Number(r.duration_ms) } : {}),
    by: r.applied_by,
    bbVersion: r.bb_version,
    environment: r.environment,
  };
}

/**
 * The error for a table at bb's history location that is not bb's (a column bb reads is missing): a
 * name clash with another tool's table, or an old layout. Engines throw it when the read fails so.
 */
export function notHistoryTable(table: string, cause: unknown): BbError {
  return new BbError('history', `The table ${table} is not bb's history table: ${causeMessage(cause)}.`, {
    hint: 'Rename or drop that table if it is not needed, or give bb another place with history.table (or history.schema) for this database in the config.',
    code: 'history.not-bb-table',
    cause,
  });
}
