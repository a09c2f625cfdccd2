import { defineRule } from '../src/lint/types.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'index.create-concurrently',
    engines: ['postgres'],
    kinds: ['create-index'],
    category: 'index',
    defaultLevel: 'warning',
    recommended: true,
    description: 'Create indexes on existing tables with CREATE INDEX CONCURRENTLY',
    rationale: 'A plain CREATE INDEX holds a SHARE lock for the whole build: every INSERT, UPDATE and DELETE on the table waits. CONCURRENTLY builds without blocking writes (it cannot run in a transaction: bb runs such a file statement by statement). A table created earlier in the same file is empty, so the rule does not apply to it.',
    payload: {},
    messages: { concurrently: 'CREATE INDEX on {{table}} blocks writes while it builds; use CREATE INDEX CONCURRENTLY' },
    examples: { bad: 'CREATE INDEX idx_users_email ON users (email);', good: 'CREATE INDEX CONCURRENTLY idx_users_email ON users (email);' },
  },
  *check(stmt, ctx) {
    const ix = stmt.facts.createIndex;
    if (!ix || ix.concurrently || ctx.createdInFile(qualified(ix.table))) return;
    yield { messageId: 'concurrently', data: { table: qualified(ix.table) }, help: 'Write CREATE INDEX CONCURRENTLY, in a migration of its own (bb runs it outside a transaction).' };
  },
});
