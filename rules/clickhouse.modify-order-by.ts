import { defineRule } from '../src/lint/types.js';
import { chFacts, qname } from './_util/clickhouse.js';

const norm = (s: string): string => s.replace(/\s+/g, '').replace(/`/g, '');

export default defineRule({
  meta: {
    id: 'clickhouse.modify-order-by',
    engines: ['clickhouse'],
    kinds: ['alter-table'],
    category: 'table',
    defaultLevel: 'error',
    recommended: true,
    description: 'MODIFY ORDER BY may only append columns added in the same ALTER',
    rationale: 'ALTER TABLE … MODIFY ORDER BY changes metadata only, so ClickHouse allows nothing that would require re-sorting existing data: the new key must be the old key followed by columns added in the same ALTER statement (which are empty in every existing part). Anything else fails on the server, or, for a table whose key you cannot change, needs a new table and an INSERT … SELECT. The PRIMARY KEY cannot be changed at all.',
    payload: {},
    messages: {
      alone: 'MODIFY ORDER BY on {{table}} without ADD COLUMN in the same ALTER: only columns added in the same statement can be appended to the key',
      notAppended: 'MODIFY ORDER BY on {{table}} must keep the existing key and append only the columns added in this ALTER ({{added}})',
      changed: 'MODIFY ORDER BY on {{table}} changes the existing key ({{old}}); only appending new columns is possible',
    },
    examples: {
      bad: 'ALTER TABLE events MODIFY ORDER BY (project_id, ts);',
      good: 'ALTER TABLE events ADD COLUMN env LowCardinality(String), MODIFY ORDER BY (project_id, id, env);',
    },
    whenOff: 'Never: the server refuses these changes; the rule reports them before the migration runs.',
  },
  *check(stmt, ctx) {
    const f = chFacts(stmt.facts);
    if (!f || f.statement !== 'alter-table' || !f.table) return;
    const added = (f.actions ?? []).flatMap((a) => (a.kind === 'add-column' && a.name ? [a.name] : []));
    const table = qname(f.table);
    for (const a of f.actions ?? []) {
      if (a.kind !== 'modify-order-by' || !a.expr) continue;
      if (added.length === 0) {
        yield { messageId: 'alone', data: { table }, at: a.at };
        continue;
      }
      const items = a.expr.items.map(norm);
      const first = items.findIndex((i) => added.includes(i));
      const tail = first === -1 ? [] : items.slice(first);
      if (first === -1 || !tail.every((i) => added.includes(i))) {
        yield { messageId: 'notAppended', data: { table, added: added.join(', ') }, at: a.at };
        continue;
      }
      // The old key, when this file created the table: the new key must start with it.
      const created = [...ctx.previous].reverse().map((p) => chFacts(p.facts)).find((p) => p?.statement === 'create-table' && p.table?.name === f.table!.name);
      const old = created?.orderBy?.items.map(norm);
      if (old && (old.length !== first || old.some((o, k) => o !== items[k]))) {
        yield { messageId: 'changed', data: { table, old: created!.orderBy!.text }, at: a.at };
      }
    }
  },
});
