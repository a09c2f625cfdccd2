import type { IndexFacts } from '../src/lint/facts.js';
import { defineRule } from '../src/lint/types.js';
import { templateRegExp } from './_util/naming.js';

export default defineRule({
  meta: {
    id: 'naming.index.idx',
    engines: ['postgres', 'mysql', 'tidb'],
    kinds: ['create-index', 'alter-table', 'create-table'],
    category: 'naming',
    defaultLevel: 'warning',
    recommended: false,
    description: 'Name (non-unique) indexes by a template, e.g. idx_<table>_<columns>',
    payload: {
      format: { type: 'template', default: '^idx_{{table}}_{{column_list}}$', description: 'Regular expression with {{table}} and {{column_list}} (columns joined by _)' },
      maxLength: { type: 'number', default: 64, min: 0, integer: true, description: 'Maximum length of an index name' },
    },
    messages: {
      format: 'Index "{{name}}" does not match "{{expected}}"',
      length: 'Index name "{{name}}" is {{length}} characters long; the limit is {{max}}',
    },
    examples: { bad: 'CREATE INDEX users_email ON users (email);', good: 'CREATE INDEX idx_users_email ON users (email);' },
  },
  *check(stmt, ctx) {
    // MySQL: ALTER TABLE … ADD INDEX and the KEY/INDEX entries of CREATE TABLE as well as CREATE INDEX.
    const added = [
      ...(stmt.facts.alterTable?.actions ?? []).flatMap((a) => (a.type === 'add-index' ? [a.index] : [])),
      ...(stmt.facts.createTable?.indexes ?? []).filter((i) => i.name !== 'PRIMARY'),
    ];
    for (const ix of [...(stmt.facts.createIndex ? [stmt.facts.createIndex] : []), ...added]) yield* checkIndex(ix, stmt.text, ctx.payload);
  },
});

function* checkIndex(ix: IndexFacts, text: string, payload: { readonly format: string; readonly maxLength: number }): Generator<{ messageId: 'format' | 'length'; data: Record<string, string | number>; at: number }> {
  if (ix.unique || !ix.name || ix.method === 'FULLTEXT' || ix.method === 'SPATIAL') return;
  const expected = templateRegExp(payload.format, { table: ix.table.name, column_list: ix.columns.join('_') });
  const at = Math.max(0, text.indexOf(ix.name));
  if (!new RegExp(expected).test(ix.name)) yield { messageId: 'format', data: { name: ix.name, expected }, at };
  else if (payload.maxLength > 0 && ix.name.length > payload.maxLength) yield { messageId: 'length', data: { name: ix.name, length: ix.name.length, max: payload.maxLength }, at };
}
