import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.disallow-truncate.js';

testRule(rule, {
  valid: ['DELETE FROM sessions WHERE expires_at < now();', 'DROP TABLE sessions_del;'],
  invalid: [
    { sql: 'TRUNCATE sessions;', errors: [{ messageId: 'truncate', line: 1, column: 1 }] },
    { sql: '\n  TRUNCATE TABLE a, b RESTART IDENTITY;', errors: [{ messageId: 'truncate', line: 2, column: 3, message: 'a, b' }] },
  ],
});
