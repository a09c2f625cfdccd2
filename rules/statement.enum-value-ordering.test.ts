import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.enum-value-ordering.js';

testRule(rule, {
  valid: ["ALTER TYPE status ADD VALUE 'archived' AFTER 'done';", "ALTER TYPE status RENAME VALUE 'a' TO 'b';"],
  invalid: [
    { sql: "ALTER TYPE status ADD VALUE 'archived';", errors: [{ messageId: 'order', line: 1, column: 1, message: 'archived' }] },
    { sql: "ALTER TYPE app.status ADD VALUE IF NOT EXISTS 'x';", errors: 1 },
  ],
});
