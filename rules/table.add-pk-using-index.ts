import { defineRule } from '../src/lint/types.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'table.add-pk-using-index',
    engines: ['postgres'],
    kinds: ['alter-table'],
    category: 'table',
    defaultLevel: 'warning',
    recommended: true,
    description: 'Add a primary key to an existing table USING INDEX built concurrently',
    rationale: 'ADD PRIMARY KEY builds its unique index (and checks NOT NULL) under an ACCESS EXCLUSIVE lock, blocking reads and writes for the whole build. Build the index first with CREATE UNIQUE INDEX CONCURRENTLY, then ADD PRIMARY KEY USING INDEX. Adding a serial/identity column as the key also rewrites the table. (Squawk: adding-primary-key-constraint, adding-serial-primary-key-field.)',
    payload: {},
    messages: {
      pk: 'ADD PRIMARY KEY on {{table}} builds its index under an ACCESS EXCLUSIVE lock',
      column: 'Column {{column}} is added to {{table}} as the primary key: the table is rewritten and indexed under an ACCESS EXCLUSIVE lock',
    },
    examples: {
      bad: 'ALTER TABLE events ADD PRIMARY KEY (id);',
      good: 'CREATE UNIQUE INDEX CONCURRENTLY events_pkey_idx ON events (id);\nALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX events_pkey_idx;',
    },
  },
  *check(stmt, ctx) {
    const at = stmt.facts.alterTable;
    if (!at || ctx.createdInFile(qualified(at.table))) return;
    for (const a of at.actions) {
      if (a.type === 'add-constraint' && a.constraint.type === 'primary-key' && !a.constraint.usingIndex) yield { messageId: 'pk', data: { table: qualified(at.table) }, ...(a.at !== undefined ? { at: a.at } : {}) };
      if (a.type === 'add-column' && a.column.primaryKey) yield { messageId: 'column', data: { column: a.column.name, table: qualified(at.table) }, ...(a.at !== undefined ? { at: a.at } : {}) };
    }
  },
});
