import { testRule } from '../src/lint/rule-tester.js';
import rule from './naming.identifier.no-keyword.js';

testRule(rule, {
  valid: [
    { sql: 'CREATE TABLE SALES (ID NUMBER PRIMARY KEY, ORDER_NO NUMBER);', engine: 'snowflake' },
    { sql: 'CREATE VIEW ACTIVE_USERS AS SELECT ID FROM USERS;', engine: 'snowflake' },
    { sql: 'SELECT "ORDER" FROM SALES WHERE ID = 1;', engine: 'snowflake' },
    { sql: 'CREATE TABLE orders (id bigint PRIMARY KEY, order_no int);', engine: 'mysql' },
    { sql: 'ALTER TABLE orders ADD COLUMN status_code int;', engine: 'mysql' },
  ],
  invalid: [
    { sql: 'CREATE TABLE SALES (ID NUMBER PRIMARY KEY, "ORDER" NUMBER);', engine: 'snowflake', errors: [{ messageId: 'keyword', line: 1, column: 44, message: 'ORDER' }] },
    { sql: 'ALTER TABLE SALES ADD COLUMN "values" VARIANT;', engine: 'snowflake', errors: [{ messageId: 'keyword', message: 'values' }] },
    { sql: 'CREATE VIEW "SELECT" AS SELECT 1 AS X;', engine: 'snowflake', errors: 1 },
    { sql: 'ALTER TABLE SALES RENAME COLUMN AMOUNT TO "GROUP";', engine: 'snowflake', errors: 1 },
    { sql: 'CREATE TABLE orders (id bigint PRIMARY KEY, `order` int);', engine: 'mysql', errors: [{ messageId: 'keyword', line: 1, column: 45, message: 'order' }] },
    { sql: 'ALTER TABLE orders ADD COLUMN `group` int;', engine: 'mysql', errors: [{ messageId: 'keyword', message: 'group' }] },
    { sql: 'CREATE TABLE `select` (id int PRIMARY KEY);', engine: 'mysql', errors: 1 },
  ],
});
