import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.merge-alter-table.js';

testRule(rule, {
  valid: [
    'ALTER TABLE users ADD COLUMN a int, ADD COLUMN b int;',
    'ALTER TABLE users ADD COLUMN a int;\nALTER TABLE orders ADD COLUMN b int;',
    'ALTER TABLE users RENAME COLUMN a TO b;\nALTER TABLE users ADD COLUMN c int;',
    { sql: 'ALTER TABLE users ADD COLUMN a int, ALGORITHM=INPLACE, LOCK=NONE;\nALTER TABLE orders MODIFY COLUMN b bigint;', engine: 'mysql' },
    { sql: 'ALTER TABLE users ADD COLUMN a int, ADD INDEX idx_a (a);', engine: 'tidb' },
  ],
  invalid: [
    { sql: 'ALTER TABLE users ADD COLUMN a int;\nALTER TABLE users ADD COLUMN b int;', errors: [{ messageId: 'merge', line: 2, column: 1, message: 'line 1' }] },
    { sql: 'ALTER TABLE app.t ADD COLUMN a int;\nALTER TABLE app.t DROP COLUMN b;\nALTER TABLE app.t DROP COLUMN c;', errors: 2 },
    { sql: 'ALTER TABLE `users` ADD COLUMN a int;\nALTER TABLE users ADD INDEX idx_a (a);', engine: 'mysql', errors: [{ messageId: 'merge', line: 2, column: 1, message: 'line 1' }] },
    { sql: 'ALTER TABLE users MODIFY COLUMN a bigint;\nALTER TABLE users CHANGE COLUMN b c int;', engine: 'tidb', errors: 1 },
  ],
});
