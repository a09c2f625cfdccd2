import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.where.require.update-delete.js';

testRule(rule, {
  valid: [
    'DELETE FROM sessions WHERE expires_at < now();',
    "UPDATE users SET active = false WHERE last_seen < '2020-01-01';",
    'UPDATE users SET active = true WHERE true;',
    { sql: 'DELETE FROM events USING expired e WHERE events.id = e.id;', engine: 'snowflake' },
    { sql: 'UPDATE t SET a = (SELECT MAX(b) FROM u) WHERE id IN (SELECT id FROM v);', engine: 'snowflake' },
  ],
  invalid: [
    { sql: 'DELETE FROM sessions;', engine: 'postgres', errors: [{ messageId: 'missing', line: 1, column: 1, message: 'DELETE on sessions' }] },
    { sql: 'UPDATE users SET active = false;', engine: 'postgres', errors: [{ messageId: 'missing', message: 'UPDATE on users' }] },
    // Snowflake names unquoted identifiers in upper case.
    { sql: 'DELETE FROM sessions;', engine: 'snowflake', errors: [{ messageId: 'missing', line: 1, column: 1, message: 'DELETE on SESSIONS' }] },
    { sql: 'UPDATE analytics.users SET active = FALSE;', engine: 'snowflake', errors: [{ messageId: 'missing', message: 'UPDATE on ANALYTICS.USERS' }] },
    { sql: 'UPDATE app.users u SET name = o.name FROM old_users o;', errors: 1 },
  ],
});
