import { BbError, causeMessage } from '../errors.js';

/**
 * The error a failed `bb query` reports. The engine classifies its driver's error (which code means
 * "timed out" or "write refused in a read-only transaction"); the wording lives here, once.
 */
export function queryError(error: unknown, kind: 'timeout' | 'refused' | 'failed', timeoutMs: number): BbError {
  if (kind === 'timeout') {
    return new BbError('apply', `The query ran past --timeout (${timeoutMs / 1000} s) and was cancelled on the server.`, { hint: 'Narrow the query, or pass a larger --timeout (seconds).', code: 'query.timeout', cause: error });
  }
  if (kind === 'refused') {
    return new BbError('usage', `The server refused a write in the read-only transaction: ${causeMessage(error)}.`, { hint: 'bb query only reads; apply changes through a migration.', code: 'query.refused' });
  }
  return new BbError('apply', `The query failed: ${causeMessage(error)}.`, { hint: 'Fix the SQL and run it again.', code: 'query.failed', cause: error });
}

/**
 * A failed query's error without the server's message, when that message could quote a masked value
 * (`invalid input syntax for type integer: "ada@example.com"` for `SELECT email::int`): every
 * failure but one of SQLSTATE class 42 (syntax, unknown names, types: about the SQL, found before
 * any row is read). The SQLSTATE or error code stays.
 */
export function withheld(error: BbError): BbError {
  const cause = error.cause as { code?: unknown; sqlState?: unknown; errno?: unknown } | undefined;
  const state = [cause?.sqlState, cause?.code].find((c) => typeof c === 'string' && /^[0-9A-Z]{5}$/.test(c)) as string | undefined;
  if (state?.startsWith('42')) return error;
  const code = state ?? (typeof cause?.code === 'string' || typeof cause?.code === 'number' ? String(cause.code) : undefined);
  return new BbError('apply', `The query failed${code ? ` [${code}]` : ''}; the server's message is withheld, as it could quote a masked column's values.`, { hint: 'Fix the SQL and run it again; where --unmask is granted, it shows the message.', code: 'query.failed' });
}
