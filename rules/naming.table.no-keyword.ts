import { defineRule } from '../src/lint/types.js';
import { isSnowflakeKeyword, snowflakeFacts } from './_util/snowflake.js';

export default defineRule({
  meta: {
    id: 'naming.table.no-keyword',
    engines: ['snowflake'],
    kinds: ['create-table', 'alter-table', 'other'],
    category: 'naming',
    defaultLevel: 'warning',
    recommended: true,
    description: 'Forbid reserved keywords as table names',
    rationale: 'A table named after a reserved keyword (ORDER, GROUP, TABLE) only works quoted: every query, view and tool must then quote it, and forgetting once is a syntax error.',
    payload: {},
    messages: { keyword: 'Table name {{name}} is a reserved keyword in Snowflake' },
    examples: { bad: 'CREATE TABLE "ORDER" (ID NUMBER PRIMARY KEY);', good: 'CREATE TABLE ORDERS (ID NUMBER PRIMARY KEY);' },
    whenOff: 'Turn it off for a legacy schema whose table names cannot change.',
  },
  *check(stmt) {
    const ct = stmt.facts.createTable;
    if (ct && isSnowflakeKeyword(ct.table.name)) yield { messageId: 'keyword', data: { name: ct.table.name }, ...(ct.table.at !== undefined ? { at: ct.table.at } : {}) };
    const sf = snowflakeFacts(stmt.facts);
    if (sf?.object === 'TABLE' && stmt.facts.alterTable) {
      for (const a of stmt.facts.alterTable.actions) {
        if (a.type === 'rename-table' && isSnowflakeKeyword(a.to)) yield { messageId: 'keyword', data: { name: a.to }, ...(a.at !== undefined ? { at: a.at } : {}) };
      }
    }
  },
});
