import { testRule } from '../src/lint/rule-tester.js';
import rule from './table.require-pk.js';

testRule(rule, {
  valid: [
    'CREATE TABLE t (id bigint PRIMARY KEY, name text);',
    'CREATE TABLE t (a int, b int, PRIMARY KEY (a, b));',
    'CREATE TEMP TABLE scratch (x int);',
    'ALTER TABLE t DROP CONSTRAINT t_pkey, ADD PRIMARY KEY (id, tenant);',
  ],
  invalid: [
    { sql: 'CREATE TABLE t (id int, name text);', errors: [{ messageId: 'missing', line: 1, column: 14 }] },
    { sql: 'CREATE TABLE app.events (\n  payload jsonb\n);', errors: [{ messageId: 'missing', message: 'app.events' }] },
    { sql: 'ALTER TABLE t DROP CONSTRAINT t_pkey;', errors: [{ messageId: 'dropped' }] },
  ],
});
