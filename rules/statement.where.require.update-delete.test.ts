import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.where.require.update-delete.js';

testRule(rule, {
  valid: [
    'DELETE FROM sessions WHERE expires_at < now();',
    "UPDATE users SET active = false WHERE last_seen < '2020-01-01';",
    'UPDATE users SET active = true WHERE true;',
  ],
  invalid: [
    { sql: 'DELETE FROM sessions;', errors: [{ messageId: 'missing', line: 1, column: 1, message: 'DELETE on sessions' }] },
    { sql: 'UPDATE users SET active = false;', errors: [{ messageId: 'missing', message: 'UPDATE on users' }] },
    { sql: 'UPDATE app.users u SET name = o.name FROM old_users o;', errors: 1 },
  ],
});
