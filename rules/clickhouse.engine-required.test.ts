import { testRule } from '../src/lint/rule-tester.js';
import rule from './clickhouse.engine-required.js';

testRule(rule, {
  valid: [
    'CREATE TABLE events (id UInt64) ENGINE = MergeTree ORDER BY id;',
    'CREATE TABLE events_copy AS events;',
    'CREATE TEMPORARY TABLE scratch (id UInt64);',
  ],
  invalid: [
    { sql: 'CREATE TABLE events (id UInt64) ORDER BY id;', errors: [{ messageId: 'missing', line: 1, column: 14, message: 'CREATE TABLE events does not name an engine' }] },
    { sql: 'CREATE TABLE IF NOT EXISTS db.t\n(\n  a String\n)\nPRIMARY KEY a;', errors: [{ messageId: 'missing', line: 1, column: 31 }] },
  ],
});
