import { defineRule } from '../src/lint/types.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'table.no-foreign-key',
    engines: ['postgres', 'snowflake', 'mysql', 'tidb'],
    kinds: ['create-table', 'alter-table'],
    category: 'table',
    defaultLevel: 'error',
    recommended: false,
    description: 'Forbid foreign key constraints',
    rationale: 'Some teams keep referential integrity in the application: foreign keys lock the referenced table while they are added and couple schemas that are sharded or moved separately.',
    payload: {},
    messages: { fk: 'Foreign key on {{table}} ({{columns}}) references {{referenced}}' },
    examples: {
      bad: 'CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));',
      good: 'CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL);',
    },
    whenOff: 'Turn it off when the database is meant to enforce references itself (the common case outside sharded setups).',
  },
  *check(stmt) {
    const f = stmt.facts;
    const table = f.createTable?.table ?? f.alterTable?.table;
    if (!table) return;
    const constraints = [
      ...(f.createTable?.constraints ?? []),
      ...(f.createTable?.columns ?? []).filter((c) => c.references).map((c) => ({ type: 'foreign-key' as const, columns: [c.name], references: c.references, at: c.at })),
      ...(f.alterTable?.actions ?? []).flatMap((a) => (a.type === 'add-constraint' ? [{ ...a.constraint, at: a.at ?? a.constraint.at }] : a.type === 'add-column' && a.column.references ? [{ type: 'foreign-key' as const, columns: [a.column.name], references: a.column.references, at: a.column.at }] : [])),
    ];
    for (const c of constraints) {
      if (c.type !== 'foreign-key' || !c.references) continue;
      yield { messageId: 'fk', data: { table: qualified(table), columns: c.columns.join(', '), referenced: qualified(c.references.table) }, ...(c.at !== undefined ? { at: c.at } : {}) };
    }
  },
});
