import { defineRule } from '../src/lint/types.js';
import { chFacts, isNullableType, qname } from './_util/clickhouse.js';

export default defineRule({
  meta: {
    id: 'clickhouse.no-nullable',
    engines: ['clickhouse'],
    kinds: ['create-table', 'alter-table'],
    category: 'column',
    defaultLevel: 'warning',
    recommended: false,
    description: 'Prefer non-Nullable columns with a default value',
    rationale: 'ClickHouse stores a Nullable column as the values plus a separate null map, reads both on every query, and cannot use it in keys without allow_nullable_key; its documentation says that using Nullable "almost always negatively affects performance". An empty string, 0 or a sentinel date with a DEFAULT is usually the better model. Not in the recommended preset: many schemas use Nullable deliberately.',
    payload: {
      allow: { type: 'list', default: [], description: 'Column names that may be Nullable' },
    },
    messages: { nullable: 'Column {{column}} of {{table}} is {{type}}' },
    examples: {
      bad: 'CREATE TABLE events (id UInt64, note Nullable(String)) ENGINE = MergeTree ORDER BY id;',
      good: "CREATE TABLE events (id UInt64, note String DEFAULT '') ENGINE = MergeTree ORDER BY id;",
    },
    whenOff: 'When NULL carries meaning that a default value cannot (unknown versus empty).',
  },
  *check(stmt, ctx) {
    const f = chFacts(stmt.facts);
    if (!f || !f.table) return;
    const columns = f.statement === 'create-table' ? (f.columns ?? []) : (f.actions ?? []).flatMap((a) => ((a.kind === 'add-column' || a.kind === 'modify-column') && a.column ? [a.column] : []));
    for (const c of columns) {
      if (!isNullableType(c.type) || ctx.payload.allow.includes(c.name)) continue;
      yield { messageId: 'nullable', data: { column: c.name, table: qname(f.table), type: c.type }, at: c.at, length: c.name.length };
    }
  },
});
