import { defineRule } from '../src/lint/types.js';
import { qualified } from './_util/names.js';
import { tableCharset } from './_util/mysql-table-options.js';

export default defineRule({
  meta: {
    id: 'table.require-charset',
    engines: ['mysql'],
    kinds: ['create-table'],
    category: 'table',
    defaultLevel: 'warning',
    recommended: false,
    description: 'Require a character set in the options of CREATE TABLE',
    rationale: 'Without an explicit charset a new table takes whatever the server or database default is at the time it is created, which differs between environments (a developer laptop, CI, production) and between MySQL versions.',
    payload: {},
    messages: { missing: 'Table {{table}} does not set a character set; add DEFAULT CHARSET=utf8mb4 (or the one your schema uses)' },
    examples: {
      bad: 'CREATE TABLE users (id bigint PRIMARY KEY) ENGINE=InnoDB;',
      good: 'CREATE TABLE users (id bigint PRIMARY KEY) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;',
    },
  },
  *check(stmt) {
    const ct = stmt.facts.createTable;
    if (!ct || ct.asSelect || tableCharset(ct.options) !== undefined) return;
    yield { messageId: 'missing', data: { table: qualified(ct.table) }, ...(ct.table.at !== undefined ? { at: ct.table.at } : {}) };
  },
});
