import { testRule } from '../src/lint/rule-tester.js';
import rule from './column.prefer-identity.js';

testRule(rule, {
  valid: ['CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);', 'ALTER TABLE t ADD COLUMN n bigint;'],
  invalid: [
    { sql: 'CREATE TABLE t (id bigserial PRIMARY KEY);', errors: [{ messageId: 'serial', line: 1, column: 17, message: 'bigserial' }] },
    { sql: 'ALTER TABLE t ADD COLUMN n serial4;', errors: 1 },
  ],
});
