/**
 * Snowflake, through snowflake-sdk (imported inside connect()). DDL commits implicitly, so migrations
 * run statement by statement with progress recorded after each; the lock is a row with owner,
 * heartbeat and expiry. Verified against the emulator in test/support/snowflake-emulator.
 */
import type { Engine } from '../../src/engine.js';
import { splitSnowflake } from './split.js';
import { nonTransactional, sessionState } from './transactions.js';
import { locateSnowflakeError } from './error-position.js';
import { lazyModule } from '../../src/util/lazy-module.js';

const parser = lazyModule(() => import('./parse.js'));

const engine: Engine = {
  name: 'snowflake',
  schemes: ['snowflake:'],
  urlForms: { 'snowflake:': { kind: 'server' } },
  capabilities: {
    transactionalDdl: false,
    lockKind: 'lock-row',
    nonTransactional,
    sessionState,
  },
  split: (sql) => splitSnowflake(sql),
  parse: (stmt) => parser((m) => m.parseSnowflake(stmt)),
  locateError: locateSnowflakeError,
  async connect(target, options) {
    const { connect } = await import('./session.js');
    return connect(target, options ?? {});
  },
  // bb query (data.ts); backup, restore and prior backup are refused with Snowflake's own ways named.
  dataTasks: async () => (await import('./data.js')).load(),
};

export default engine;
