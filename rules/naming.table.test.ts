import { testRule } from '../src/lint/rule-tester.js';
import rule from './naming.table.js';

testRule(rule, {
  valid: [
    'CREATE TABLE user_accounts (id bigint PRIMARY KEY);',
    'ALTER TABLE users RENAME TO members;',
    { sql: 'CREATE TABLE T1 (id int);', engine: 'postgres', payload: { format: '^t[0-9]$' } },
    // Snowflake: unquoted names are case-insensitive (stored as USER_ACCOUNTS), so the format matches ignoring case.
    { sql: 'CREATE TABLE USER_ACCOUNTS (ID NUMBER PRIMARY KEY);', engine: 'snowflake' },
    { sql: 'ALTER TABLE users RENAME TO Members;', engine: 'snowflake' },
    { sql: 'RENAME TABLE users TO members;', engine: 'mysql' },
  ],
  invalid: [
    { sql: 'CREATE TABLE "UserAccounts" (id bigint PRIMARY KEY);', engine: 'postgres', errors: [{ messageId: 'format', line: 1, column: 14, message: 'UserAccounts' }] },
    { sql: 'ALTER TABLE users RENAME TO users2;', errors: [{ messageId: 'format', column: 29 }] },
    // Snowflake: a quoted name keeps its case, and the format applies to it as written.
    { sql: 'CREATE TABLE "user_Accounts" (ID NUMBER);', engine: 'snowflake', errors: [{ messageId: 'format', column: 14, message: 'user_Accounts' }] },
    { sql: 'ALTER TABLE users RENAME TO "Members";', engine: 'snowflake', errors: [{ messageId: 'format', message: 'Members' }] },
    { sql: 'CREATE TABLE abcdefghijk (id int);', payload: { maxLength: 10 }, errors: [{ messageId: 'length', message: '11 characters' }] },
    { sql: 'CREATE TABLE `UserAccounts` (id bigint PRIMARY KEY);', engine: 'mysql', errors: [{ messageId: 'format', line: 1, column: 14, message: 'UserAccounts' }] },
    { sql: 'RENAME TABLE users TO Users2;', engine: 'mysql', errors: [{ messageId: 'format', message: 'Users2' }] },
  ],
});
