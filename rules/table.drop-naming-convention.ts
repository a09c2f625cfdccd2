import { defineRule } from '../src/lint/types.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'table.drop-naming-convention',
    engines: ['postgres', 'snowflake', 'mysql', 'tidb'],
    kinds: ['drop-table'],
    category: 'table',
    defaultLevel: 'error',
    recommended: false,
    description: 'Only drop tables whose name matches a format (renamed first, e.g. to *_del)',
    rationale: 'Renaming a table before dropping it (users → users_del) gives a release cycle to notice that something still uses it, and makes the drop deliberate.',
    payload: { format: { type: 'string', default: '_del$', description: 'Regular expression a table name must match to be dropped' } },
    messages: { name: 'Table {{table}} is dropped but its name does not match "{{format}}"' },
    examples: { bad: 'DROP TABLE users;', good: 'DROP TABLE users_del;' },
  },
  *check(stmt, ctx) {
    for (const t of stmt.facts.dropTable?.tables ?? []) {
      // A case-insensitive name (Snowflake, unquoted) matches the format ignoring case.
      if (!new RegExp(ctx.payload.format, t.caseInsensitive ? 'i' : '').test(t.name)) yield { messageId: 'name', data: { table: qualified(t), format: ctx.payload.format }, ...(t.at !== undefined ? { at: t.at } : {}) };
    }
  },
});
