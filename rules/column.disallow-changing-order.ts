import { defineRule } from '../src/lint/types.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'column.disallow-changing-order',
    engines: ['mysql', 'tidb'],
    kinds: ['alter-table'],
    category: 'column',
    defaultLevel: 'error',
    recommended: true,
    description: 'Forbid moving existing columns with MODIFY/CHANGE COLUMN … FIRST or AFTER',
    rationale: 'Reordering columns rebuilds the whole table (a full copy under a lock on most versions) and breaks code that relies on column positions (SELECT *, INSERT without a column list). A table created earlier in the same file is exempt.',
    payload: {},
    messages: { order: 'Column {{column}} of {{table}} is moved with {{position}}' },
    examples: { bad: 'ALTER TABLE users MODIFY COLUMN email varchar(255) AFTER id;', good: 'ALTER TABLE users MODIFY COLUMN email varchar(255);' },
  },
  *check(stmt, ctx) {
    const at = stmt.facts.alterTable;
    if (!at || ctx.createdInFile(qualified(at.table))) return; // a table created in this file has no rows to copy
    for (const a of at.actions) {
      if ((a.type === 'modify-column' || a.type === 'change-column') && a.position) {
        yield { messageId: 'order', data: { column: a.type === 'change-column' ? a.from : a.column.name, table: qualified(at.table), position: a.position.toUpperCase() }, ...(a.at !== undefined ? { at: a.at } : {}) };
      }
    }
  },
});
