import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.disallow-order-by.js';

testRule(rule, {
  valid: [
    'DELETE FROM sessions WHERE expired = 1;',
    'UPDATE users SET active = 0 WHERE id IN (SELECT id FROM banned ORDER BY id);',
  ],
  invalid: [
    { sql: 'DELETE FROM sessions WHERE expired = 1 ORDER BY id;', errors: [{ messageId: 'orderBy', line: 1, column: 40, message: 'DELETE' }] },
    { sql: 'UPDATE users SET active = 0 WHERE a = 1 ORDER BY id DESC LIMIT 5;', errors: [{ messageId: 'orderBy', message: 'UPDATE' }] },
  ],
});
