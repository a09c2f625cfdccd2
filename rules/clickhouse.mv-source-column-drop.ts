import { defineRule } from '../src/lint/types.js';
import { chFacts, qname } from './_util/clickhouse.js';

export default defineRule({
  meta: {
    id: 'clickhouse.mv-source-column-drop',
    engines: ['clickhouse'],
    kinds: ['alter-table'],
    category: 'safety',
    defaultLevel: 'error',
    recommended: true,
    description: 'Do not drop or rename a column that a materialized view reads',
    rationale: 'A materialized view runs its SELECT on every insert into its source table. Dropping or renaming a column it reads does not fail the ALTER: it makes every later INSERT into the source table fail (or, with a TO table, silently stop feeding it), so ingestion breaks after the migration has "succeeded". Change the view first (ALTER TABLE … MODIFY QUERY, or drop and recreate it), then the column.',
    payload: {},
    messages: {
      drop: 'Dropping {{column}} of {{table}} breaks materialized view {{view}}, which reads it',
      rename: 'Renaming {{column}} of {{table}} breaks materialized view {{view}}, which reads it',
    },
    examples: {
      bad: 'CREATE MATERIALIZED VIEW daily_mv TO daily AS SELECT toDate(ts) AS day, count() AS n FROM events GROUP BY day;\nALTER TABLE events DROP COLUMN ts;',
      good: 'DROP VIEW daily_mv;\nALTER TABLE events DROP COLUMN ts;',
    },
    whenOff: 'Never for a view that still exists; this rule only sees views created in the same file (bb cannot read the server here).',
  },
  *check(stmt, ctx) {
    const f = chFacts(stmt.facts);
    if (!f || f.statement !== 'alter-table' || !f.table) return;
    const table = f.table;
    // Materialized views created earlier in this file and not dropped since, with their source tables.
    const views = new Map<string, { view: string; star: boolean; identifiers: ReadonlySet<string> }[]>();
    for (const p of ctx.previous) {
      const pf = chFacts(p.facts);
      if (!pf) continue;
      if (pf.statement === 'create-materialized-view' && pf.select && pf.table) {
        for (const src of pf.select.from) {
          const list = views.get(src.name) ?? [];
          list.push({ view: qname(pf.table), star: pf.select.star, identifiers: new Set(pf.select.identifiers) });
          views.set(src.name, list);
        }
      }
      if ((pf.statement === 'drop-view' || pf.statement === 'drop-table') && pf.table) {
        for (const [k, list] of views) views.set(k, list.filter((v) => v.view !== qname(pf.table) && v.view !== pf.table!.name));
      }
    }
    const readers = views.get(table.name) ?? [];
    if (readers.length === 0) return;
    for (const a of f.actions ?? []) {
      if ((a.kind !== 'drop-column' && a.kind !== 'rename-column') || !a.name) continue;
      for (const r of readers) {
        if (!r.star && !r.identifiers.has(a.name)) continue;
        yield {
          messageId: a.kind === 'drop-column' ? 'drop' : 'rename',
          data: { column: a.name, table: qname(table), view: r.view },
          at: a.at,
          help: `Change ${r.view} first (ALTER TABLE ${r.view} MODIFY QUERY …, or drop and recreate it), then the column.`,
        };
      }
    }
  },
});
