/**
 * PostgreSQL, over the network (`pg`) or embedded (PGlite, `pglite://<folder>`). Both transports
 * share the SQL: history, lock and introspection are written once against the Driver interface.
 */
import type { Engine } from '../../src/engine.js';
import { splitPostgres } from './split.js';
import { nonTransactional, sessionState } from './transactions.js';
import { lazyModule } from '../../src/util/lazy-module.js';
import { locatePostgresError } from './error-position.js';

const parser = lazyModule(() => import('./parse.js'));

const engine: Engine = {
  name: 'postgres',
  schemes: ['postgres:', 'postgresql:', 'pglite:'],
  urlForms: {
    'postgres:': { kind: 'server', defaultPort: 5432 },
    'postgresql:': { kind: 'server', sameAs: 'postgres:', defaultPort: 5432 },
    'pglite:': { kind: 'folder' },
  },
  capabilities: {
    transactionalDdl: true,
    lockKind: 'advisory',
    nonTransactional,
    sessionState,
  },
  embedded: { scratchUrl: 'pglite://:memory:' },
  split: (sql) => splitPostgres(sql),
  parse: (stmt) => parser((m) => m.parsePostgres(stmt)),
  parseMany: (stmts) => parser((m) => m.parseManyPostgres(stmts)),
  locateError: locatePostgresError,
  async connect(target, options) {
    const { connect } = await import('./session.js');
    return connect(target, options ?? {});
  },
  dataTasks: async () => (await import('./data.js')).load(),
};

export default engine;
