import { defineRule } from '../src/lint/types.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'column.disallow-change-type',
    engines: ['postgres', 'mysql', 'tidb'],
    kinds: ['alter-table'],
    category: 'column',
    defaultLevel: 'error',
    recommended: true,
    description: 'Forbid changing the type of a column of an existing table',
    rationale: 'ALTER COLUMN … TYPE rewrites the table and its indexes under an ACCESS EXCLUSIVE lock (except a few binary-compatible changes such as varchar(n) → text), and the running application may not handle the new type. Add a new column, backfill it, and switch over.',
    payload: {},
    messages: {
      type: 'Changing {{table}}.{{column}} to {{type}} rewrites the table under an ACCESS EXCLUSIVE lock',
      mysqlType: 'Changing {{table}}.{{column}} from {{from}} to {{type}} copies the table and blocks writes while it runs',
    },
    examples: { bad: 'ALTER TABLE users ALTER COLUMN age TYPE bigint;', good: 'ALTER TABLE users ADD COLUMN age_big bigint;' },
  },
  *check(stmt, ctx) {
    const at = stmt.facts.alterTable;
    if (!at || ctx.createdInFile(qualified(at.table))) return;
    for (const a of at.actions) {
      if (a.type === 'modify-column' || a.type === 'change-column') {
        // MySQL MODIFY/CHANGE restate the whole column: a type change only when it differs from the known one.
        const from = a.type === 'change-column' ? a.from : a.column.name;
        const old = ctx.schema.table(at.table)?.columns.get(from.toLowerCase());
        const norm = (t: string): string => t.toLowerCase().replace(/\s+/g, ' ').replace(/^integer\b/, 'int').trim();
        if (old && norm(old.typeText) !== norm(a.column.typeText)) yield { messageId: 'mysqlType', data: { table: qualified(at.table), column: from, from: old.typeText, type: a.column.typeText }, ...(a.at !== undefined ? { at: a.at } : {}) };
      }
      if (a.type === 'alter-column-type') yield { messageId: 'type', data: { table: qualified(at.table), column: a.column, type: a.newType.typeText }, ...(a.at !== undefined ? { at: a.at } : {}) };
    }
  },
});
