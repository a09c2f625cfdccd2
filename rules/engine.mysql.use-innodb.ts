import { defineRule } from '../src/lint/types.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'engine.mysql.use-innodb',
    engines: ['mysql'],
    kinds: ['create-table', 'alter-table', 'set'],
    category: 'engine',
    defaultLevel: 'error',
    recommended: true,
    description: 'Require the InnoDB storage engine for tables',
    rationale: 'InnoDB is the only MySQL storage engine with transactions, crash recovery, row locks and foreign keys; MyISAM or MEMORY tables lose data on a crash and lock whole tables on every write.',
    payload: {},
    messages: {
      table: 'Table {{table}} uses the {{engine}} storage engine; use InnoDB',
      session: 'default_storage_engine is set to {{engine}}; tables created after it will not use InnoDB',
    },
    examples: {
      bad: 'CREATE TABLE events (id bigint PRIMARY KEY) ENGINE=MyISAM;',
      good: 'CREATE TABLE events (id bigint PRIMARY KEY) ENGINE=InnoDB;',
    },
  },
  *check(stmt) {
    const f = stmt.facts;
    const engine = f.createTable?.options?.['ENGINE'];
    if (f.createTable && engine !== undefined && !/^innodb$/i.test(engine)) {
      yield { messageId: 'table', data: { table: qualified(f.createTable.table), engine }, at: Math.max(0, stmt.text.search(/\bENGINE\b/i)) };
    }
    for (const a of f.alterTable?.actions ?? []) {
      if (a.type === 'set-option' && a.option === 'ENGINE' && a.value !== undefined && !/^innodb$/i.test(a.value)) {
        yield { messageId: 'table', data: { table: qualified(f.alterTable!.table), engine: a.value }, at: Math.max(0, stmt.text.search(/\bENGINE\b/i)) };
      }
    }
    const set = f.set;
    if (set && /^(@@)?(session\.|global\.)?(default_storage_engine|storage_engine)$/i.test(set.name) && !/^'?innodb'?$/i.test(set.value)) {
      yield { messageId: 'session', data: { engine: set.value } };
    }
  },
});
