import { defineRule } from '../src/lint/types.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'table.require-pk',
    engines: ['postgres', 'snowflake', 'mysql', 'tidb'],
    kinds: ['create-table', 'alter-table'],
    category: 'table',
    defaultLevel: 'error',
    recommended: true,
    description: 'Require a primary key on every table',
    rationale: 'Rows without a key cannot be updated or deleted one by one reliably, logical replication needs one, and most tools assume it.',
    payload: {},
    messages: {
      missing: 'Table {{table}} has no primary key',
      dropped: 'Dropping the primary key of {{table}} leaves it without one',
    },
    examples: {
      bad: 'CREATE TABLE audit_log (message text);',
      good: 'CREATE TABLE audit_log (id bigint PRIMARY KEY, message text);',
    },
  },
  *check(stmt, ctx) {
    const ct = stmt.facts.createTable;
    if (ct && !ct.asSelect && !ct.temporary && !ct.partitioned) {
      const hasPk = ct.columns.some((c) => c.primaryKey) || ct.constraints.some((c) => c.type === 'primary-key');
      if (!hasPk) yield { messageId: 'missing', data: { table: qualified(ct.table) }, ...(ct.table.at !== undefined ? { at: ct.table.at } : {}) };
    }
    const at = stmt.facts.alterTable;
    if (at) {
      for (const a of at.actions) {
        if ((a.type === 'drop-constraint' && (/_pkey$/i.test(a.name) || a.name === 'PRIMARY KEY' || a.name === 'PRIMARY')) || (a.type === 'drop-index' && a.name === 'PRIMARY')) {
          const hasNew = at.actions.some((b) => b.type === 'add-constraint' && b.constraint.type === 'primary-key');
          if (!hasNew) yield { messageId: 'dropped', data: { table: qualified(at.table) } };
        }
      }
    }
    void ctx;
  },
});
