import { testRule } from '../src/lint/rule-tester.js';
import rule from './index.concurrently-in-transaction.js';

testRule(rule, {
  valid: [
    'CREATE INDEX CONCURRENTLY idx_users_email ON users (email);',
    'BEGIN;\nUPDATE t SET a = 1 WHERE b = 2;\nCOMMIT;\nCREATE INDEX CONCURRENTLY i ON t (a);',
  ],
  invalid: [
    { sql: 'BEGIN;\nCREATE INDEX CONCURRENTLY idx_users_email ON users (email);\nCOMMIT;', errors: [{ messageId: 'tx', line: 2, column: 1, message: 'line 1' }] },
    { sql: 'START TRANSACTION;\nDROP INDEX CONCURRENTLY i;', errors: [{ messageId: 'tx', message: 'DROP INDEX CONCURRENTLY' }] },
  ],
});
