import { testRule } from '../src/lint/rule-tester.js';
import rule from './column.maximum-varchar-length.js';

testRule(rule, {
  valid: [
    { sql: 'CREATE TABLE NOTES (ID NUMBER PRIMARY KEY, BODY VARCHAR(2000), TAG STRING);', engine: 'snowflake' },
    { sql: 'CREATE TABLE `notes` (`id` int NOT NULL, `body` varchar(2000) NOT NULL, `text` mediumtext, PRIMARY KEY (`id`));', engine: 'mysql' },
    { sql: 'ALTER TABLE notes MODIFY COLUMN body varchar(2560) CHARACTER SET utf8mb4;', engine: 'mysql' },
    'ALTER TABLE NOTES ADD COLUMN TITLE VARCHAR(2560);',
    { sql: 'CREATE TABLE NOTES (BODY VARCHAR(9000));', payload: { number: 10000 } },
  ],
  invalid: [
    { sql: 'CREATE TABLE NOTES (ID NUMBER PRIMARY KEY, BODY VARCHAR(100000));', engine: 'snowflake', errors: [{ messageId: 'long', line: 1, column: 44, message: 'VARCHAR(100000)' }] },
    { sql: 'ALTER TABLE NOTES ADD COLUMN TITLE CHARACTER VARYING(3000);', engine: 'snowflake', errors: [{ messageId: 'long', message: 'TITLE of NOTES' }] },
    { sql: 'ALTER TABLE NOTES ALTER COLUMN BODY SET DATA TYPE VARCHAR(5000);', engine: 'snowflake', errors: 1 },
    { sql: 'CREATE TABLE `notes` (`id` int NOT NULL, `body` varchar(5000) NOT NULL, PRIMARY KEY (`id`));', engine: 'mysql', errors: [{ messageId: 'long', line: 1, column: 42, message: 'body of notes is varchar(5000)' }] },
    { sql: 'ALTER TABLE notes CHANGE COLUMN body content varchar(3000), MODIFY title varchar(2561);', engine: 'mysql', errors: 2 },
    { sql: 'CREATE TABLE T (A VARCHAR(300));', payload: { number: 255 }, errors: 1 },
  ],
});
