import { defineRule } from '../src/lint/types.js';
import { declaredConstraints } from './_util/keys.js';
import { templateRegExp } from './_util/naming.js';

export default defineRule({
  meta: {
    id: 'naming.index.uk',
    engines: ['postgres', 'mysql', 'tidb'],
    kinds: ['create-index', 'create-table', 'alter-table'],
    category: 'naming',
    defaultLevel: 'warning',
    recommended: false,
    description: 'Name unique indexes and UNIQUE constraints by a template, e.g. uk_<table>_<columns>',
    payload: {
      format: { type: 'template', default: '^uk_{{table}}_{{column_list}}$', description: 'Regular expression with {{table}} and {{column_list}} (columns joined by _)' },
      maxLength: { type: 'number', default: 64, min: 0, integer: true, description: 'Maximum length of the name' },
    },
    messages: {
      format: 'Unique key "{{name}}" does not match "{{expected}}"',
      length: 'Unique key name "{{name}}" is {{length}} characters long; the limit is {{max}}',
    },
    examples: { bad: 'CREATE UNIQUE INDEX users_email_key ON users (email);', good: 'CREATE UNIQUE INDEX uk_users_email ON users (email);' },
  },
  *check(stmt, ctx) {
    const found: { name: string; table: string; columns: readonly string[] }[] = [];
    const ix = stmt.facts.createIndex;
    if (ix?.unique && ix.name) found.push({ name: ix.name, table: ix.table.name, columns: ix.columns });
    const table = stmt.facts.createTable?.table.name ?? stmt.facts.alterTable?.table.name;
    for (const c of declaredConstraints(stmt.facts)) if (c.type === 'unique' && c.name && table) found.push({ name: c.name, table, columns: c.columns });
    for (const u of found) {
      const expected = templateRegExp(ctx.payload.format, { table: u.table, column_list: u.columns.join('_') });
      const at = Math.max(0, stmt.text.indexOf(u.name));
      if (!new RegExp(expected).test(u.name)) yield { messageId: 'format', data: { name: u.name, expected }, at };
      else if (ctx.payload.maxLength > 0 && u.name.length > ctx.payload.maxLength) yield { messageId: 'length', data: { name: u.name, length: u.name.length, max: ctx.payload.maxLength }, at };
    }
  },
});
