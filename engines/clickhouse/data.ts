/**
 * The ClickHouse engine's data tasks (src/engine.ts DataTasks): bb query, and bb backup / restore
 * (backup.ts). Prior backup of data changes is left out (src/backup/prior.ts refuses it):
 * ClickHouse's mutations (ALTER TABLE … UPDATE/DELETE) have no row-level undo bb could offer.
 */
import type { DataTasks, Session } from '../../src/engine.js';
import { quoteIdent } from './history.js';
import { checkRead } from './query.js';
import { Tracer } from './trace.js';

/** Session.query binds positional parameters as {p1:…}, {p2:…}. */
const lookupOf = (session: Session) => <R>(sql: string, params: readonly unknown[]): Promise<R[]> => session.query<R>(sql, params).then((rows) => [...rows]);

const databaseOf = async (session: Session, t: { readonly schema?: string }): Promise<string> =>
  t.schema ?? String((await session.query<{ d: string }>('SELECT currentDatabase() AS d'))[0]?.d ?? 'default');

const tasks: DataTasks = {
  checkRead,
  quote: quoteIdent,
  placeholder: (n) => `{p${n}:String}`,
  async tableColumns(session, table) {
    const rows = await session.query<{ name: string }>(
      "SELECT name FROM system.columns WHERE database = {p1:String} AND table = {p2:String} AND default_kind NOT IN ('MATERIALIZED', 'ALIAS', 'EPHEMERAL') ORDER BY position",
      [await databaseOf(session, table), table.name],
    );
    return rows.map((r) => String(r.name));
  },
  async relationSources(session, table) {
    return new Tracer(lookupOf(session)).sources(await databaseOf(session, table), table.name);
  },
  async backup(target, file, options) {
    return (await import('./backup.js')).backup(target, file, options);
  },
  async restore(target, file, options) {
    return (await import('./backup.js')).restore(target, file, options);
  },
};

export async function load(): Promise<DataTasks> {
  return tasks;
}
