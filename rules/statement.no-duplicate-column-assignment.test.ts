import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.no-duplicate-column-assignment.js';

testRule(rule, {
  valid: [
    "UPDATE users SET name = 'b', email = 'c' WHERE id = 1;",
    "INSERT INTO users (id, name) VALUES (1, 'a');",
    "UPDATE shapes SET origin.x = 1, origin.y = 2 WHERE id = 1;",
  ],
  invalid: [
    { sql: "UPDATE users SET name = 'a', name = 'b' WHERE id = 1;", errors: [{ messageId: 'dup', line: 1, column: 30, message: 'name' }] },
    { sql: "INSERT INTO users (id, name, id) VALUES (1, 'a', 2);", errors: 1 },
    // in a file of several statements (parsed in one batch), at its own line and column
    { sql: "SELECT 1;\nUPDATE café SET note = 'é', name = 'a', note = 'b' WHERE id = 1;", errors: [{ messageId: 'dup', line: 2, column: 41, message: 'note' }] },
  ],
});
