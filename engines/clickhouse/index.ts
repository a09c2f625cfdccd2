/**
 * ClickHouse, over HTTP(S) (`@clickhouse/client`: clickhouse://, http://, https://) or embedded
 * (`chdb://<folder>`, the optional chdb package). Both transports share the SQL: history, lock and
 * introspection are written once against the Driver interface. DDL is not transactional: migrations
 * run statement by statement with progress recorded after each, under a lock row.
 */
import type { Engine } from '../../src/engine.js';
import { splitClickHouse } from './split.js';
import { nonTransactional, sessionState, warnings } from './transactions.js';
import { locateClickHouseError } from './error-position.js';
import { lazyModule } from '../../src/util/lazy-module.js';

const parser = lazyModule(() => import('./parse.js'));

const engine: Engine = {
  name: 'clickhouse',
  schemes: ['clickhouse:', 'chdb:', 'http:', 'https:'],
  // HTTP: clickhouse:// and http:// on 8123 unless the URL says otherwise, https:// on 8443 (httpConfig
  // in session.ts). A port written is used, also http's own :80 and https's :443. clickhouse://h/db?secure=true (HTTPS on 8443) compares as :8123, so it equals only
  // clickhouse://h:8123/db?secure=true: HTTPS on the plain HTTP port, which no server answers.
  urlForms: {
    'clickhouse:': { kind: 'server', defaultPort: 8123 },
    'http:': { kind: 'server', sameAs: 'clickhouse:', defaultPort: 8123 },
    'https:': { kind: 'server', defaultPort: 8443 },
    'chdb:': { kind: 'folder' },
  },
  capabilities: {
    transactionalDdl: false,
    lockKind: 'lock-row',
    nonTransactional,
    warnings,
    sessionState,
  },
  embedded: { scratchUrl: 'chdb://{tmpdir}' },
  split: (sql) => splitClickHouse(sql),
  parse: (stmt) => parser((m) => m.parseClickHouse(stmt)),
  locateError: locateClickHouseError,
  async connect(target, options) {
    const { connect } = await import('./session.js');
    return connect(target, options ?? {});
  },
  dataTasks: async () => (await import('./data.js')).load(),
};

export default engine;
