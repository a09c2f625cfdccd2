import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.insert.must-specify-column.js';

testRule(rule, {
  valid: [
    "INSERT INTO roles (id, name) VALUES (1, 'admin');", 'INSERT INTO copy (id) SELECT id FROM src;',
    { sql: 'INSERT INTO roles SET id = 1, name = 2;', engine: 'mysql' },
    { sql: 'REPLACE INTO roles (id, name) VALUES (1, 2);', engine: 'mysql' },
  ],
  invalid: [
    { sql: "INSERT INTO roles VALUES (1, 'admin');", errors: [{ messageId: 'columns', line: 1, column: 1, message: 'roles' }] },
    { sql: 'INSERT INTO app.copy SELECT id FROM src;', errors: [{ messageId: 'columns', message: 'app.copy' }] },
    { sql: 'REPLACE INTO roles VALUES (1, 2);', engine: 'mysql', errors: [{ messageId: 'columns', message: 'roles' }] },
  ],
});
