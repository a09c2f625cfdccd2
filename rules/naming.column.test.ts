import { testRule } from '../src/lint/rule-tester.js';
import rule from './naming.column.js';

testRule(rule, {
  valid: [
    'CREATE TABLE users (id bigint PRIMARY KEY, first_name text);',
    'ALTER TABLE users ADD COLUMN last_name text;\nALTER TABLE users RENAME COLUMN x TO y;',
  ],
  invalid: [
    { sql: 'CREATE TABLE users (id bigint PRIMARY KEY, "firstName" text);', errors: [{ messageId: 'format', line: 1, column: 44, message: 'firstName' }] },
    { sql: 'ALTER TABLE users ADD COLUMN note2 text;', errors: [{ messageId: 'format', column: 30 }] },
    { sql: 'ALTER TABLE users RENAME COLUMN a TO "B";', errors: 1 },
    { sql: 'CREATE TABLE t (abcdef int);', payload: { maxLength: 5 }, errors: [{ messageId: 'length' }] },
  ],
});
