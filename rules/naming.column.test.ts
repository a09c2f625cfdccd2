import { testRule } from '../src/lint/rule-tester.js';
import rule from './naming.column.js';

testRule(rule, {
  valid: [
    'CREATE TABLE users (id bigint PRIMARY KEY, first_name text);',
    'ALTER TABLE users ADD COLUMN last_name text;\nALTER TABLE users RENAME COLUMN x TO y;',
    { sql: 'ALTER TABLE users MODIFY COLUMN first_name varchar(64) NOT NULL;', engine: 'mysql' },
  ],
  invalid: [
    { sql: 'CREATE TABLE users (id bigint PRIMARY KEY, "firstName" text);', engine: 'postgres', errors: [{ messageId: 'format', line: 1, column: 44, message: 'firstName' }] },
    { sql: 'ALTER TABLE users ADD COLUMN note2 text;', errors: [{ messageId: 'format', column: 30 }] },
    { sql: 'ALTER TABLE users RENAME COLUMN a TO "B";', engine: 'postgres', errors: 1 },
    { sql: 'CREATE TABLE t (abcdef int);', payload: { maxLength: 5 }, errors: [{ messageId: 'length' }] },
    { sql: 'CREATE TABLE users (id bigint PRIMARY KEY, `firstName` text);', engine: 'mysql', errors: [{ messageId: 'format', line: 1, column: 44, message: 'firstName' }] },
    { sql: 'ALTER TABLE users CHANGE COLUMN a `B` int;', engine: 'mysql', errors: 1 },
  ],
});
