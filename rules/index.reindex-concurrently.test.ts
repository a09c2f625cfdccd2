import { testRule } from '../src/lint/rule-tester.js';
import rule from './index.reindex-concurrently.js';

testRule(rule, {
  valid: ['REINDEX INDEX CONCURRENTLY idx_users_email;', 'REINDEX (VERBOSE, CONCURRENTLY) TABLE users;'],
  invalid: [
    { sql: 'REINDEX INDEX idx_users_email;', errors: [{ messageId: 'reindex', line: 1, column: 1 }] },
    { sql: 'REINDEX TABLE users;', errors: 1 },
  ],
});
