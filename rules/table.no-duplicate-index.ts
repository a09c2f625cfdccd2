import type { IndexFacts } from '../src/lint/facts.js';
import { defineRule } from '../src/lint/types.js';
import { qualified } from './_util/names.js';

const key = (i: IndexFacts): string => `${i.method === 'FULLTEXT' || i.method === 'SPATIAL' ? i.method : ''}(${i.columns.map((c) => c.toLowerCase()).join(',')})`;

export default defineRule({
  meta: {
    id: 'table.no-duplicate-index',
    engines: ['mysql'],
    kinds: ['create-table', 'alter-table', 'create-index'],
    category: 'table',
    defaultLevel: 'warning',
    recommended: true,
    usesSchema: true,
    description: 'Forbid two indexes on the same columns of a table',
    rationale: 'A second index on the same column list costs disk, memory and write time and gives the optimizer nothing new. It usually comes from adding a KEY that a UNIQUE KEY or the primary key already covers.',
    payload: {},
    messages: { duplicate: 'Index {{index}} on {{table}} duplicates {{other}} (same columns {{columns}})' },
    examples: {
      bad: 'CREATE TABLE users (id bigint PRIMARY KEY, email varchar(255), KEY idx_email (email), UNIQUE KEY uk_email (email));',
      good: 'CREATE TABLE users (id bigint PRIMARY KEY, email varchar(255), UNIQUE KEY uk_email (email));',
    },
  },
  *check(stmt, ctx) {
    const f = stmt.facts;
    const table = f.createTable?.table ?? f.alterTable?.table ?? f.createIndex?.table;
    if (!table) return;
    // Indexes already on the table (earlier migrations and statements), then the ones this statement adds.
    const seen = new Map<string, string>();
    if (!f.createTable) for (const [name, i] of ctx.schema.table(table)?.indexes ?? []) seen.set(key(i), i.name ?? name);
    const added: IndexFacts[] = [
      ...(f.createTable?.indexes ?? []),
      ...(f.alterTable?.actions ?? []).flatMap((a): IndexFacts[] => (a.type === 'add-index' ? [a.index]
        : a.type === 'add-constraint' && (a.constraint.type === 'unique' || a.constraint.type === 'primary-key') ? [{ ...(a.constraint.name ? { name: a.constraint.name } : a.constraint.type === 'primary-key' ? { name: 'PRIMARY' } : {}), table, columns: a.constraint.columns, unique: true }] : [])),
      ...(f.createIndex ? [f.createIndex] : []),
    ];
    for (const i of added) {
      if (i.columns.length === 0) continue;
      const k = key(i);
      const name = i.name ?? `(${i.columns.join(', ')})`;
      const other = seen.get(k);
      if (other !== undefined) yield { messageId: 'duplicate', data: { index: name, table: qualified(table), other, columns: `(${i.columns.join(', ')})` }, at: Math.max(0, i.name ? stmt.text.lastIndexOf(i.name) : 0) };
      else seen.set(k, name);
    }
  },
});
