import { defineRule } from '../src/lint/types.js';
import { isSnowflakeKeyword, snowflakeFacts } from './_util/snowflake.js';

export default defineRule({
  meta: {
    id: 'naming.identifier.no-keyword',
    engines: ['snowflake'],
    kinds: ['*'],
    category: 'naming',
    defaultLevel: 'warning',
    recommended: true,
    description: 'Forbid reserved keywords as names of tables, columns, views and other objects',
    rationale: 'An object or column named after a reserved keyword (ORDER, GROUP, VALUES) must be quoted everywhere it is used; one unquoted use is a syntax error, often found only in production queries.',
    payload: {},
    messages: { keyword: 'Identifier {{name}} is a reserved keyword in Snowflake' },
    examples: { bad: 'CREATE TABLE SALES (ID NUMBER PRIMARY KEY, "ORDER" NUMBER);', good: 'CREATE TABLE SALES (ID NUMBER PRIMARY KEY, ORDER_NO NUMBER);' },
    whenOff: 'Turn it off for a legacy schema whose names cannot change.',
  },
  *check(stmt) {
    for (const id of snowflakeFacts(stmt.facts)?.identifiers ?? []) {
      if (isSnowflakeKeyword(id.name)) yield { messageId: 'keyword', data: { name: id.name }, at: id.at };
    }
  },
});
