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
    usesSchema: true,
    whenOff: 'Never for a view that still exists. The rule knows the views created by earlier migrations and earlier statements of the file (bb lint does not read the server).',
  },
  *check(stmt, ctx) {
    const f = chFacts(stmt.facts);
    if (!f || f.statement !== 'alter-table' || !f.table) return;
    const table = f.table;
    // Views known from earlier migrations and earlier statements of this file (the schema model follows
    // CREATE and DROP VIEW), with what they read.
    const readers: { view: string; columns: readonly string[] | '*' }[] = [];
    for (const list of ctx.schema.tables.values()) {
      for (const t of list) {
        if (!t.view || !t.reads) continue;
        for (const r of t.reads) {
          if (r.table.name !== table.name) continue;
          if (r.table.schema !== undefined && table.database !== undefined && r.table.schema !== table.database) continue;
          readers.push({ view: t.schema ? `${t.schema}.${t.name}` : t.name, columns: r.columns });
        }
      }
    }
    if (readers.length === 0) return;
    for (const a of f.actions ?? []) {
      if ((a.kind !== 'drop-column' && a.kind !== 'rename-column') || !a.name) continue;
      for (const r of readers) {
        if (r.columns !== '*' && !r.columns.includes(a.name)) continue;
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
