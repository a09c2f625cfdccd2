import { defineRule } from '../src/lint/types.js';
import { indexColumnName } from './_util/mysql-types.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'column.disallow-drop-in-index',
    engines: ['mysql', 'tidb'],
    kinds: ['alter-table'],
    category: 'column',
    defaultLevel: 'error',
    recommended: true,
    description: 'Forbid dropping a column that is part of an index (known from earlier migrations and statements)',
    rationale: 'Dropping an indexed column silently shrinks or drops the index (MySQL removes the column from it), which changes query plans and can turn a unique key into a weaker one. Drop the index explicitly first.',
    usesSchema: true,
    payload: {},
    messages: { indexed: 'Column {{table}}.{{column}} is part of index {{index}}; drop the index first' },
    examples: { bad: 'CREATE TABLE t (id int PRIMARY KEY, email varchar(100), KEY idx_email (email));\nALTER TABLE t DROP COLUMN email;', good: 'CREATE TABLE t (id int PRIMARY KEY, email varchar(100), KEY idx_email (email));\nALTER TABLE t DROP INDEX idx_email, DROP COLUMN email;' },
  },
  *check(stmt, ctx) {
    const at = stmt.facts.alterTable;
    if (!at) return;
    const table = ctx.schema.table(at.table);
    if (!table) return;
    const droppedIndexes = new Set(at.actions.flatMap((a) => (a.type === 'drop-index' || a.type === 'drop-constraint' ? [a.name.toLowerCase()] : [])));
    for (const a of at.actions) {
      if (a.type !== 'drop-column') continue;
      const col = a.column.toLowerCase();
      const hits = [...table.indexes.entries()].filter(([k, ix]) => !droppedIndexes.has(k) && ix.columns.some((c) => indexColumnName(c)?.toLowerCase() === col)).map(([, ix]) => ix.name ?? `(${ix.columns.join(', ')})`);
      if (hits.length === 0 && table.columns.get(col)?.primaryKey && !droppedIndexes.has('primary')) hits.push('PRIMARY');
      if (hits.length > 0) yield { messageId: 'indexed', data: { table: qualified(at.table), column: a.column, index: hits.join(', ') }, ...(a.at !== undefined ? { at: a.at } : {}) };
    }
  },
});
