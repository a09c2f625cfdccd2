import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.insert.must-specify-column.js';

testRule(rule, {
  valid: ["INSERT INTO roles (id, name) VALUES (1, 'admin');", 'INSERT INTO copy (id) SELECT id FROM src;'],
  invalid: [
    { sql: "INSERT INTO roles VALUES (1, 'admin');", errors: [{ messageId: 'columns', line: 1, column: 1, message: 'roles' }] },
    { sql: 'INSERT INTO app.copy SELECT id FROM src;', errors: [{ messageId: 'columns', message: 'app.copy' }] },
  ],
});
