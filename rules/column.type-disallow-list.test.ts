import { testRule } from '../src/lint/rule-tester.js';
import rule from './column.type-disallow-list.js';

testRule(rule, {
  valid: [
    'CREATE TABLE t (id bigint PRIMARY KEY, doc json);',
    { sql: 'CREATE TABLE t (id bigint PRIMARY KEY, doc jsonb);', payload: { list: ['json'] } },
  ],
  invalid: [
    { sql: 'CREATE TABLE t (id bigint PRIMARY KEY, doc json);', payload: { list: ['JSON'] }, errors: [{ messageId: 'type', line: 1, column: 40, message: 'json' }] },
    { sql: 'ALTER TABLE t ADD COLUMN n integer;', payload: { list: ['int4'] }, errors: 1 },
    { sql: 'ALTER TABLE t ALTER COLUMN price TYPE money;', payload: { list: ['money'] }, errors: 1 },
  ],
});
