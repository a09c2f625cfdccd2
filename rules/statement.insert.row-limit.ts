import { defineRule } from '../src/lint/types.js';

export default defineRule({
  meta: {
    id: 'statement.insert.row-limit',
    engines: ['postgres', 'mysql'],
    kinds: ['insert'],
    category: 'statement',
    defaultLevel: 'warning',
    recommended: false,
    description: 'Limit the number of rows one INSERT … VALUES writes',
    rationale: 'A huge INSERT holds its locks and its transaction for long; load big data sets with COPY or in batches.',
    payload: { number: { type: 'number', default: 1000, min: 0, integer: true, description: 'Maximum rows in one INSERT … VALUES' } },
    messages: { rows: 'INSERT writes {{rows}} rows; the limit is {{max}}' },
    examples: { bad: `INSERT INTO t (a) VALUES ${Array.from({ length: 1001 }, (_, i) => `(${i})`).join(', ')};`, good: 'INSERT INTO t (a) VALUES (1);' },
  },
  *check(stmt, ctx) {
    const rows = stmt.facts.dml?.rows;
    if (rows !== undefined && rows > ctx.payload.number) yield { messageId: 'rows', data: { rows, max: ctx.payload.number } };
  },
});
