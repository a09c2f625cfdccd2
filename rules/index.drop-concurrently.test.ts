import { testRule } from '../src/lint/rule-tester.js';
import rule from './index.drop-concurrently.js';

testRule(rule, {
  valid: ['DROP INDEX CONCURRENTLY IF EXISTS idx_users_email;', 'CREATE INDEX tmp_idx ON t (a);\nDROP INDEX tmp_idx;'],
  invalid: [
    { sql: 'DROP INDEX idx_users_email;', errors: [{ messageId: 'concurrently', line: 1, column: 1, message: 'idx_users_email' }] },
    { sql: 'DROP INDEX IF EXISTS a, app.b;', errors: 1 },
  ],
});
