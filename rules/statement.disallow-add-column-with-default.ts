import { defineRule } from '../src/lint/types.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'statement.disallow-add-column-with-default',
    engines: ['postgres'],
    kinds: ['alter-table'],
    category: 'statement',
    defaultLevel: 'warning',
    recommended: false,
    description: 'Forbid adding a column with a DEFAULT to an existing table',
    rationale: 'Before PostgreSQL 11 every ADD COLUMN … DEFAULT rewrote the table under an ACCESS EXCLUSIVE lock; since 11 only volatile defaults do (see column.default-disallow-volatile). Teams that run old servers, or want defaults set in a separate step, keep this rule on.',
    payload: {},
    messages: { dflt: 'Column {{column}} is added to {{table}} with DEFAULT {{value}}' },
    examples: { bad: 'ALTER TABLE users ADD COLUMN active boolean DEFAULT true;', good: 'ALTER TABLE users ADD COLUMN active boolean;' },
  },
  *check(stmt, ctx) {
    const at = stmt.facts.alterTable;
    if (!at || ctx.createdInFile(qualified(at.table))) return;
    for (const a of at.actions) {
      if (a.type === 'add-column' && a.column.default !== undefined) {
        yield { messageId: 'dflt', data: { column: a.column.name, table: qualified(at.table), value: a.column.default }, ...(a.at !== undefined ? { at: a.at } : {}) };
      }
    }
  },
});
