import { testRule } from '../src/lint/rule-tester.js';
import rule from './naming.table.js';

testRule(rule, {
  valid: [
    'CREATE TABLE user_accounts (id bigint PRIMARY KEY);',
    'ALTER TABLE users RENAME TO members;',
    { sql: 'CREATE TABLE T1 (id int);', payload: { format: '^t[0-9]$' } },
  ],
  invalid: [
    { sql: 'CREATE TABLE "UserAccounts" (id bigint PRIMARY KEY);', errors: [{ messageId: 'format', line: 1, column: 14, message: 'UserAccounts' }] },
    { sql: 'ALTER TABLE users RENAME TO users2;', errors: [{ messageId: 'format', column: 29 }] },
    { sql: 'CREATE TABLE abcdefghijk (id int);', payload: { maxLength: 10 }, errors: [{ messageId: 'length', message: '11 characters' }] },
  ],
});
