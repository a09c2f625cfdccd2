import { testRule } from '../src/lint/rule-tester.js';
import rule from './column.type-disallow-list.js';

testRule(rule, {
  valid: [
    'CREATE TABLE t (id bigint PRIMARY KEY, doc json);',
    { sql: 'CREATE TABLE t (id bigint PRIMARY KEY, doc jsonb);', payload: { list: ['json'] }, engine: 'postgres' },
    { sql: 'CREATE TABLE t (id bigint unsigned PRIMARY KEY, doc longtext, at datetime(3));', payload: { list: ['json', 'timestamp'] }, engine: 'mysql' },
    { sql: 'ALTER TABLE t MODIFY COLUMN doc mediumtext;', payload: { list: ['text', 'blob'] }, engine: 'tidb' },
  ],
  invalid: [
    { sql: 'CREATE TABLE t (id bigint PRIMARY KEY, doc json);', payload: { list: ['JSON'] }, errors: [{ messageId: 'type', line: 1, column: 40, message: 'json' }] },
    { sql: 'ALTER TABLE t ADD COLUMN n integer;', payload: { list: ['int4'] }, errors: 1 },
    { sql: 'ALTER TABLE t ALTER COLUMN price TYPE money;', payload: { list: ['money'] }, errors: 1, engine: 'postgres' },
    { sql: 'CREATE TABLE t (id int PRIMARY KEY, a enum(\'x\',\'y\'), b set(\'p\'), c json);', payload: { list: ['ENUM', 'set'] }, engine: 'mysql', errors: [{ messageId: 'type', line: 1, column: 37, message: 't.a uses the forbidden type enum' }, { messageId: 'type', message: 't.b' }] },
    { sql: 'ALTER TABLE t MODIFY COLUMN price float, CHANGE COLUMN x y double;', payload: { list: ['float', 'double'] }, engine: 'mysql', errors: 2 },
  ],
});
