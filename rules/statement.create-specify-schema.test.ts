import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.create-specify-schema.js';

testRule(rule, {
  valid: [
    'CREATE TABLE app.users (id bigint PRIMARY KEY);',
    'CREATE VIEW app.active AS SELECT 1 AS one;',
    'CREATE TEMP TABLE scratch (x int);',
  ],
  invalid: [
    { sql: 'CREATE TABLE users (id bigint PRIMARY KEY);', errors: [{ messageId: 'schema', line: 1, column: 14 }] },
    { sql: 'CREATE SEQUENCE order_numbers;', errors: [{ messageId: 'schema', message: 'Sequence order_numbers' }] },
    { sql: "CREATE TYPE mood AS ENUM ('sad', 'ok');", errors: 1 },
  ],
});
