import { testRule } from '../src/lint/rule-tester.js';
import rule from './column.disallow-change-type.js';

testRule(rule, {
  valid: [
    'ALTER TABLE users ADD COLUMN age_big bigint;',
    'CREATE TABLE users (id bigint PRIMARY KEY, age int);\nALTER TABLE users ALTER COLUMN age TYPE bigint;',
  ],
  invalid: [
    { sql: 'ALTER TABLE users ALTER COLUMN age TYPE bigint;', errors: [{ messageId: 'type', line: 1, column: 32, message: 'users.age to bigint' }] },
    { sql: 'ALTER TABLE t ALTER a SET DATA TYPE varchar(10) USING a::varchar, ALTER b TYPE text;', errors: 2 },
  ],
});
