/**
 * bb query's statement on a Snowflake session. Snowflake has no read-only transaction, so what holds
 * is: bb's reader let through one SELECT (query.ts checkRead: no DML, DDL, CALL or account-level
 * SYSTEM$ function); it runs inside BEGIN … ROLLBACK, so DML reaching the server anyway would be rolled
 * back (DDL would not: Snowflake commits before DDL, which is why the reader is the guarantee); and
 * STATEMENT_TIMEOUT_IN_SECONDS makes the server cancel it. A SELECT cannot call a stored procedure and
 * UDFs cannot run SQL, but an external function reaches a remote service bb cannot see. Rows stream
 * from the result chunks as they are read.
 */
import type { ReadQueryOptions, ReadQueryResult, ResultColumn } from '../../src/engine.js';
import { queryError } from '../../src/query/errors.js';
import type { Driver, RowStream } from './driver.js';
import { Tracer } from './trace.js';
import { guardedBatches } from '../../src/util/batches.js';

/** When the server has not cancelled the statement by its timeout, bb stops reading a little later. */
const CLIENT_GRACE_MS = 2_000;

const codeOf = (error: unknown): string => `${(error as { code?: unknown }).code ?? ''} ${error instanceof Error ? error.message : String(error)}`;
/** 000630: "Statement reached its statement or warehouse timeout of N second(s) and was canceled." */
const isTimeout = (error: unknown): boolean => /^000630\b|reached its statement or warehouse timeout/i.test(codeOf(error));

/** The Tracer's catalog lookups, on the query's own session. */
export function tracerOn(driver: Pick<Driver, 'query'>): Tracer {
  let schema: Promise<string> | undefined;
  return new Tracer(
    (sql, params) => driver.query(sql, params),
    () => (schema ??= driver.query<{ S: string | null }>('SELECT CURRENT_SCHEMA() AS S').then((r) => r[0]?.S ?? 'PUBLIC')),
  );
}

export async function openReadQuery(driver: Driver, sql: string, options: ReadQueryOptions): Promise<ReadQueryResult> {
  const text = sql.trim().replace(/;\s*$/, '');
  let timedOut = false;
  const fail = (error: unknown): never => {
    throw queryError(error, timedOut || isTimeout(error) ? 'timeout' : 'failed', options.timeoutMs);
  };
  // Whole seconds, at least one (0 would mean "no timeout" to Snowflake).
  const seconds = Math.max(1, Math.ceil(options.timeoutMs / 1000));
  let stream: RowStream | undefined;
  let begun = false;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  const onAbort = (): void => void stream?.cancel();
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    if (begun) await driver.query('ROLLBACK').catch(() => undefined);
  };
  let columns: ResultColumn[];
  try {
    await driver.query(`ALTER SESSION SET STATEMENT_TIMEOUT_IN_SECONDS = ${seconds}`);
    await driver.query('BEGIN TRANSACTION');
    begun = true;
    options.signal?.throwIfAborted();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    timer = setTimeout(() => {
      timedOut = true;
      void stream?.cancel();
    }, options.timeoutMs + CLIENT_GRACE_MS);
    stream = await driver.stream!(text);
    columns = await tracerOn(driver).trace(text, stream.names).catch(() => stream!.names.map((name) => ({ name })));
  } catch (error) {
    await close();
    return fail(error);
  }
  const rows = stream.rows;
  return {
    columns,
    batches: () => guardedBatches(rows, options.batchSize, { timedOut: () => timedOut, fail, close }),
    close,
  };
}
