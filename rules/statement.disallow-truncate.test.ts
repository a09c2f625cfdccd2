import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.disallow-truncate.js';

testRule(rule, {
  valid: ['DELETE FROM sessions WHERE expires_at < now();', 'DROP TABLE sessions_del;',
    { sql: 'DELETE FROM sessions WHERE id < 10 LIMIT 100;', engine: 'mysql' },
    { sql: 'ALTER TABLE events TRUNCATE PARTITION p0;', engine: 'mysql' },
  ],
  invalid: [
    { sql: 'TRUNCATE sessions;', errors: [{ messageId: 'truncate', line: 1, column: 1 }] },
    { sql: '\n  TRUNCATE TABLE a, b RESTART IDENTITY;', engine: 'postgres', errors: [{ messageId: 'truncate', line: 2, column: 3, message: 'a, b' }] },
    { sql: '\n  TRUNCATE TABLE `app`.`sessions`;', engine: 'mysql', errors: [{ messageId: 'truncate', line: 2, column: 3, message: 'sessions' }] },
  ],
});
