/**
 * The Snowflake engine's data tasks (src/engine.ts DataTasks): bb query only. There is no backup or
 * restore (Snowflake has no dump tool; its own zero-copy CLONE and Time Travel do the job better), and
 * prior backup of data changes is left out (src/backup/prior.ts refuses it) until it is built for
 * Snowflake.
 */
import type { DataTasks, Session } from '../../src/engine.js';
import { checkRead } from './query.js';
import { tracerOn } from './read.js';
import { sqlIdent } from './url.js';

const BACKUP_HINT = "Use Snowflake's own tools: CREATE DATABASE <copy> CLONE <database> (zero-copy, optionally AT (TIMESTAMP => …)) before a change, and Time Travel (AT / BEFORE, UNDROP) to get data back.";

/** The catalog lookups of bb query run on the session bb query opened (Session.query binds `?`). */
const driverOf = (session: Session) => ({ query: <R>(sql: string, params?: readonly unknown[]) => session.query<R>(sql, params).then((rows) => [...rows]) });

const tasks: DataTasks = {
  checkRead,
  quote: sqlIdent,
  placeholder: () => '?',
  async tableColumns(session, table) {
    const info = await tracerOn(driverOf(session)).info({ ...(table.schema ? { schema: table.schema } : {}), table: table.name });
    return info?.columns ?? [];
  },
  async relationSources(session, table) {
    return tracerOn(driverOf(session)).sources({ ...(table.schema ? { schema: table.schema } : {}), table: table.name });
  },
  backupHint: BACKUP_HINT,
};

export async function load(): Promise<DataTasks> {
  return tasks;
}
