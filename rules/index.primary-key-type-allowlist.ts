import { defineRule } from '../src/lint/types.js';
import { canonicalType } from './_util/columns.js';
import { declaredConstraints } from './_util/keys.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'index.primary-key-type-allowlist',
    engines: ['postgres', 'mysql', 'tidb'],
    kinds: ['create-table', 'alter-table'],
    category: 'index',
    defaultLevel: 'error',
    recommended: false,
    description: 'Allow only listed types for primary key columns',
    payload: { list: { type: 'list', default: [], description: 'Allowed types of primary key columns, e.g. [bigint, uuid]; empty: any type' } },
    messages: { type: 'Primary key column {{table}}.{{column}} is {{type}}; allowed: {{allowed}}' },
    examples: { bad: 'CREATE TABLE t (id varchar(20) PRIMARY KEY);', good: 'CREATE TABLE t (id bigint PRIMARY KEY);' },
    /** The examples run with this payload (the default list is empty: nothing to check). */
    examplePayload: { list: ['bigint', 'uuid'] },
  },
  *check(stmt, ctx) {
    const allowed = new Set(ctx.payload.list.map(canonicalType));
    if (allowed.size === 0) return;
    const ct = stmt.facts.createTable;
    const columns = [...(ct?.columns ?? []), ...(stmt.facts.alterTable?.actions ?? []).flatMap((a) => (a.type === 'add-column' ? [a.column] : []))];
    const pkCols = new Set(declaredConstraints(stmt.facts).filter((c) => c.type === 'primary-key').flatMap((c) => c.columns.map((x) => x.toLowerCase())));
    const table = ct?.table ?? stmt.facts.alterTable?.table;
    if (!table) return;
    for (const c of columns) {
      if (!(c.primaryKey || pkCols.has(c.name.toLowerCase()))) continue;
      const t = c.type === 'serial' ? 'int' : c.type === 'bigserial' ? 'bigint' : c.type === 'smallserial' ? 'smallint' : c.type;
      if (!allowed.has(t) && !allowed.has(c.type) && !allowed.has(canonicalType(t))) yield { messageId: 'type', data: { table: qualified(table), column: c.name, type: c.typeText, allowed: ctx.payload.list.join(', ') }, ...(c.at !== undefined ? { at: c.at } : {}) };
    }
  },
});
