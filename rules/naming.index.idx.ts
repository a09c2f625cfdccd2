import { defineRule } from '../src/lint/types.js';
import { templateRegExp } from './_util/naming.js';

export default defineRule({
  meta: {
    id: 'naming.index.idx',
    engines: ['postgres'],
    kinds: ['create-index'],
    category: 'naming',
    defaultLevel: 'warning',
    recommended: false,
    description: 'Name (non-unique) indexes by a template, e.g. idx_<table>_<columns>',
    payload: {
      format: { type: 'template', default: '^idx_{{table}}_{{column_list}}$', description: 'Regular expression with {{table}} and {{column_list}} (columns joined by _)' },
      maxLength: { type: 'number', default: 64, description: 'Maximum length of an index name' },
    },
    messages: {
      format: 'Index "{{name}}" does not match "{{expected}}"',
      length: 'Index name "{{name}}" is {{length}} characters long; the limit is {{max}}',
    },
    examples: { bad: 'CREATE INDEX users_email ON users (email);', good: 'CREATE INDEX idx_users_email ON users (email);' },
  },
  *check(stmt, ctx) {
    const ix = stmt.facts.createIndex;
    if (!ix || ix.unique || !ix.name) return;
    const expected = templateRegExp(ctx.payload.format, { table: ix.table.name, column_list: ix.columns.join('_') });
    const at = Math.max(0, stmt.text.indexOf(ix.name));
    if (!new RegExp(expected).test(ix.name)) yield { messageId: 'format', data: { name: ix.name, expected }, at };
    else if (ctx.payload.maxLength > 0 && ix.name.length > ctx.payload.maxLength) yield { messageId: 'length', data: { name: ix.name, length: ix.name.length, max: ctx.payload.maxLength }, at };
  },
});
