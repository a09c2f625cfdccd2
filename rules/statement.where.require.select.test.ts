import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.where.require.select.js';

testRule(rule, {
  valid: [
    'SELECT id FROM users WHERE id = 1;', 'SELECT 1;', "SELECT set_config('search_path', 'app', false);",
    { sql: "SELECT GET_DDL('TABLE', 'EVENTS');", engine: 'snowflake' },
    { sql: 'SELECT id FROM events WHERE id IN (SELECT id FROM other);', engine: 'snowflake' },
    { sql: 'SELECT id FROM users WHERE id = 1 LIMIT 1;', engine: 'mysql' },
    { sql: 'SELECT @@version;', engine: 'tidb' },
  ],
  invalid: [
    { sql: 'SELECT id FROM users;', errors: [{ messageId: 'missing', line: 1, column: 1 }] },
    { sql: 'SELECT u.id FROM users u JOIN orders o ON o.user_id = u.id;', errors: 1 },
    { sql: 'WITH recent AS (SELECT id FROM events WHERE ts > DATEADD(day, -1, CURRENT_TIMESTAMP()))\nSELECT id FROM recent;', engine: 'snowflake', errors: 1 },
    { sql: 'SELECT id FROM raw.events // all of them\n;', engine: 'snowflake', errors: [{ messageId: 'missing', line: 1, column: 1 }] },
    { sql: 'SELECT id FROM `users` LIMIT 10;', engine: 'mysql', errors: [{ messageId: 'missing', line: 1, column: 1 }] },
  ],
});
