/**
 * PostgreSQL, over the network (`pg`) or embedded (PGlite, `pglite://<folder>`). Both transports
 * share the SQL: history, lock and introspection are written once against the Driver interface.
 */
import type { Engine } from '../../src/engine.js';
import { parseManyPostgres, parsePostgres, preparePostgres } from './parse.js';
import { splitPostgres } from './split.js';
import { nonTransactional } from './transactions.js';

const engine: Engine = {
  name: 'postgres',
  schemes: ['postgres:', 'postgresql:', 'pglite:'],
  capabilities: {
    transactionalDdl: true,
    lockKind: 'advisory',
    nonTransactional,
  },
  embedded: { scratchUrl: 'pglite://:memory:' },
  split: (sql) => splitPostgres(sql),
  parse: (stmt) => parsePostgres(stmt),
  parseMany: (stmts) => parseManyPostgres(stmts),
  prepareParse: (hint) => preparePostgres(hint),
  async connect(target, options) {
    const { connect } = await import('./session.js');
    return connect(target, options ?? {});
  },
  dataTasks: async () => (await import('./data.js')).load(),
};

export default engine;
