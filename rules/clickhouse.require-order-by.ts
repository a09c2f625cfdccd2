import { defineRule } from '../src/lint/types.js';
import { chFacts, qname } from './_util/clickhouse.js';

export default defineRule({
  meta: {
    id: 'clickhouse.require-order-by',
    engines: ['clickhouse'],
    kinds: ['create-table'],
    category: 'table',
    defaultLevel: 'error',
    recommended: true,
    description: 'Give every MergeTree table a real sorting key (ORDER BY), not tuple()',
    rationale: 'The ORDER BY key is ClickHouse\'s primary index: it decides which granules a query can skip, how well columns compress, and what ReplacingMergeTree and friends deduplicate by. A MergeTree table without one (ORDER BY tuple(), or only an implicit key) is scanned in full by every query. This is ClickHouse\'s counterpart of table.require-pk; the key cannot be changed later except by appending new columns.',
    payload: {},
    messages: {
      missing: 'MergeTree table {{table}} has no ORDER BY',
      empty: 'MergeTree table {{table}} is sorted by tuple(): every query scans it in full',
    },
    examples: {
      bad: 'CREATE TABLE events (ts DateTime, id UInt64) ENGINE = MergeTree ORDER BY tuple();',
      good: 'CREATE TABLE events (ts DateTime, id UInt64) ENGINE = MergeTree ORDER BY (ts, id);',
    },
    whenOff: 'For staging or log tables that are only ever read in full.',
  },
  *check(stmt) {
    const f = chFacts(stmt.facts);
    if (!f || f.statement !== 'create-table' || !f.engine?.mergeTree || f.asTable) return;
    const table = qname(f.table);
    if (!f.orderBy && !f.primaryKey) {
      yield { messageId: 'missing', data: { table }, ...(f.table ? { at: f.table.at } : {}) };
      return;
    }
    const key = f.orderBy ?? f.primaryKey!;
    if (key.items.length === 0 || /^tuple\(\s*\)$/i.test(key.text.replace(/\s+/g, '')) || /^\(\s*\)$/.test(key.text)) {
      yield { messageId: 'empty', data: { table }, at: key.at };
    }
  },
});
