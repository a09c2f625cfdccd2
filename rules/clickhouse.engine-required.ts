import { defineRule } from '../src/lint/types.js';
import { chFacts, qname } from './_util/clickhouse.js';

export default defineRule({
  meta: {
    id: 'clickhouse.engine-required',
    engines: ['clickhouse'],
    kinds: ['create-table'],
    category: 'engine',
    defaultLevel: 'warning',
    recommended: true,
    description: 'Name the table engine in CREATE TABLE',
    rationale: 'Without ENGINE = …, the table gets whatever the server\'s default_table_engine setting says: MergeTree on one server, Memory or an error on another, and a plain (unreplicated) engine on a cluster. The same migration then creates different tables in dev and prod. Write the engine, and its sorting key, explicitly.',
    payload: {},
    messages: { missing: 'CREATE TABLE {{table}} does not name an engine; it depends on the server\'s default_table_engine' },
    examples: {
      bad: 'CREATE TABLE events (id UInt64) ORDER BY id;',
      good: 'CREATE TABLE events (id UInt64) ENGINE = MergeTree ORDER BY id;',
    },
    whenOff: 'When every server sets default_table_engine the same way and the team relies on it.',
  },
  *check(stmt) {
    const f = chFacts(stmt.facts);
    if (!f || f.statement !== 'create-table' || f.engine || f.asTable || f.temporary) return;
    yield { messageId: 'missing', data: { table: qname(f.table) }, ...(f.table ? { at: f.table.at } : {}) };
  },
});
