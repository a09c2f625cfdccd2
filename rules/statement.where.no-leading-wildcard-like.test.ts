import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.where.no-leading-wildcard-like.js';

testRule(rule, {
  valid: [
    "SELECT id FROM users WHERE email LIKE 'admin%';",
    "DELETE FROM users WHERE email = '%x';",
    { sql: "SELECT id FROM users WHERE email LIKE 'a%b' AND note = '%';", engine: 'mysql' },
  ],
  invalid: [
    { sql: "SELECT id FROM users WHERE email LIKE '%@example.com';", errors: [{ messageId: 'leading', line: 1, column: 34 }] },
    { sql: "UPDATE users SET a = 1 WHERE name ILIKE '_bob';", engine: 'postgres', errors: 1 },
    { sql: "DELETE FROM t WHERE id IN (SELECT id FROM u WHERE n LIKE '%x');", errors: 1 },
    { sql: "UPDATE users SET a = 1 WHERE name NOT LIKE '_bob';", engine: 'mysql', errors: [{ messageId: 'leading', column: 39 }] },
  ],
});
