import { defineRule } from '../src/lint/types.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'column.required',
    engines: ['postgres', 'snowflake', 'mysql', 'tidb'],
    kinds: ['create-table', 'alter-table'],
    category: 'column',
    defaultLevel: 'warning',
    recommended: false,
    description: 'Require a set of columns in every table (and forbid dropping or renaming them)',
    payload: {
      list: { type: 'list', default: ['id', 'created_ts', 'updated_ts', 'creator_id', 'updater_id'], description: 'Column names every table must have' },
    },
    messages: {
      missing: 'Table {{table}} lacks the required column{{s}} {{columns}}',
      dropped: 'Column {{column}} of {{table}} is required and must not be {{verb}}',
    },
    examples: {
      bad: 'CREATE TABLE notes (id bigint PRIMARY KEY, body text);',
      good: 'CREATE TABLE notes (id bigint PRIMARY KEY, body text, created_ts timestamptz, updated_ts timestamptz, creator_id bigint, updater_id bigint);',
    },
  },
  *check(stmt, ctx) {
    const required = ctx.payload.list.map((c) => c.toLowerCase());
    const ct = stmt.facts.createTable;
    if (ct && !ct.asSelect && !ct.temporary) {
      const have = new Set(ct.columns.map((c) => c.name.toLowerCase()));
      const missing = required.filter((c) => !have.has(c));
      if (missing.length) yield { messageId: 'missing', data: { table: qualified(ct.table), s: missing.length > 1 ? 's' : '', columns: missing.join(', ') }, ...(ct.table.at !== undefined ? { at: ct.table.at } : {}) };
    }
    const at = stmt.facts.alterTable;
    for (const a of at?.actions ?? []) {
      if (a.type === 'drop-column' && required.includes(a.column.toLowerCase())) yield { messageId: 'dropped', data: { column: a.column, table: qualified(at!.table), verb: 'dropped' } };
      if (a.type === 'change-column' && a.from.toLowerCase() !== a.column.name.toLowerCase() && required.includes(a.from.toLowerCase())) yield { messageId: 'dropped', data: { column: a.from, table: qualified(at!.table), verb: 'renamed' } };
      if (a.type === 'rename-column' && required.includes(a.from.toLowerCase())) yield { messageId: 'dropped', data: { column: a.from, table: qualified(at!.table), verb: 'renamed' } };
    }
  },
});
