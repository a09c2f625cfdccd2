import { defineRule } from '../src/lint/types.js';
import { qualified } from './_util/names.js';

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
    const listed = new Set(ctx.payload.list.map((t) => t.toLowerCase()));
    const tables = stmt.facts.dml?.table ? [stmt.facts.dml.table] : [];
    const verb = (/^\s*(\w+)/.exec(stmt.text.replace(/^(\s|--[^\n]*\n|#[^\n]*\n|\/\*[\s\S]*?\*\/)*/, ''))?.[1] ?? stmt.kind).toUpperCase();
    const done = new Set<string>();
    for (const t of tables) {
      const name = qualified(t).toLowerCase();
      if (done.has(name) || !(listed.has(name) || listed.has(t.name.toLowerCase()))) continue;
      done.add(name);
      yield { messageId: 'disallowed', data: { verb, table: qualified(t) }, ...(t.at !== undefined ? { at: t.at } : {}) };
    }
  },
});
