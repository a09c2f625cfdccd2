import { defineRule } from '../src/lint/types.js';
import { alterSetsOption } from './_util/mysql-table-options.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'statement.require-algorithm-option',
    engines: ['mysql'],
    kinds: ['alter-table'],
    category: 'statement',
    defaultLevel: 'error',
    recommended: false,
    description: 'Require the ALGORITHM option in ALTER TABLE',
    rationale: 'Without ALGORITHM, MySQL silently falls back to a table copy (ALGORITHM=COPY) when the change cannot be done in place, blocking writes for the whole rebuild. Naming the algorithm (INSTANT or INPLACE) makes the statement fail fast instead.',
    payload: {},
    messages: { missing: 'ALTER TABLE {{table}} does not say ALGORITHM=…; add ALGORITHM=INPLACE (or the one the change allows)' },
    examples: {
      bad: 'ALTER TABLE users ADD COLUMN note text;',
      good: 'ALTER TABLE users ADD COLUMN note text, ALGORITHM=INPLACE, LOCK=NONE;',
    },
  },
  *check(stmt) {
    const table = stmt.facts.alterTable?.table ?? stmt.facts.tables?.[0];
    if (!table || alterSetsOption(stmt.facts, stmt.text, 'ALGORITHM')) return;
    yield { messageId: 'missing', data: { table: qualified(table) }, ...(table.at !== undefined ? { at: table.at } : {}) };
  },
});
