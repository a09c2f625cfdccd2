import { defineRule } from '../src/lint/types.js';
import { columnOf, indexColumnName, MYSQL_BLOB_TYPES, newIndexes } from './_util/mysql-types.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'index.type-no-blob',
    engines: ['mysql', 'tidb'],
    kinds: ['create-table', 'alter-table', 'create-index'],
    category: 'index',
    defaultLevel: 'error',
    recommended: true,
    description: 'Forbid indexes (other than FULLTEXT) on BLOB and TEXT columns',
    rationale: 'A BLOB/TEXT column can only be indexed by a prefix, which makes the index large, cannot cover the query and cannot enforce uniqueness of the whole value. Index a shorter VARCHAR column, a hash of the value, or use a FULLTEXT index for search.',
    usesSchema: true,
    payload: {},
    messages: { blob: 'Index {{index}} on {{table}} includes {{column}}, a {{type}} column' },
    examples: { bad: 'CREATE TABLE posts (id int PRIMARY KEY, body text, KEY idx_body (body(100)));', good: 'CREATE TABLE posts (id int PRIMARY KEY, slug varchar(100), KEY idx_slug (slug));' },
  },
  *check(stmt, ctx) {
    for (const n of newIndexes(stmt.facts)) {
      if (n.index.method === 'FULLTEXT') continue;
      for (const col of n.index.columns) {
        const name = indexColumnName(col);
        const c = name === undefined ? undefined : columnOf(stmt.facts, ctx.schema, n.table, name);
        if (c && MYSQL_BLOB_TYPES.has(c.type)) {
          yield { messageId: 'blob', data: { index: n.index.name ?? `(${n.index.columns.join(', ')})`, table: qualified(n.table), column: c.name, type: c.typeText }, ...(n.at !== undefined ? { at: n.at } : {}) };
        }
      }
    }
  },
});
