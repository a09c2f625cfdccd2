import { defineRule } from '../src/lint/types.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'column.add-not-null-without-default',
    engines: ['postgres', 'snowflake'],
    kinds: ['alter-table'],
    category: 'column',
    defaultLevel: 'error',
    recommended: true,
    description: 'Do not add a NOT NULL column without a DEFAULT to an existing table',
    rationale: 'ADD COLUMN … NOT NULL without a default fails as soon as the table has a row, and the running application, which does not know the column, cannot insert either. Add it with a DEFAULT, or nullable and backfill first. (Squawk: adding-required-field, adding-not-nullable-field.)',
    payload: {},
    messages: { required: 'Column {{column}} is added to {{table}} as NOT NULL without a DEFAULT: it fails on a non-empty table and breaks inserts of the running application' },
    examples: { bad: 'ALTER TABLE users ADD COLUMN plan text NOT NULL;', good: "ALTER TABLE users ADD COLUMN plan text NOT NULL DEFAULT 'free';" },
  },
  *check(stmt, ctx) {
    const at = stmt.facts.alterTable;
    if (!at || ctx.createdInFile(qualified(at.table))) return;
    for (const a of at.actions) {
      const c = a.type === 'add-column' ? a.column : undefined;
      if (c && c.notNull && c.default === undefined && !c.generated && !c.autoIncrement) {
        yield { messageId: 'required', data: { column: c.name, table: qualified(at.table) }, ...(a.at !== undefined ? { at: a.at } : {}) };
      }
    }
  },
});
