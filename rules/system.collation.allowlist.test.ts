import { testRule } from '../src/lint/rule-tester.js';
import rule from './system.collation.allowlist.js';

const list = ['C'];
testRule(rule, {
  valid: [
    { sql: 'CREATE TABLE t (id bigint PRIMARY KEY, name text COLLATE "C");', payload: { list } },
    'CREATE TABLE t (id bigint PRIMARY KEY, name text COLLATE "de_DE");',
  ],
  invalid: [
    { sql: 'CREATE TABLE t (id bigint PRIMARY KEY, name text COLLATE "de_DE");', payload: { list }, errors: [{ messageId: 'collation', line: 1, column: 50, message: 'de_DE' }] },
    { sql: "CREATE DATABASE r LC_COLLATE 'en_US.utf8';", payload: { list }, errors: 1 },
    { sql: 'ALTER TABLE t ALTER COLUMN name TYPE text COLLATE "sv_SE";', payload: { list }, errors: 1 },
  ],
});
