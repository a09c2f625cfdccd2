import { defineRule } from '../src/lint/types.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'table.comment',
    engines: ['postgres', 'mysql', 'tidb'],
    kinds: [],
    category: 'table',
    defaultLevel: 'error',
    recommended: false,
    description: 'Require a comment on new tables (COMMENT ON TABLE in the same file) and limit its length',
    payload: {
      required: { type: 'boolean', default: false, description: 'Every table created in the file must get a COMMENT ON TABLE in the same file' },
      maxLength: { type: 'number', default: 64, min: -1, integer: true, description: 'Maximum length of a table comment in characters (-1: no limit)' },
    },
    messages: {
      missing: 'Table {{table}} has no comment (add COMMENT ON TABLE {{table}} IS \'…\')',
      long: 'The comment on table {{table}} is {{length}} characters long; the limit is {{max}}',
    },
    examples: {
      bad: "CREATE TABLE users (id bigint PRIMARY KEY);\nCOMMENT ON TABLE users IS 'People who can sign in to the application, including the ones who were invited but never did';",
      good: "CREATE TABLE users (id bigint PRIMARY KEY);\nCOMMENT ON TABLE users IS 'People who can sign in';",
    },
  },
  *checkFile(file, ctx) {
    const commented = new Set<string>();
    for (const s of file.statements) {
      // MySQL: CREATE TABLE … COMMENT='…' (a table option).
      const ct = s.facts.createTable;
      if (ct?.comment !== undefined) {
        commented.add(ct.table.name.toLowerCase());
        const max = ctx.payload.maxLength;
        if (max >= 0 && ct.comment.length > max) yield { messageId: 'long', data: { table: qualified(ct.table), length: ct.comment.length, max }, statement: s.index };
      }
      // MySQL: ALTER TABLE … COMMENT='…'.
      for (const a of s.facts.alterTable?.actions ?? []) {
        if (a.type !== 'set-option' || a.option !== 'COMMENT' || a.value === undefined) continue;
        const text = a.value.replace(/^'([\s\S]*)'$/, '$1').replace(/''/g, "'");
        const table = s.facts.alterTable!.table;
        commented.add(table.name.toLowerCase());
        const max = ctx.payload.maxLength;
        if (max >= 0 && text.length > max) yield { messageId: 'long', data: { table: qualified(table), length: text.length, max }, statement: s.index };
      }
      const c = s.facts.comment;
      if (c?.object !== 'table') continue;
      commented.add(c.name.toLowerCase().split('.').pop()!);
      const max = ctx.payload.maxLength;
      if (c.text !== null && max >= 0 && c.text.length > max) {
        yield { messageId: 'long', data: { table: c.name, length: c.text.length, max }, statement: s.index };
      }
    }
    if (!ctx.payload.required) return;
    for (const s of file.statements) {
      const ct = s.facts.createTable;
      if (ct && !ct.temporary && !commented.has(ct.table.name.toLowerCase())) {
        yield { messageId: 'missing', data: { table: qualified(ct.table) }, statement: s.index, ...(ct.table.at !== undefined ? { at: ct.table.at } : {}) };
      }
    }
  },
});
