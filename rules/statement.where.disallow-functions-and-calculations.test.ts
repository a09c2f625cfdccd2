import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.where.disallow-functions-and-calculations.js';

testRule(rule, {
  valid: [
    "SELECT id FROM users WHERE email = 'a@b.c';",
    { sql: "DELETE FROM sessions WHERE expires_at < now() - interval '1 day';", engine: 'postgres' },
    { sql: 'DELETE FROM sessions WHERE expires_at < NOW() - INTERVAL 1 DAY;', engine: 'mysql' },
    { sql: "UPDATE users SET name = UPPER(name) WHERE id = 3;", engine: 'mysql' },
  ],
  invalid: [
    { sql: "SELECT id FROM users WHERE lower(email) = 'a@b.c';", errors: [{ messageId: 'calc', line: 1, column: 28, message: 'lower()' }] },
    { sql: 'UPDATE items SET flag = true WHERE price * 2 > 100;', errors: [{ messageId: 'calc', message: '"*"' }] },
    { sql: "DELETE FROM users WHERE DATE(created_at) = '2024-01-01';", engine: 'mysql', errors: [{ messageId: 'calc', column: 25, message: 'DATE()' }] },
  ],
});
