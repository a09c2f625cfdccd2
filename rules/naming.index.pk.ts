import { defineRule } from '../src/lint/types.js';
import { declaredConstraints } from './_util/keys.js';
import { templateRegExp } from './_util/naming.js';

export default defineRule({
  meta: {
    id: 'naming.index.pk',
    engines: ['postgres'],
    kinds: ['create-table', 'alter-table'],
    category: 'naming',
    defaultLevel: 'warning',
    recommended: false,
    description: 'Name primary key constraints by a template, e.g. pk_<table>_<columns>',
    payload: {
      format: { type: 'template', default: '^pk_{{table}}_{{column_list}}$', description: 'Regular expression with {{table}} and {{column_list}} (columns joined by _)' },
      maxLength: { type: 'number', default: 63, min: 0, integer: true, description: 'Maximum length of the name' },
    },
    messages: {
      format: 'Primary key "{{name}}" does not match "{{expected}}"',
      length: 'Primary key name "{{name}}" is {{length}} characters long; the limit is {{max}}',
    },
    examples: {
      bad: 'CREATE TABLE users (id bigint, CONSTRAINT users_primary PRIMARY KEY (id));',
      good: 'CREATE TABLE users (id bigint, CONSTRAINT pk_users_id PRIMARY KEY (id));',
    },
  },
  *check(stmt, ctx) {
    const table = stmt.facts.createTable?.table.name ?? stmt.facts.alterTable?.table.name;
    if (!table) return;
    for (const c of declaredConstraints(stmt.facts)) {
      if (c.type !== 'primary-key' || !c.name) continue;
      const expected = templateRegExp(ctx.payload.format, { table, column_list: c.columns.join('_') });
      const at = Math.max(0, stmt.text.indexOf(c.name));
      if (!new RegExp(expected).test(c.name)) yield { messageId: 'format', data: { name: c.name, expected }, at };
      else if (ctx.payload.maxLength > 0 && c.name.length > ctx.payload.maxLength) yield { messageId: 'length', data: { name: c.name, length: c.name.length, max: ctx.payload.maxLength }, at };
    }
  },
});
