import { testRule } from '../src/lint/rule-tester.js';
import rule from './table.text-fields-total-length.js';

testRule(rule, {
  valid: [
    'CREATE TABLE posts (id bigint PRIMARY KEY, title varchar(255), slug varchar(255), code char(10));',
    { sql: 'CREATE TABLE posts (id bigint PRIMARY KEY, body text);', payload: { number: 70000 } },
    { sql: 'ALTER TABLE posts ADD COLUMN views int;', before: 'CREATE TABLE posts (id bigint PRIMARY KEY, body text);' },
  ],
  invalid: [
    { sql: 'CREATE TABLE posts (id bigint PRIMARY KEY, title varchar(255), body text);', errors: [{ messageId: 'total', line: 1, column: 14, message: '65790 characters' }] },
    { sql: 'CREATE TABLE t (a varchar(600), b varchar(401));', errors: [{ messageId: 'total', message: '1001' }] },
    { sql: 'ALTER TABLE posts ADD COLUMN summary varchar(600);', before: 'CREATE TABLE posts (id bigint PRIMARY KEY, title varchar(500));', errors: [{ messageId: 'total', message: '1100' }] },
  ],
});
