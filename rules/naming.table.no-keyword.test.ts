import { testRule } from '../src/lint/rule-tester.js';
import rule from './naming.table.no-keyword.js';

testRule(rule, {
  valid: [
    'CREATE TABLE ORDERS (ID NUMBER PRIMARY KEY);',
    'CREATE TABLE "Order_Lines" (ID NUMBER);',
    'ALTER TABLE ORDERS RENAME TO SALES_ORDERS;',
  ],
  invalid: [
    { sql: 'CREATE TABLE "ORDER" (ID NUMBER PRIMARY KEY);', errors: [{ messageId: 'keyword', line: 1, column: 14, message: 'ORDER' }] },
    { sql: 'CREATE OR REPLACE TABLE analytics."group" (ID NUMBER);', errors: [{ messageId: 'keyword', message: 'group' }] },
    { sql: 'ALTER TABLE T RENAME TO "TABLE";', errors: [{ messageId: 'keyword', column: 25 }] },
  ],
});
