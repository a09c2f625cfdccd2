import { defineRule } from '../src/lint/types.js';
import { alterSetsOption } from './_util/mysql-table-options.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'statement.require-lock-option',
    engines: ['mysql'],
    kinds: ['alter-table'],
    category: 'statement',
    defaultLevel: 'error',
    recommended: false,
    description: 'Require the LOCK option in ALTER TABLE',
    rationale: 'Without LOCK, MySQL takes whatever lock the change needs, up to blocking all reads and writes for its whole duration. LOCK=NONE (or SHARED) makes the statement fail fast when it cannot honour that.',
    payload: {},
    messages: { missing: 'ALTER TABLE {{table}} does not say LOCK=…; add LOCK=NONE (or the one the change allows)' },
    examples: {
      bad: 'ALTER TABLE users ADD COLUMN note text;',
      good: 'ALTER TABLE users ADD COLUMN note text, ALGORITHM=INPLACE, LOCK=NONE;',
    },
  },
  *check(stmt) {
    const table = stmt.facts.alterTable?.table ?? stmt.facts.tables?.[0];
    if (!table || alterSetsOption(stmt.facts, stmt.text, 'LOCK')) return;
    yield { messageId: 'missing', data: { table: qualified(table) }, ...(table.at !== undefined ? { at: table.at } : {}) };
  },
});
