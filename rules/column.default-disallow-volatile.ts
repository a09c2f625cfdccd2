import { defineRule } from '../src/lint/types.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'column.default-disallow-volatile',
    engines: ['postgres'],
    kinds: ['alter-table'],
    category: 'column',
    defaultLevel: 'warning',
    recommended: true,
    description: 'Do not add a column with a volatile DEFAULT (random(), clock_timestamp(), gen_random_uuid(), …) to an existing table',
    rationale: 'Since PostgreSQL 11, ADD COLUMN with a constant or stable default (now(), 0, \'x\') only updates the catalog. A volatile default must be computed per row, so the whole table is rewritten under an ACCESS EXCLUSIVE lock. Add the column without a default, set the default, and backfill in batches.',
    payload: {},
    messages: { volatile: 'Column {{column}} is added to {{table}} with the volatile default {{value}}: the table is rewritten under an ACCESS EXCLUSIVE lock' },
    examples: {
      bad: 'ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();',
      good: 'ALTER TABLE users ADD COLUMN token uuid;\nALTER TABLE users ALTER COLUMN token SET DEFAULT gen_random_uuid();',
    },
  },
  *check(stmt, ctx) {
    const at = stmt.facts.alterTable;
    if (!at || ctx.createdInFile(qualified(at.table))) return;
    for (const a of at.actions) {
      if (a.type === 'add-column' && a.column.defaultVolatile) {
        yield { messageId: 'volatile', data: { column: a.column.name, table: qualified(at.table), value: a.column.default ?? '' }, ...(a.at !== undefined ? { at: a.at } : {}), help: 'Add the column without a default, then SET DEFAULT, then backfill in batches.' };
      }
    }
  },
});
