import { defineRule } from '../src/lint/types.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'table.disallow-partition',
    engines: ['postgres', 'mysql', 'tidb'],
    kinds: ['create-table', 'alter-table'],
    category: 'table',
    defaultLevel: 'error',
    recommended: false,
    description: 'Forbid partitioned tables',
    rationale: 'Partitioning changes how every query, index and constraint behaves; some teams want it reviewed by a DBA rather than added in a migration.',
    payload: {},
    messages: { partition: 'Table {{table}} is partitioned' },
    examples: {
      bad: 'CREATE TABLE events (id bigint, at timestamptz) PARTITION BY RANGE (at);',
      good: 'CREATE TABLE events (id bigint PRIMARY KEY, at timestamptz);',
    },
  },
  *check(stmt) {
    const ct = stmt.facts.createTable;
    if (ct?.partitioned) yield { messageId: 'partition', data: { table: qualified(ct.table) }, ...(ct.table.at !== undefined ? { at: ct.table.at } : {}) };
    const at = stmt.facts.alterTable;
    // MySQL ALTER TABLE … PARTITION BY / ADD PARTITION, which the parser may not read.
    if (!at && stmt.kind === 'alter-table' && /\b(PARTITION\s+BY|ADD\s+PARTITION)\b/i.test(stmt.text)) {
      const t = stmt.facts.tables?.[0];
      yield { messageId: 'partition', data: { table: t ? qualified(t) : 'table' } };
      return;
    }
    if (at) for (const a of at.actions) if (a.type === 'attach-partition' || (a.type === 'other' && /partition/i.test(a.text))) yield { messageId: 'partition', data: { table: qualified(at.table) } };
  },
});
