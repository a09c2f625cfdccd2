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
