import { testRule } from '../src/lint/rule-tester.js';
import rule from './column.prefer-text.js';

testRule(rule, {
  valid: ['CREATE TABLE t (id bigint PRIMARY KEY, name text);', 'ALTER TABLE t ADD COLUMN v varchar;'],
  invalid: [
    { sql: 'CREATE TABLE t (id bigint PRIMARY KEY, name varchar(100));', errors: [{ messageId: 'varchar', line: 1, column: 40, message: 'varchar(100)' }] },
    { sql: 'ALTER TABLE t ADD COLUMN a character varying(10);', errors: 1 },
    { sql: 'ALTER TABLE t ALTER COLUMN a TYPE varchar(20);', errors: 1 },
  ],
});
