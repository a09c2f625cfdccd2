import { testRule } from '../src/lint/rule-tester.js';
import rule from './column.maximum-varchar-length.js';

testRule(rule, {
  valid: [
    'CREATE TABLE NOTES (ID NUMBER PRIMARY KEY, BODY VARCHAR(2000), TAG STRING);',
    'ALTER TABLE NOTES ADD COLUMN TITLE VARCHAR(2560);',
    { sql: 'CREATE TABLE NOTES (BODY VARCHAR(9000));', payload: { number: 10000 } },
  ],
  invalid: [
    { sql: 'CREATE TABLE NOTES (ID NUMBER PRIMARY KEY, BODY VARCHAR(100000));', errors: [{ messageId: 'long', line: 1, column: 44, message: 'VARCHAR(100000)' }] },
    { sql: 'ALTER TABLE NOTES ADD COLUMN TITLE CHARACTER VARYING(3000);', errors: [{ messageId: 'long', message: 'TITLE of NOTES' }] },
    { sql: 'ALTER TABLE NOTES ALTER COLUMN BODY SET DATA TYPE VARCHAR(5000);', errors: 1 },
    { sql: 'CREATE TABLE T (A VARCHAR(300));', payload: { number: 255 }, errors: 1 },
  ],
});
