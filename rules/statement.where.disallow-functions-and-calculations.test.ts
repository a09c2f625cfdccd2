import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.where.disallow-functions-and-calculations.js';

testRule(rule, {
  valid: [
    "SELECT id FROM users WHERE email = 'a@b.c';",
    "DELETE FROM sessions WHERE expires_at < now() - interval '1 day';",
  ],
  invalid: [
    { sql: "SELECT id FROM users WHERE lower(email) = 'a@b.c';", errors: [{ messageId: 'calc', line: 1, column: 28, message: 'lower()' }] },
    { sql: 'UPDATE items SET flag = true WHERE price * 2 > 100;', errors: [{ messageId: 'calc', message: '"*"' }] },
  ],
});
