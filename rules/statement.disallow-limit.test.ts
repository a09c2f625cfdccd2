import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.disallow-limit.js';

testRule(rule, {
  valid: [
    'DELETE FROM sessions WHERE expired = 1;',
    'UPDATE users SET active = 0 WHERE id = 3;',
    'INSERT INTO archive (id) SELECT id FROM events WHERE id < 10;',
  ],
  invalid: [
    { sql: 'DELETE FROM sessions WHERE expired = 1 LIMIT 1000;', errors: [{ messageId: 'limit', line: 1, column: 40, message: 'DELETE' }] },
    { sql: 'UPDATE users SET active = 0 ORDER BY id LIMIT 5;', errors: [{ messageId: 'limit', message: 'UPDATE' }] },
    { sql: 'INSERT INTO archive (id) SELECT id FROM events LIMIT 100;', errors: [{ messageId: 'limit', message: 'INSERT … SELECT' }] },
  ],
});
