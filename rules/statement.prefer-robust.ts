import { defineRule } from '../src/lint/types.js';

export default defineRule({
  meta: {
    id: 'statement.prefer-robust',
    engines: ['postgres'],
    kinds: ['create-table', 'create-index', 'drop-table', 'drop-index', 'alter-table'],
    category: 'statement',
    defaultLevel: 'warning',
    recommended: true,
    description: 'In migrations that run outside a transaction, use IF [NOT] EXISTS so a retry can re-run them',
    rationale: 'A migration that runs outside a transaction (CREATE INDEX CONCURRENTLY, -- bb:transaction off) can fail half-way with some statements applied. bb resumes at the failed statement, but a hand re-run or a retried CONCURRENTLY build (which leaves an INVALID index behind) needs statements that tolerate being run twice. (Squawk: prefer-robust-stmts.)',
    payload: {},
    messages: { robust: '{{what}} without {{guard}} fails when the migration is run again after a partial failure' },
    examples: {
      bad: '-- bb:transaction off\nCREATE INDEX CONCURRENTLY idx_users_email ON users (email);',
      good: '-- bb:transaction off\nCREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_email ON users (email);',
    },
  },
  *check(stmt, ctx) {
    if (ctx.file.transactional) return;
    const f = stmt.facts;
    if (f.createTable && !f.createTable.ifNotExists && !f.createTable.temporary) yield { messageId: 'robust', data: { what: 'CREATE TABLE', guard: 'IF NOT EXISTS' } };
    if (f.createIndex && !f.createIndex.ifNotExists) yield { messageId: 'robust', data: { what: 'CREATE INDEX', guard: 'IF NOT EXISTS' } };
    if (f.dropTable && !f.dropTable.ifExists) yield { messageId: 'robust', data: { what: 'DROP TABLE', guard: 'IF EXISTS' } };
    if (f.dropIndex && !f.dropIndex.ifExists) yield { messageId: 'robust', data: { what: 'DROP INDEX', guard: 'IF EXISTS' } };
    for (const a of f.alterTable?.actions ?? []) {
      if (a.type === 'add-column' && !a.ifNotExists) yield { messageId: 'robust', data: { what: 'ADD COLUMN', guard: 'IF NOT EXISTS' }, ...(a.at !== undefined ? { at: a.at } : {}) };
      if (a.type === 'drop-column' && !/\bdrop\s+(column\s+)?if\s+exists\b/i.test(stmt.text)) yield { messageId: 'robust', data: { what: 'DROP COLUMN', guard: 'IF EXISTS' } };
    }
  },
});
