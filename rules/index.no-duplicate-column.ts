import { defineRule } from '../src/lint/types.js';

export default defineRule({
  meta: {
    id: 'index.no-duplicate-column',
    engines: ['postgres', 'mysql', 'tidb'],
    kinds: ['create-index', 'create-table', 'alter-table'],
    category: 'index',
    defaultLevel: 'error',
    recommended: true,
    description: 'Forbid listing the same column twice in an index or key',
    payload: {},
    messages: { dup: '{{what}} lists column {{column}} twice' },
    examples: { bad: 'CREATE INDEX idx_t_a_a ON t (a, a);', good: 'CREATE INDEX idx_t_a_b ON t (a, b);' },
  },
  *check(stmt) {
    const lists: { what: string; columns: readonly string[]; at?: number }[] = [];
    const ix = stmt.facts.createIndex;
    if (ix) lists.push({ what: `Index ${ix.name ?? `on ${ix.table.name}`}`, columns: ix.columns });
    // MySQL: KEY/INDEX/FULLTEXT inside CREATE TABLE and ALTER TABLE … ADD INDEX (unique keys come as constraints).
    const ct = stmt.facts.createTable;
    for (const i of ct?.indexes ?? []) if (!i.unique) lists.push({ what: `Index ${i.name ?? `on ${i.table.name}`}`, columns: i.columns, ...(ct!.table.at !== undefined ? { at: ct!.table.at } : {}) });
    for (const a of stmt.facts.alterTable?.actions ?? []) if (a.type === 'add-index') lists.push({ what: `Index ${a.index.name ?? `on ${a.index.table.name}`}`, columns: a.index.columns, ...(a.at !== undefined ? { at: a.at } : {}) });
    const constraints = [...(stmt.facts.createTable?.constraints ?? []), ...(stmt.facts.alterTable?.actions ?? []).flatMap((a) => (a.type === 'add-constraint' ? [a.constraint] : []))];
    for (const c of constraints) {
      if (c.type === 'primary-key' || c.type === 'unique' || c.type === 'foreign-key') lists.push({ what: `${c.type === 'primary-key' ? 'Primary key' : c.type === 'unique' ? 'Unique key' : 'Foreign key'}${c.name ? ` ${c.name}` : ''}`, columns: c.columns, ...(c.at !== undefined ? { at: c.at } : {}) });
    }
    for (const l of lists) {
      const seen = new Set<string>();
      for (const col of l.columns) {
        const k = col.toLowerCase();
        if (seen.has(k)) {
          yield { messageId: 'dup', data: { what: l.what, column: col }, ...(l.at !== undefined ? { at: l.at } : {}) };
          break;
        }
        seen.add(k);
      }
    }
  },
});
