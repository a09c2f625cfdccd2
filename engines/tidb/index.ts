/**
 * TiDB over the MySQL protocol (mysql2). Differences from the mysql engine are capabilities only: a
 * lock row instead of GET_LOCK, and `unsupported` statements (stored programs, FULLTEXT, SPATIAL,
 * CREATE TABLE … AS SELECT, …) that the planner turns into blockers before anything runs.
 */
import type { Engine } from '../../src/engine.js';
import { splitTidb } from './split.js';
import { nonTransactional, sessionState, unsupported } from './transactions.js';
import { lazyModule } from '../../src/util/lazy-module.js';
import { locateMysqlError } from '../mysql/error-position.js';

const parser = lazyModule(() => import('./parse.js'));

const engine: Engine = {
  name: 'tidb',
  schemes: ['tidb:', 'mysql:'],
  // The mysql engine's connectionOptions: 3306 when the URL names no port, for tidb:// too.
  urlForms: {
    'tidb:': { kind: 'server', defaultPort: 3306 },
    'mysql:': { kind: 'server', sameAs: 'tidb:', defaultPort: 3306 },
  },
  capabilities: {
    transactionalDdl: false,
    lockKind: 'lock-row',
    nonTransactional,
    unsupported,
    sessionState,
  },
  split: (sql, options) => splitTidb(sql, options),
  parse: (stmt) => parser((m) => m.parseTidb(stmt)),
  locateError: locateMysqlError,
  async connect(target, options) {
    const { connect } = await import('./session.js');
    return connect(target, options ?? {});
  },
};

export default engine;
