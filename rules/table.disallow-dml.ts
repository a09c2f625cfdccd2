import { defineRule } from '../src/lint/types.js';
import { leadingVerb, listedTables, qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'table.disallow-dml',
    engines: ['mysql'],
    kinds: ['insert', 'update', 'delete'],
    category: 'table',
    defaultLevel: 'error',
    recommended: false,
    description: 'Forbid data changes (INSERT, UPDATE, DELETE) on the listed tables',
    rationale: 'Some tables hold data owned by another system (audit logs, ledgers, tables an ETL job loads); a migration in this project must not write to them.',
    payload: { list: { type: 'list', default: [], description: 'Tables (name or db.name) that no migration may touch this way' } },
    examplePayload: { list: ['orders'] },
    messages: { disallowed: '{{verb}} on {{table}} is not allowed (table.disallow-dml lists it)' },
    examples: { bad: 'DELETE FROM orders WHERE id = 1;', good: 'DELETE FROM users WHERE id = 1;' },
  },
  *check(stmt, ctx) {
    if (ctx.payload.list.length === 0) return;
    const tables = stmt.facts.dml?.table ? [stmt.facts.dml.table] : [];
    const verb = leadingVerb(stmt.text, stmt.kind);
    for (const t of listedTables(tables, ctx.payload.list)) {
      yield { messageId: 'disallowed', data: { verb, table: qualified(t) }, ...(t.at !== undefined ? { at: t.at } : {}) };
    }
  },
});
