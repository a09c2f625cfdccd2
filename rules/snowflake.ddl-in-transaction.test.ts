import { testRule } from '../src/lint/rule-tester.js';
import rule from './snowflake.ddl-in-transaction.js';

testRule(rule, {
  valid: [
    "ALTER TABLE EVENTS ADD COLUMN SOURCE STRING;\nBEGIN TRANSACTION;\nINSERT INTO AUDIT (MSG) VALUES ('done');\nCOMMIT;",
    'BEGIN;\nUPDATE T SET A = 1 WHERE ID = 2;\nDELETE FROM U WHERE ID = 3;\nCOMMIT;\nDROP TABLE OLD_DEL;',
    'BEGIN\n  CREATE TABLE T (ID NUMBER);\nEND;',
  ],
  invalid: [
    { sql: "BEGIN TRANSACTION;\nINSERT INTO AUDIT (MSG) VALUES ('start');\nALTER TABLE EVENTS ADD COLUMN SOURCE STRING;\nCOMMIT;", errors: [{ messageId: 'ddl', line: 3, column: 1, message: 'ALTER commits the transaction opened at line 1' }] },
    { sql: 'START TRANSACTION;\nCREATE TABLE T (ID NUMBER);\nROLLBACK;', errors: [{ messageId: 'ddl', line: 2, message: 'CREATE' }] },
    { sql: 'BEGIN WORK;\nDELETE FROM T WHERE ID = 1;\nTRUNCATE TABLE U;\nCOMMIT;', errors: 1 },
  ],
});
