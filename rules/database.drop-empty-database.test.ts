import { testRule } from '../src/lint/rule-tester.js';
import rule from './database.drop-empty-database.js';

testRule(rule, {
  valid: [
    'DROP DATABASE scratch;',
    { sql: 'DROP DATABASE IF EXISTS scratch;', before: 'CREATE TABLE shop.orders (id bigint PRIMARY KEY);' },
    'CREATE TABLE shop.orders (id bigint PRIMARY KEY);\nDROP TABLE shop.orders;\nDROP DATABASE shop;',
  ],
  invalid: [
    { sql: 'CREATE TABLE shop.orders (id bigint PRIMARY KEY);\nDROP DATABASE shop;', errors: [{ messageId: 'notEmpty', line: 2, column: 15, message: 'shop still has 1 table(s) (orders)' }] },
    { sql: 'DROP SCHEMA `Shop`;', before: 'CREATE TABLE shop.orders (id bigint PRIMARY KEY);\nCREATE TABLE shop.items (id bigint PRIMARY KEY);', errors: [{ messageId: 'notEmpty', message: '2 table(s)' }] },
  ],
});
