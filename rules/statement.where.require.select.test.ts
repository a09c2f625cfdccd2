import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.where.require.select.js';

testRule(rule, {
  valid: ['SELECT id FROM users WHERE id = 1;', 'SELECT 1;', "SELECT set_config('search_path', 'app', false);"],
  invalid: [
    { sql: 'SELECT id FROM users;', errors: [{ messageId: 'missing', line: 1, column: 1 }] },
    { sql: 'SELECT u.id FROM users u JOIN orders o ON o.user_id = u.id;', errors: 1 },
  ],
});
