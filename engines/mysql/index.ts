/**
 * MySQL 5.7 / 8.x and MariaDB over mysql2 (told apart by VERSION(); see server.ts). DDL commits
 * implicitly, so migrations run statement by statement with progress recorded after each one; the lock
 * is GET_LOCK on a dedicated connection.
 */
import type { Engine } from '../../src/engine.js';
import { splitMysql } from './split.js';
import { nonTransactional, sessionState } from './transactions.js';
import { lazyModule } from '../../src/util/lazy-module.js';
import { locateMysqlError } from './error-position.js';

const parser = lazyModule(() => import('./parse.js'));

const engine: Engine = {
  name: 'mysql',
  schemes: ['mysql:', 'mariadb:'],
  // mysql2 connects to 3306 when the URL names no port (connectionOptions in session.ts).
  urlForms: {
    'mysql:': { kind: 'server', defaultPort: 3306 },
    'mariadb:': { kind: 'server', sameAs: 'mysql:', defaultPort: 3306 },
  },
  capabilities: {
    transactionalDdl: false,
    lockKind: 'advisory',
    nonTransactional,
    sessionState,
  },
  split: (sql, options) => splitMysql(sql, options),
  parse: (stmt) => parser((m) => m.parseMysql(stmt)),
  locateError: locateMysqlError,
  async connect(target, options) {
    const { connect } = await import('./session.js');
    return connect(target, options ?? {});
  },
  dataTasks: async () => (await import('./data.js')).load(),
};

export default engine;
