import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.select.no-select-all.js';

testRule(rule, {
  valid: [
    'SELECT id, email FROM users;',
    'SELECT count(*) FROM users;',
    'INSERT INTO users_copy (id, email) SELECT id, email FROM users;',
    { sql: 'SELECT a * b AS product FROM t;', engine: 'snowflake' },
    { sql: 'CREATE VIEW v AS SELECT COUNT(*) AS n FROM t;', engine: 'snowflake' },
    { sql: 'SELECT COUNT(*) FROM users WHERE id > 3;', engine: 'mysql' },
  ],
  invalid: [
    { sql: 'SELECT * FROM users;', errors: [{ messageId: 'star', line: 1, column: 8 }] },
    { sql: 'INSERT INTO users_copy SELECT u.* FROM users u;', engine: 'postgres', errors: 1 },
    { sql: 'CREATE VIEW active_users AS SELECT * FROM users WHERE active;', errors: 1 },
    { sql: 'CREATE OR REPLACE TABLE events_copy AS\nSELECT * FROM events;', engine: 'snowflake', errors: [{ messageId: 'star', line: 2, column: 8 }] },
    { sql: 'SELECT DISTINCT * FROM raw.events;', engine: 'snowflake', errors: 1 },
    { sql: 'INSERT INTO users_copy SELECT u.* FROM users AS u;', engine: 'mysql', errors: 1 },
    { sql: 'CREATE VIEW v AS SELECT * FROM users;', engine: 'mysql', errors: [{ messageId: 'star', column: 25 }] },
  ],
});
