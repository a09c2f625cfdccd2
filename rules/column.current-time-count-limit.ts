import type { ColumnFacts } from '../src/lint/facts.js';
import { defineRule } from '../src/lint/types.js';
import { qualified } from './_util/names.js';

const NOW = /^(CURRENT_TIMESTAMP|NOW|LOCALTIME|LOCALTIMESTAMP)\(/i;
const MAX_DEFAULT = 2;
const MAX_ON_UPDATE = 1;

export default defineRule({
  meta: {
    id: 'column.current-time-count-limit',
    engines: ['mysql', 'tidb'],
    kinds: ['create-table', 'alter-table'],
    category: 'column',
    defaultLevel: 'warning',
    recommended: false,
    description: `Allow at most ${MAX_DEFAULT} columns with DEFAULT CURRENT_TIMESTAMP and ${MAX_ON_UPDATE} with ON UPDATE CURRENT_TIMESTAMP per table`,
    rationale: 'A table needs a created-at and an updated-at time at most; more columns that take the current time on insert or update are usually a copy-paste mistake, and each one is written on every change.',
    payload: {},
    messages: {
      defaults: 'Table {{table}} has {{count}} columns with DEFAULT {{fn}}; at most ' + MAX_DEFAULT + ' are allowed',
      onUpdate: 'Table {{table}} has {{count}} columns with ON UPDATE {{fn}}; at most ' + MAX_ON_UPDATE + ' is allowed',
    },
    examples: {
      bad: 'CREATE TABLE t (id int PRIMARY KEY, a datetime ON UPDATE CURRENT_TIMESTAMP, b datetime ON UPDATE CURRENT_TIMESTAMP);',
      good: 'CREATE TABLE t (id int PRIMARY KEY, created_at datetime DEFAULT CURRENT_TIMESTAMP, updated_at datetime DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP);',
    },
  },
  *check(stmt) {
    const f = stmt.facts;
    let columns: readonly ColumnFacts[] = [];
    let table = '';
    let at: number | undefined;
    if (f.createTable) {
      columns = f.createTable.columns;
      table = qualified(f.createTable.table);
      at = f.createTable.table.at;
    } else if (f.alterTable) {
      columns = f.alterTable.actions.flatMap((a) => (a.type === 'add-column' || a.type === 'modify-column' || a.type === 'change-column' ? [a.column] : []));
      table = qualified(f.alterTable.table);
      at = f.alterTable.table.at;
    }
    const defaults = columns.filter((c) => c.default !== undefined && NOW.test(c.default));
    const updates = columns.filter((c) => c.onUpdate !== undefined && NOW.test(c.onUpdate));
    const pos = at !== undefined ? { at } : {};
    if (defaults.length > MAX_DEFAULT) yield { messageId: 'defaults', data: { table, count: defaults.length, fn: 'CURRENT_TIMESTAMP' }, ...pos };
    if (updates.length > MAX_ON_UPDATE) yield { messageId: 'onUpdate', data: { table, count: updates.length, fn: 'CURRENT_TIMESTAMP' }, ...pos };
  },
});
