import { testRule } from '../src/lint/rule-tester.js';
import rule from './index.primary-key-type-allowlist.js';

const list = ['bigint', 'uuid'];
testRule(rule, {
  valid: [
    { sql: 'CREATE TABLE t (id bigint PRIMARY KEY);', payload: { list } },
    { sql: 'CREATE TABLE t (id bigserial PRIMARY KEY);', payload: { list } },
    'CREATE TABLE t (id varchar(20) PRIMARY KEY);',
  ],
  invalid: [
    { sql: 'CREATE TABLE t (id varchar(20) PRIMARY KEY);', payload: { list }, errors: [{ messageId: 'type', line: 1, column: 17, message: 'varchar(20)' }] },
    { sql: 'CREATE TABLE t (a int, b text, PRIMARY KEY (a, b));', payload: { list }, errors: 2 },
  ],
});
