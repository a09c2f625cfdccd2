import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.no-duplicate-column-assignment.js';

testRule(rule, {
  valid: ["UPDATE users SET name = 'b', email = 'c' WHERE id = 1;", "INSERT INTO users (id, name) VALUES (1, 'a');"],
  invalid: [
    { sql: "UPDATE users SET name = 'a', name = 'b' WHERE id = 1;", errors: [{ messageId: 'dup', line: 1, column: 30, message: 'name' }] },
    { sql: "INSERT INTO users (id, name, id) VALUES (1, 'a', 2);", errors: 1 },
  ],
});
