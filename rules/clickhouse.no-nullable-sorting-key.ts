import { defineRule } from '../src/lint/types.js';
import { chFacts, columnType, isNullableType, qname } from './_util/clickhouse.js';

export default defineRule({
  meta: {
    id: 'clickhouse.no-nullable-sorting-key',
    engines: ['clickhouse'],
    kinds: ['create-table', 'alter-table'],
    category: 'table',
    defaultLevel: 'error',
    recommended: true,
    description: 'Keep Nullable columns out of ORDER BY and PRIMARY KEY',
    rationale: 'ClickHouse refuses Nullable columns in the sorting key unless the table sets allow_nullable_key, and with it the key loses efficiency: NULLs need a separate null map, and the primary index cannot skip granules by them as well. Use a non-Nullable type with a default value (empty string, 0, epoch) for key columns.',
    payload: {},
    messages: { nullable: 'Column {{column}} in the {{key}} of {{table}} is {{type}}' },
    examples: {
      bad: 'CREATE TABLE events (project_id Nullable(String), id String) ENGINE = MergeTree ORDER BY (project_id, id);',
      good: "CREATE TABLE events (project_id String DEFAULT '', id String) ENGINE = MergeTree ORDER BY (project_id, id);",
    },
    whenOff: 'When the table deliberately sets allow_nullable_key = 1 and the team accepts the cost.',
  },
  *check(stmt, ctx) {
    const f = chFacts(stmt.facts);
    if (!f || !f.table) return;
    const table = qname(f.table);
    const fromSchema = (name: string): string | undefined => ctx.schema.table(table)?.columns.get(name.toLowerCase())?.typeText ?? ctx.schema.table(table)?.columns.get(name)?.typeText;
    const keys: { key: string; at: number; identifiers: readonly string[] }[] = [];
    let own = f.columns;
    if (f.statement === 'create-table') {
      if (f.orderBy) keys.push({ key: 'ORDER BY', at: f.orderBy.at, identifiers: f.orderBy.identifiers });
      if (f.primaryKey) keys.push({ key: 'PRIMARY KEY', at: f.primaryKey.at, identifiers: f.primaryKey.identifiers });
    } else if (f.statement === 'alter-table') {
      own = (f.actions ?? []).flatMap((a) => (a.kind === 'add-column' && a.column ? [a.column] : []));
      for (const a of f.actions ?? []) if (a.kind === 'modify-order-by' && a.expr) keys.push({ key: 'ORDER BY', at: a.expr.at, identifiers: a.expr.identifiers });
    }
    const seen = new Set<string>();
    for (const k of keys) {
      for (const name of k.identifiers) {
        const type = columnType(name, own, fromSchema);
        if (!type || !isNullableType(type) || seen.has(name)) continue;
        seen.add(name);
        yield { messageId: 'nullable', data: { column: name, key: k.key, table, type }, at: k.at, help: 'Make the column non-Nullable with a default value, or leave it out of the key.' };
      }
    }
  },
});
