import { testRule } from '../src/lint/rule-tester.js';
import rule from './naming.identifier.no-keyword.js';

testRule(rule, {
  valid: [
    'CREATE TABLE SALES (ID NUMBER PRIMARY KEY, ORDER_NO NUMBER);',
    'CREATE VIEW ACTIVE_USERS AS SELECT ID FROM USERS;',
    'SELECT "ORDER" FROM SALES WHERE ID = 1;',
  ],
  invalid: [
    { sql: 'CREATE TABLE SALES (ID NUMBER PRIMARY KEY, "ORDER" NUMBER);', errors: [{ messageId: 'keyword', line: 1, column: 44, message: 'ORDER' }] },
    { sql: 'ALTER TABLE SALES ADD COLUMN "values" VARIANT;', errors: [{ messageId: 'keyword', message: 'values' }] },
    { sql: 'CREATE VIEW "SELECT" AS SELECT 1 AS X;', errors: 1 },
    { sql: 'ALTER TABLE SALES RENAME COLUMN AMOUNT TO "GROUP";', errors: 1 },
  ],
});
