import { testRule } from '../src/lint/rule-tester.js';
import rule from './naming.identifier.case.js';

testRule(rule, {
  valid: [
    'CREATE TABLE users (id NUMBER PRIMARY KEY, email STRING);',
    'CREATE TABLE "USERS" ("ID" NUMBER);',
    { sql: 'CREATE TABLE "users" ("id" NUMBER);', payload: { upper: false } },
  ],
  invalid: [
    { sql: 'CREATE TABLE "Users" (ID NUMBER PRIMARY KEY);', errors: [{ messageId: 'upper', line: 1, column: 14, message: 'Users' }] },
    { sql: 'ALTER TABLE users ADD COLUMN "createdAt" TIMESTAMP_NTZ;', errors: [{ messageId: 'upper', message: 'createdAt' }] },
    { sql: 'CREATE TABLE users (id NUMBER);', payload: { upper: false }, errors: [{ messageId: 'lower' }, { messageId: 'lower' }] },
    { sql: 'CREATE VIEW "activeUsers" AS SELECT 1 AS X;', errors: 1 },
  ],
});
