import { defineRule } from '../src/lint/types.js';
import { qualified } from './_util/names.js';
import { tableCollation } from './_util/mysql-table-options.js';

export default defineRule({
  meta: {
    id: 'table.require-collation',
    engines: ['mysql'],
    kinds: ['create-table'],
    category: 'table',
    defaultLevel: 'warning',
    recommended: false,
    description: 'Require a collation in the options of CREATE TABLE',
    rationale: 'Without an explicit collation a new table takes whatever the server or database default is at the time it is created, which differs between environments (a developer laptop, CI, production) and between MySQL versions.',
    payload: {},
    messages: { missing: 'Table {{table}} does not set a collation; add COLLATE=utf8mb4_0900_ai_ci (or the one your schema uses)' },
    examples: {
      bad: 'CREATE TABLE users (id bigint PRIMARY KEY) ENGINE=InnoDB;',
      good: 'CREATE TABLE users (id bigint PRIMARY KEY) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;',
    },
  },
  *check(stmt) {
    const ct = stmt.facts.createTable;
    if (!ct || ct.asSelect || tableCollation(ct.options) !== undefined) return;
    yield { messageId: 'missing', data: { table: qualified(ct.table) }, ...(ct.table.at !== undefined ? { at: ct.table.at } : {}) };
  },
});
