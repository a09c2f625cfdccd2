import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.where.require.update-delete.js';

testRule(rule, {
  valid: [
    'DELETE FROM sessions WHERE expires_at < now();',
    "UPDATE users SET active = false WHERE last_seen < '2020-01-01';",
    'UPDATE users SET active = true WHERE true;',
    { sql: 'DELETE FROM events USING expired e WHERE events.id = e.id;', engine: 'snowflake' },
    { sql: 'UPDATE t SET a = (SELECT MAX(b) FROM u) WHERE id IN (SELECT id FROM v);', engine: 'snowflake' },
    { sql: 'DELETE FROM sessions WHERE id < 10 ORDER BY id LIMIT 100;', engine: 'mysql' },
    { sql: 'UPDATE users u JOIN orders o ON o.user_id = u.id SET u.n = 1 WHERE o.id = 2;', engine: 'mysql' },
  ],
  invalid: [
    { sql: 'DELETE FROM sessions;', engine: 'postgres', errors: [{ messageId: 'missing', line: 1, column: 1, message: 'DELETE on sessions' }] },
    { sql: 'UPDATE users SET active = false;', engine: 'postgres', errors: [{ messageId: 'missing', message: 'UPDATE on users' }] },
    // Snowflake names unquoted identifiers in upper case.
    { sql: 'DELETE FROM sessions;', engine: 'snowflake', errors: [{ messageId: 'missing', line: 1, column: 1, message: 'DELETE on SESSIONS' }] },
    { sql: 'UPDATE analytics.users SET active = FALSE;', engine: 'snowflake', errors: [{ messageId: 'missing', message: 'UPDATE on ANALYTICS.USERS' }] },
    { sql: 'UPDATE app.users u SET name = o.name FROM old_users o;', engine: 'postgres', errors: 1 },
    { sql: 'DELETE FROM sessions;', engine: 'mysql', errors: [{ messageId: 'missing', line: 1, column: 1, message: 'DELETE on sessions' }] },
    { sql: 'UPDATE `app`.users SET active = 0 LIMIT 10;', engine: 'tidb', errors: [{ messageId: 'missing', message: 'UPDATE on app.users' }] },
    { sql: 'UPDATE users u JOIN orders o ON o.user_id = u.id SET u.n = 1;', engine: 'mysql', errors: [{ messageId: 'missing', message: 'UPDATE on users' }] },
    { sql: 'DELETE FROM `sessions` ORDER BY id LIMIT 100;', engine: 'tidb', errors: [{ messageId: 'missing', message: 'DELETE on sessions' }] },
  ],
});
